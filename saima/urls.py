from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.views.i18n import set_language

from common.interfaces.params import IdConverter
from review.views import (
    advancement,
    awards,
    ballot,
    control,
    judge,
    lockouts,
    pages,
    people,
    qr,
    results,
    roster,
    screen,
    settings_page,
    setup,
    stage,
    vote,
)
from review.views.access import rule

register_converter(IdConverter, "id")

event = "events/<id:event_pk>/"

urlpatterns = [
    path("", pages.home, name="home"),
    path("login/", rule("public")(auth_views.LoginView.as_view()), name="login"),
    path("logout/", rule("public")(auth_views.LogoutView.as_view()), name="logout"),
    path("q/<str:token>/", qr.qr_login, name="qr-login"),
    path("events/new/", setup.event_new, name="event-new"),
    # Judges
    path(event + "judge/", judge.running_order, name="judge-running-order"),
    path(event + "judge/live/", judge.live, name="judge-live"),
    path(event + "judge/ballot/<id:award_pk>/", ballot.ballot, name="judge-ballot"),
    path(event + "show.json", screen.phones_state, name="show-state"),
    path(event + "judge/sign-off/", judge.sign_off_page, name="judge-sign-off"),
    path(event + "judge/sign-off/confirm/", judge.sign_off_confirm, name="judge-sign-off-confirm"),
    path(event + "judge/<id:appearance_pk>/", judge.score_sheet, name="judge-sheet"),
    path(
        event + "judge/<id:appearance_pk>/<id:segment_pk>/",
        judge.score_sheet,
        name="judge-segment-sheet",
    ),
    # The event's people
    path(event + "control/", control.control_room, name="control-room"),
    path(event + "control/progress/", control.progress, name="control-progress"),
    path(event + "control/act/", control.act, name="control-act"),
    path(
        event + "control/sheets/<id:judge_pk>/<id:appearance_pk>/",
        control.sheet_detail,
        name="control-sheet",
    ),
    path(
        event + "control/sheets/<id:judge_pk>/<id:appearance_pk>/reopen/",
        control.sheet_reopen,
        name="control-sheet-reopen",
    ),
    path(event + "control/audit/", control.audit_log, name="control-audit"),
    path(event + "control/people/", people.people, name="event-people"),
    path(event + "control/settings/", settings_page.event_settings, name="event-settings"),
    path(event + "control/structure/", setup.event_structure, name="event-structure"),
    path(event + "control/advance/", advancement.advancement, name="event-advance"),
    path(event + "control/awards/", awards.awards_page, name="event-awards"),
    path(event + "control/ceremony/", awards.ceremony, name="control-ceremony"),
    path(event + "control/certificates.pdf", awards.certificates, name="event-certificates"),
    path(event + "control/adjustments/", stage.adjustments_page, name="event-adjustments"),
    path(event + "control/clock/", stage.clock_action, name="control-clock"),
    path(event + "control/vote/<id:award_pk>/", vote.vote_control, name="vote-control"),
    path(event + "control/vote/<id:award_pk>/options/", vote.vote_options, name="vote-options"),
    path(event + "control/vote/<id:award_pk>/tickets/", vote.vote_tickets, name="vote-tickets"),
    path(event + "screen/vote/", vote.screen_vote, name="big-screen-vote"),
    path(event + "screen/clock/", stage.screen_clock, name="big-screen-clock"),
    path("v/<str:token>/", vote.vote, name="vote"),
    path("v/<str:token>/qr.svg", vote.vote_qr, name="vote-qr"),
    path(event + "control/logins/", lockouts.lockouts, name="event-lockouts"),
    path(event + "control/roster/", roster.roster_import, name="roster-import"),
    path(event + "control/roster.xlsx", roster.roster_template, name="roster-template"),
    path(event + "control/qr/", qr.qr_sheet, name="qr-sheet"),
    path(event + "control/qr/issue/", qr.qr_issue_missing, name="qr-issue-missing"),
    path(event + "control/qr.zip", qr.qr_zip, name="qr-zip"),
    path(event + "control/qr/<id:judge_pk>.png", qr.qr_png, name="qr-png"),
    path(event + "control/qr/<id:judge_pk>/", qr.qr_manage, name="qr-manage"),
    # Everyone
    path(event + "screen/", screen.big_screen, name="big-screen"),
    path(event + "screen/state/", screen.screen_fragment, name="big-screen-state"),
    path(event + "results/", results.leaderboard, name="results"),
    path(event + "results.xlsx", results.export_xlsx, name="results-xlsx"),
    path("", include("season.urls")),
    path("", include("inspection.urls")),
    path("", include("stamps.urls")),
    path("i18n/setlang/", rule("public")(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

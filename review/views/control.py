"""The organiser's control room: run the show one click at a time, watch the judges' progress."""

from django.contrib import messages
from django.core.paginator import EmptyPage
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.interfaces.params import id_param
from common.interfaces.refusals import not_done, refusals_as_messages
from review.domain import show
from review.domain.corrections import CorrectionRefused, reopen_sheet
from review.domain.roles import Can, can, may_set_status
from review.models import Appearance, AuditEntry, Event, Judge, ScoreSheet, Segment
from review.queries.audit import audit_entries
from review.queries.awards import ceremony_state, rounds_with_awards
from review.queries.progress import event_progress
from review.queries.structure import rounds_of
from review.tables import AuditTable, page_number
from review.views.access import REFUSED, event_view, refuse
from review.views.rounds import chosen_round
from review.views.stage import clock_parts


def _progress_context(request, event):
    rounds = rounds_of(event)
    progress = event_progress(event, chosen_round(request, rounds), rounds)
    return {
        "event": event,
        "rounds": rounds if len(rounds) > 1 else [],
        "progress": progress,
        "round": progress.round,
        "segments": progress.segments if len(progress.segments) > 1 else [],
        "appearances": progress.appearances,
        "matrix": progress.matrix,
        "on_stage": progress.on_stage,
        "seconds_left": progress.seconds_left,
    }


@event_view(Can.RUN)
def control_room(request, event):
    context = _progress_context(request, event)
    context["steps"] = [
        step
        for step in show.next_steps(event.status)
        if may_set_status(request.user, event.pk, step.status)
    ]
    context["manage"] = can(request.user, event.pk, Can.MANAGE)
    context["clock_parts"] = clock_parts(context["on_stage"])
    context["award_rounds"] = rounds_with_awards(event)
    if event.ceremony_round_id:
        context["ceremony"] = ceremony_state(event)
    return render(request, "review/control/room.html", context)


@event_view(Can.RUN)
def progress(request, event):
    """The part of the control room that refreshes itself."""
    return render(request, "review/control/_progress.html", _progress_context(request, event))


ACTIONS = {
    "present": lambda e, s, u, p: show.set_presenting(e, s, u),
    "open": lambda e, s, u, p: show.open_scoring(e, s, u, segment=_segment(e, s, p)),
    "close": lambda e, s, u, p: show.close_scoring(e, s, u),
    "reveal": lambda e, s, u, p: show.reveal(e, s, u, override=p.get("override") == "1"),
}


def _segment(event, appearance, posted) -> Segment | None:
    """The segment to open (``segment`` posted), or ``None``: all of the report's at once."""
    raw = posted.get("segment", "")
    if not raw:
        return None
    return get_object_or_404(Segment, pk=id_param(raw), round=appearance.round_id)


DONE = {
    "present": gettext_lazy("Now presenting: %(name)s."),
    "open": gettext_lazy("Scoring is open for %(name)s."),
    "close": gettext_lazy("Scoring is closed for %(name)s."),
    "reveal": gettext_lazy("%(name)s is revealed on the big screen."),
}
ALREADY = gettext_lazy("Nothing to do: %(name)s is already in that state.")


@require_POST
@event_view(Can.RUN)
def act(request, event):
    """One step of the show. Safe to click twice: the second click changes nothing."""
    action = request.POST.get("action", "")
    try:
        if action == "next":
            following = show.advance(event, request.user)
            messages.success(request, DONE["present"] % {"name": following.contestant.name})
        elif action == "status":
            status = request.POST.get("status", "")
            if status not in Event.Status.values:
                raise show.ShowRefused(_("Unknown event status."))
            if not may_set_status(request.user, event.pk, status):
                return refuse(request, REFUSED[Can.MANAGE] % {"event": event.name})
            warning = show.step_warning(event.status, status)
            if warning and request.POST.get("confirmed") != "1":
                return render(
                    request,
                    "review/control/confirm.html",
                    {"event": event, "status": Event.Status(status), "warning": warning},
                )
            if show.set_event_status(event, status, request.user):
                messages.success(
                    request, _("The event is now “%(s)s”.") % {"s": Event.Status(status).label}
                )
            else:
                messages.info(
                    request,
                    _("Nothing changed: the event is already “%(s)s”.")
                    % {"s": Event.Status(status).label},
                )
        elif action in ACTIONS:
            appearance = get_object_or_404(
                Appearance.objects.select_related("contestant"),
                pk=id_param(request.POST.get("appearance")),
                event=event,
            )
            changed = ACTIONS[action](event, appearance, request.user, request.POST)
            if changed:
                messages.success(request, DONE[action] % {"name": appearance.contestant.name})
            else:
                messages.info(request, ALREADY % {"name": appearance.contestant.name})
        else:
            raise show.ShowRefused(_("Unknown action."))
    except show.MissingSheets as missing:
        messages.warning(
            request,
            _("Not done: %(message)s Tick “reveal anyway” to reveal without them.")
            % {"message": missing.message},
        )
    except show.ShowRefused as refused:
        messages.warning(request, not_done(refused))
    return redirect("control-room", event_pk=event.pk)


def _sheets_of(event, judge_pk, appearance_pk):
    """The judge, the report, and the judge's sheet for each segment of it (or ``None``)."""
    judge = get_object_or_404(Judge, pk=judge_pk, event=event)
    appearance = get_object_or_404(
        Appearance.objects.select_related("contestant__unit"), pk=appearance_pk, event=event
    )
    segments = list(Segment.objects.filter(round=appearance.round_id))
    sheets = {
        s.segment_id: s
        for s in ScoreSheet.objects.filter(judge=judge, appearance=appearance).prefetch_related(
            "scores__criterion"
        )
    }
    return judge, appearance, [(segment, sheets.get(segment.pk)) for segment in segments]


@event_view(Can.VIEW)
def sheet_detail(request, event, judge_pk, appearance_pk):
    judge, appearance, parts = _sheets_of(event, judge_pk, appearance_pk)
    history = AuditEntry.objects.filter(
        event=event, judge=judge, appearance=appearance
    ).select_related("actor", "criterion")
    return render(
        request,
        "review/control/sheet.html",
        {
            "event": event,
            "judge": judge,
            "appearance": appearance,
            "parts": parts,
            "segmented": len(parts) > 1,
            "history": history,
            "manage": can(request.user, event.pk, Can.MANAGE),
        },
    )


@require_POST
@event_view(Can.MANAGE)
def sheet_reopen(request, event, judge_pk, appearance_pk):
    judge, appearance, parts = _sheets_of(event, judge_pk, appearance_pk)
    wanted = request.POST.get("segment", "")
    sheet = next((s for segment, s in parts if len(parts) == 1 or str(segment.pk) == wanted), None)
    with refusals_as_messages(request):
        if sheet is None:
            raise CorrectionRefused(_("Only a submitted sheet can be reopened."))
        reopen_sheet(sheet, request.user, request.POST.get("reason", ""))
        messages.success(
            request,
            _("The sheet is reopened; %(judge)s can now correct it.")
            % {"judge": judge.display_name},
        )
    return redirect(
        "control-sheet", event_pk=event.pk, judge_pk=judge.pk, appearance_pk=appearance.pk
    )


@event_view(Can.VIEW)
def audit_log(request, event):
    sort = request.GET.get("sort", "")
    columns = {name for name, _column in AuditTable.base_columns.items()}
    table = AuditTable(
        audit_entries(event), order_by=sort if sort.lstrip("-") in columns else "-at"
    )
    try:
        table.paginate(page=page_number(request), per_page=100)
    except EmptyPage:
        table.paginate(page=1, per_page=100)
    return render(request, "review/control/audit.html", {"event": event, "table": table})

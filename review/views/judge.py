"""The judge's pages, made for a phone: the running order, one scoring form per report, the
page that follows the live show, and the sign-off."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from review.domain.recusal import declared_recusals, is_recused, recused_pairs
from review.domain.sheets import SheetRefused, check_can_score, save_sheet, scoring_refusal
from review.domain.signoff import outstanding, sign_off
from review.forms import ScoreSheetForm, field_name
from review.models import Criterion, Score, ScoreSheet, Submission
from review.queries.show import seconds_left, show_state_of
from review.scoring import max_total, sheet_total
from review.views.access import judge_view, rule


def _sheet_states(judge, submissions):
    recused = recused_pairs([judge], submissions, declared_recusals(judge.event.pk))
    sheets = {s.submission_id: s for s in ScoreSheet.objects.filter(judge=judge)}
    return recused, sheets


@judge_view
def running_order(request, judge):
    """The judge's reports in presentation order, each with the state of the judge's sheet."""
    event = judge.event
    submissions = list(Submission.objects.filter(event=event).select_related("contestant__unit"))
    recused, sheets = _sheet_states(judge, submissions)
    items = [
        {
            "submission": sub,
            "recused": (judge.pk, sub.pk) in recused,
            "status": sheets[sub.pk].status if sub.pk in sheets else None,
            "presenting": sub.pk == event.presenting_id,
        }
        for sub in submissions
    ]
    return render(
        request,
        "review/judge/running_order.html",
        {"event": event, "judge": judge, "items": items, "follow": event.live_show},
    )


def _now_state(judge) -> dict:
    """Where the show is, for this judge: where their phone lands (``live``)."""
    event = judge.event  # loaded with the report on stage by judge_view, this request
    show = show_state_of(event)
    live = reverse("judge-live", args=[event.pk])
    if show.presenting is None:
        return {"presenting": None, "open": False, "seconds_left": None, "live_url": live}
    sub = event.presenting
    sheet = ScoreSheet.objects.filter(judge=judge, submission=sub).order_by().first()
    now = timezone.now()
    recused = is_recused(judge, sub)
    return {
        "presenting": show.presenting,
        "name": show.name,
        "open": show.is_open(now),
        "seconds_left": show.seconds_left(now),
        "submitted": sheet is not None and sheet.is_submitted,
        "recused": recused,
        "refusal": scoring_refusal(judge, sub, event, sheet, now, recused=recused),
        "url": reverse("judge-sheet", args=[event.pk, sub.pk]),
        "live_url": live,
    }


@judge_view
def live(request, judge):
    """Where a judge's phone lands after the QR code: the report being scored now, or a page
    that waits for it."""
    state = _now_state(judge)
    if state["presenting"] is not None and state["refusal"] is None:
        return redirect(state["url"])
    return render(
        request, "review/judge/waiting.html", {"event": judge.event, "judge": judge, "state": state}
    )


def _initial(sheet, criteria):
    if sheet is None:
        return {}
    values = dict(sheet.scores.values_list("criterion_id", "value"))
    initial = {field_name(c): values[c.pk] for c in criteria if c.pk in values}
    initial["comment"] = sheet.comment
    return initial


def _read_only(request, context, sheet, message, status):
    scores = Score.objects.filter(sheet=sheet).select_related("criterion") if sheet else []
    return render(
        request,
        "review/judge/sheet_readonly.html",
        {**context, "scores": scores, "message": message},
        status=status,
    )


@rule("scorer")
@judge_view
def score_sheet(request, judge, submission_pk):
    """GET the form; POST ``action`` = ``draft`` (save), ``review`` (confirm page) or ``submit``.

    A submitted sheet, or one whose report is not open for scoring, is shown read-only.
    """
    event = judge.event
    submission = get_object_or_404(
        Submission.objects.select_related("contestant__unit"), pk=submission_pk, event=event
    )
    criteria = list(Criterion.objects.filter(event=event))
    sheet = ScoreSheet.objects.filter(judge=judge, submission=submission).order_by().first()
    specs = [c.spec for c in criteria]
    context = {
        "event": event,
        "judge": judge,
        "submission": submission,
        "sheet": sheet,
        "max_total": max_total(specs),
        "follow": event.live_show,
        "seconds_left": seconds_left(submission, timezone.now()),
    }
    posted = request.method == "POST"

    if sheet is not None and sheet.is_submitted:
        if posted:
            messages.error(request, _("This sheet was already submitted and cannot be changed."))
        return _read_only(request, context, sheet, None, 409 if posted else 200)
    try:
        check_can_score(judge, submission, event, sheet)
    except SheetRefused as refused:
        return _read_only(request, context, sheet, refused.message, 403)

    action = request.POST.get("action", "draft")
    if not posted:
        form = ScoreSheetForm(
            initial=_initial(sheet, criteria), criteria=criteria, require_all=False
        )
        return render(request, "review/judge/sheet.html", {**context, "form": form})

    form = ScoreSheetForm(request.POST, criteria=criteria, require_all=action != "draft")
    if not form.is_valid():
        messages.error(request, _("Some scores need correcting; see the messages below."))
        return render(request, "review/judge/sheet.html", {**context, "form": form}, status=400)
    if action == "review":
        values = form.values()
        rows = [(c, field_name(c), values[c.pk]) for c in criteria]
        return render(
            request,
            "review/judge/confirm.html",
            {**context, "form": form, "rows": rows, "total": sheet_total(values, specs)},
        )
    try:
        save_sheet(
            judge,
            submission,
            form.values(),
            submit=action == "submit",
            comment=form.cleaned_data["comment"],
            actor=request.user,
        )
    except SheetRefused as refused:
        sheet = ScoreSheet.objects.filter(judge=judge, submission=submission).order_by().first()
        return _read_only(request, context, sheet, refused.message, 409)
    if action == "submit":
        messages.success(
            request,
            _("Your scores for %(name)s are submitted.") % {"name": submission.contestant.name},
        )
        return redirect(
            "judge-live" if event.live_show else "judge-running-order", event_pk=event.pk
        )
    messages.success(request, _("Draft saved."))
    return redirect("judge-sheet", event_pk=event.pk, submission_pk=submission.pk)


@judge_view
def sign_off_page(request, judge):
    """签字确认: every sheet of the judge at a glance, then one confirmation for all."""
    event = judge.event
    submissions = list(Submission.objects.filter(event=event).select_related("contestant__unit"))
    recused, sheets = _sheet_states(judge, submissions)
    specs = [c.spec for c in Criterion.objects.filter(event=event)]
    values = {}
    for criterion_id, sheet_id, value in Score.objects.filter(sheet__judge=judge).values_list(
        "criterion_id", "sheet_id", "value"
    ):
        values.setdefault(sheet_id, {})[criterion_id] = value
    rows = []
    for sub in submissions:
        sheet = sheets.get(sub.pk)
        rows.append(
            {
                "submission": sub,
                "recused": (judge.pk, sub.pk) in recused,
                "sheet": sheet,
                "total": sheet_total(values.get(sheet.pk, {}), specs) if sheet else None,
            }
        )
    left = outstanding(judge)
    return render(
        request,
        "review/judge/sign_off.html",
        {"event": event, "judge": judge, "rows": rows, "outstanding": left},
    )


@require_POST
@judge_view
def sign_off_confirm(request, judge):
    if sign_off(judge, request.user):
        messages.success(request, _("Thank you. Your sign-off is recorded."))
    else:
        messages.error(request, _("Some reports are still to be scored; see the list."))
    return redirect("judge-sign-off", event_pk=judge.event.pk)

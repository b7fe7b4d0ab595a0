"""The judge's pages, made for a phone: the running order and one scoring form per report."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from review.domain.recusal import declared_recusals, recused_pairs
from review.domain.sheets import SheetRefused, check_can_score, save_sheet
from review.forms import ScoreSheetForm, field_name
from review.models import Criterion, Score, ScoreSheet, Submission
from review.scoring import max_total, sheet_total
from review.views.access import judge_view, refuse


@judge_view
def running_order(request, judge):
    """The judge's reports in presentation order, each with the state of the judge's sheet."""
    event = judge.event
    submissions = list(Submission.objects.filter(event=event).select_related("contestant__unit"))
    recused = recused_pairs([judge], submissions, declared_recusals(event.pk))
    status = dict(ScoreSheet.objects.filter(judge=judge).values_list("submission_id", "status"))
    items = [
        {
            "submission": sub,
            "recused": (judge.pk, sub.pk) in recused,
            "status": status.get(sub.pk),
        }
        for sub in submissions
    ]
    return render(
        request,
        "review/judge/running_order.html",
        {"event": event, "judge": judge, "items": items},
    )


def _initial(sheet, criteria):
    if sheet is None:
        return {}
    values = dict(sheet.scores.values_list("criterion_id", "value"))
    initial = {field_name(c): values[c.pk] for c in criteria if c.pk in values}
    initial["comment"] = sheet.comment
    return initial


@judge_view
def score_sheet(request, judge, submission_pk):
    """GET the form; POST ``action`` = ``draft`` (save), ``review`` (confirm page) or ``submit``."""
    event = judge.event
    submission = get_object_or_404(
        Submission.objects.select_related("contestant__unit"), pk=submission_pk, event=event
    )
    criteria = list(Criterion.objects.filter(event=event))
    sheet = ScoreSheet.objects.filter(judge=judge, submission=submission).first()
    context = {
        "event": event,
        "judge": judge,
        "submission": submission,
        "sheet": sheet,
        "max_total": max_total([c.spec for c in criteria]),
    }

    if sheet is not None and sheet.is_submitted:
        posted = request.method == "POST"
        if posted:
            messages.error(request, _("This sheet was already submitted and cannot be changed."))
        return render(
            request,
            "review/judge/sheet_submitted.html",
            {**context, "scores": Score.objects.filter(sheet=sheet).select_related("criterion")},
            status=409 if posted else 200,
        )
    try:
        check_can_score(judge, submission, event)
    except SheetRefused as refused:
        return refuse(request, refused.message)

    action = request.POST.get("action", "draft")
    if request.method != "POST":
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
        total = sheet_total(values, [c.spec for c in criteria])
        return render(
            request,
            "review/judge/confirm.html",
            {**context, "form": form, "rows": rows, "total": total},
        )
    try:
        save_sheet(
            judge,
            submission,
            form.values(),
            submit=action == "submit",
            comment=form.cleaned_data["comment"],
        )
    except SheetRefused as refused:
        return refuse(request, refused.message, status=409)
    if action == "submit":
        messages.success(
            request,
            _("Your scores for %(name)s are submitted.") % {"name": submission.contestant.name},
        )
        return redirect("judge-running-order", event_pk=event.pk)
    messages.success(request, _("Draft saved."))
    return redirect("judge-sheet", event_pk=event.pk, submission_pk=submission.pk)

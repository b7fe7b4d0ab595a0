"""The judge's pages, made for a phone: the running order, one scoring form per report, the
page that follows the live show, and the sign-off."""

from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.scoring import max_total, sheet_total
from review.domain.recusal import declared_recusals, is_recused, recused_pairs
from review.domain.sheets import SheetRefused, check_can_score, save_sheet, scoring_refusal
from review.domain.signoff import outstanding, sign_off
from review.forms.sheet import ScoreSheetForm, field_name
from review.models import Appearance, Criterion, Score, ScoreSheet, Segment
from review.queries.show import show_state_of
from review.queries.stage import seconds_left
from review.queries.structure import stage_round
from review.views.access import judge_view, rule
from review.views.ballot import open_ballots


@judge_view
def running_order(request, judge):
    """The judge's reports of the round in presentation order, each with the state of the
    judge's sheet for each of its segments."""
    event = judge.event
    round_ = stage_round(event)
    segments = list(Segment.objects.filter(round=round_))
    appearances = list(Appearance.objects.filter(round=round_).select_related("contestant__unit"))
    recused = recused_pairs([judge], appearances, declared_recusals(event.pk))
    status = {
        (sub_id, seg_id): state
        for sub_id, seg_id, state in ScoreSheet.objects.filter(
            judge=judge, appearance__round=round_
        ).values_list("appearance_id", "segment_id", "status")
    }
    items = [
        {
            "appearance": sub,
            "recused": (judge.pk, sub.pk) in recused,
            "parts": [(seg, status.get((sub.pk, seg.pk))) for seg in segments],
            "status": status.get((sub.pk, segments[0].pk)) if len(segments) == 1 else None,
            "presenting": sub.pk == event.presenting_id,
        }
        for sub in appearances
    ]
    return render(
        request,
        "review/judge/running_order.html",
        {
            "event": event,
            "judge": judge,
            "items": items,
            "round": round_,
            "segmented": len(segments) > 1,
            "follow": event.live_show,
            "ballots": open_ballots(judge),
        },
    )


def _now_state(judge) -> dict:
    """Where the show is, for this judge: where their phone lands (``live``)."""
    event = judge.event  # loaded with the report on stage by judge_view, this request
    show = show_state_of(event)
    live = reverse("judge-live", args=[event.pk])
    if show.presenting is None:
        return {"presenting": None, "open": False, "seconds_left": None, "live_url": live}
    sub = event.presenting
    segment = sub.live_segment  # loaded by judge_view
    sheets = list(ScoreSheet.objects.filter(judge=judge, appearance=sub).order_by())
    if segment is None:  # every segment open at once: the judge's next one still to submit
        segment = next_to_submit(sub, sheets)
    sheet = next((s for s in sheets if segment is None or s.segment_id == segment.pk), None)
    now = timezone.now()
    recused = is_recused(judge, sub)
    url = reverse("judge-sheet", args=[event.pk, sub.pk])
    if segment is not None:
        url = reverse("judge-segment-sheet", args=[event.pk, sub.pk, segment.pk])
    return {
        "presenting": show.presenting,
        "name": show.name,
        "segment": show.segment,
        "segment_name": show.segment_name,
        "open": show.is_open(now),
        "seconds_left": show.seconds_left(now),
        "submitted": sheet is not None and sheet.is_submitted,
        "recused": recused,
        "refusal": scoring_refusal(judge, sub, event, sheet, now, recused=recused, segment=segment),
        "url": url,
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


def first_unsubmitted(segments, sheets) -> Segment:
    """With every segment open at once, the first of ``segments`` (in order) whose sheet among
    this judge's ``sheets`` is not submitted; the first segment when all are."""
    done = {s.segment_id for s in sheets if s.is_submitted}
    return next((s for s in segments if s.pk not in done), segments[0])


def next_to_submit(appearance, sheets) -> Segment | None:
    """:func:`first_unsubmitted` of the report's segments; ``None`` with a single segment (one
    sheet, nothing to choose)."""
    segments = list(Segment.objects.filter(round=appearance.round_id).order_by("order"))
    return first_unsubmitted(segments, sheets) if len(segments) > 1 else None


def _segments(appearance, segment_pk, judge=None) -> tuple[Segment, list[Segment], list[Criterion]]:
    """The segment asked for (404 if not of the report's round), else the one being scored,
    else the first; all of the round's segments that have criteria; and the segment's criteria
    — in one query, as this runs on every form and submit."""
    by_segment: dict[Segment, list[Criterion]] = {}
    for criterion in Criterion.objects.filter(segment__round=appearance.round_id).select_related(
        "segment"
    ):
        by_segment.setdefault(criterion.segment, []).append(criterion)
    segments = sorted(by_segment, key=lambda s: s.order)
    if not segments:  # a round still being shaped
        raise Http404
    wanted = segment_pk if segment_pk is not None else appearance.live_segment_id
    if wanted is None and judge is not None and len(segments) > 1:
        mine = ScoreSheet.objects.filter(judge=judge, appearance=appearance).order_by()
        wanted = first_unsubmitted(segments, mine).pk
    found = next((s for s in segments if s.pk == wanted), None)
    if found is None and segment_pk is not None:
        raise Http404
    found = found or segments[0]
    return found, segments, by_segment[found]


def _sheet_url(event, appearance, segment, segments) -> str:
    if len(segments) == 1:
        return reverse("judge-sheet", args=[event.pk, appearance.pk])
    return reverse("judge-segment-sheet", args=[event.pk, appearance.pk, segment.pk])


@rule("scorer")
@judge_view
def score_sheet(request, judge, appearance_pk, segment_pk=None):
    """GET the form; POST ``action`` = ``draft`` (save), ``review`` (confirm page) or ``submit``.

    One form per segment of the report (the report's only one, usually). A submitted sheet, or
    one not open for scoring, is shown read-only.
    """
    event = judge.event
    appearance = get_object_or_404(
        Appearance.objects.select_related("contestant__unit"), pk=appearance_pk, event=event
    )
    segment, segments, criteria = _segments(appearance, segment_pk, judge)
    sheet = (
        ScoreSheet.objects.filter(judge=judge, appearance=appearance, segment=segment)
        .order_by()
        .first()
    )
    context = {
        "event": event,
        "judge": judge,
        "appearance": appearance,
        "segment": segment,
        "segments": segments if len(segments) > 1 else [],
        "here": _sheet_url(event, appearance, segment, segments),
        "sheet": sheet,
        "criteria": criteria,
        "max_total": max_total([c.spec for c in criteria]),
        "follow": event.live_show,
        "seconds_left": seconds_left(appearance, timezone.now()),
    }
    posted = request.method == "POST"
    if sheet is not None and sheet.is_submitted:
        if posted:
            messages.error(request, _("This sheet was already submitted and cannot be changed."))
        return _read_only(request, context, sheet, None, 409 if posted else 200)
    try:
        check_can_score(judge, appearance, event, sheet, segment)
    except SheetRefused as refused:
        return _read_only(request, context, sheet, refused.message, 403)
    if not posted:
        form = ScoreSheetForm(
            initial=_initial(sheet, criteria), criteria=criteria, require_all=False
        )
        return render(request, "review/judge/sheet.html", {**context, "form": form})
    return _posted_sheet(request, context)


def _posted_sheet(request, context):
    """A posted sheet: errors shown again, the confirmation page, or saved (draft or final)."""
    judge, appearance, segment = context["judge"], context["appearance"], context["segment"]
    event, criteria = context["event"], context["criteria"]
    action = request.POST.get("action", "draft")
    form = ScoreSheetForm(request.POST, criteria=criteria, require_all=action != "draft")
    if not form.is_valid():
        messages.error(request, _("Some scores need correcting; see the messages below."))
        return render(request, "review/judge/sheet.html", {**context, "form": form}, status=400)
    values = form.values()
    if action == "review":
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
            appearance,
            values,
            submit=action == "submit",
            comment=form.cleaned_data["comment"],
            actor=request.user,
            segment=segment,
        )
    except SheetRefused as refused:
        sheet = ScoreSheet.objects.filter(judge=judge, appearance=appearance, segment=segment)
        return _read_only(request, context, sheet.order_by().first(), refused.message, 409)
    if action != "submit":
        messages.success(request, _("Draft saved."))
        return redirect(context["here"])
    name = appearance.contestant.name
    if context["segments"]:
        name = f"{name} · {segment.name}"
    messages.success(request, _("Your scores for %(name)s are submitted.") % {"name": name})
    return redirect("judge-live" if event.live_show else "judge-running-order", event_pk=event.pk)


@judge_view
def sign_off_page(request, judge):
    """签字确认: every sheet of the judge at a glance (one per segment of a report), then one
    confirmation for all."""
    event = judge.event
    appearances = list(Appearance.objects.filter(event=event).select_related("contestant__unit"))
    recused = recused_pairs([judge], appearances, declared_recusals(event.pk))
    sheets = {(s.appearance_id, s.segment_id): s for s in ScoreSheet.objects.filter(judge=judge)}
    segments, specs = defaultdict(list), defaultdict(list)
    for segment in Segment.objects.filter(round__event=event):
        segments[segment.round_id].append(segment)
    for criterion in Criterion.objects.filter(event=event):
        specs[criterion.segment_id].append(criterion.spec)
    values = {}
    for criterion_id, sheet_id, value in Score.objects.filter(sheet__judge=judge).values_list(
        "criterion_id", "sheet_id", "value"
    ):
        values.setdefault(sheet_id, {})[criterion_id] = value
    rows = []
    for sub in appearances:
        mine = segments[sub.round_id]
        for segment in mine:
            sheet = sheets.get((sub.pk, segment.pk))
            total = sheet_total(values.get(sheet.pk, {}), specs[segment.pk]) if sheet else None
            rows.append(
                {
                    "appearance": sub,
                    "segment": segment if len(mine) > 1 else None,
                    "recused": (judge.pk, sub.pk) in recused,
                    "sheet": sheet,
                    "total": total,
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

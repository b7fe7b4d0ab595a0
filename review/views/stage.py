"""The stage clock in the control room (start, stop, correct) and the 加分/扣分 page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.interfaces.forms import form_problems
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from review.domain import stage
from review.domain.roles import Can
from review.forms.stage import RuleForm
from review.models import AdjustmentRule, Appearance, AudiencePoll, Segment, StageClock
from review.queries.adjustments import adjustment_lines
from review.queries.structure import current_round, rounds_of
from review.views.access import event_view, rule
from review.views.rounds import chosen_round
from review.views.screen import visible_event


def clock_parts(appearance: Appearance | None) -> list[dict]:
    """Each segment of the appearance on stage with its clock, for the control room."""
    if appearance is None:
        return []
    clocks = {c.segment_id: c for c in StageClock.objects.filter(appearance=appearance)}
    now = timezone.now()
    parts = []
    for segment in Segment.objects.filter(round=appearance.round_id):
        clock = clocks.get(segment.pk)
        parts.append(
            {
                "segment": segment,
                "elapsed": clock.elapsed_at(now) if clock else 0,
                "base": clock.elapsed_seconds if clock else 0,
                "running": bool(clock and clock.running),
                "started": clock.started_at.timestamp() if clock and clock.running else "",
            }
        )
    return parts


@rule("public")
def screen_clock(request, event_pk):
    """The big screen's countdown: the running clock, else the last one of the appearance on
    stage (its final time stays up, red if it ran over) until that appearance is revealed —
    never over a reveal, the audience vote or the ceremony."""
    event = visible_event(request, event_pk)
    clocks = StageClock.objects.filter(appearance__event=event).select_related("segment")
    clock = clocks.filter(started_at__isnull=False).first()
    if clock is None and event.presenting_id and not _screen_busy(event):
        clock = (
            clocks.filter(appearance=event.presenting_id)
            .exclude(appearance__phase=Appearance.Phase.REVEALED)
            .order_by("-pk")
            .first()
        )
    return render(request, "review/screen/_clock.html", {"clock": clock})


def _screen_busy(event) -> bool:
    """The ceremony or an open audience vote has the big screen."""
    return (
        bool(event.ceremony_round_id)
        or AudiencePoll.objects.filter(
            award__round__event=event, state=AudiencePoll.State.OPEN
        ).exists()
    )


@require_POST
@event_view(Can.RUN)
def clock_action(request, event):
    appearance = get_object_or_404(
        Appearance, pk=id_param(request.POST.get("appearance")), event=event
    )
    segment = get_object_or_404(
        Segment, pk=id_param(request.POST.get("segment")), round__event=event
    )
    op = request.POST.get("op", "")
    with refusals_as_messages(request):
        if op == "start":
            stage.start_clock(event, appearance, segment, request.user)
        elif op == "stop":
            stage.stop_clock(event, appearance, segment, request.user)
        elif op == "correct":
            stage.correct_clock(
                event,
                appearance,
                segment,
                request.POST.get("seconds", "")[:12],
                request.POST.get("reason", ""),
                request.user,
            )
            messages.success(request, _("The time on stage is corrected."))
        else:
            raise stage.StageRefused(_("Unknown change."))
    return redirect(f"{reverse('control-room', args=[event.pk])}?round={appearance.round.order}")


def _apply(request, event, round_) -> str:
    post, op = request.POST, request.POST.get("op", "")
    if op == "add":
        form = RuleForm(post, instance=AdjustmentRule(round=round_), round_=round_)
        if not form.is_valid():
            raise stage.StageRefused(form_problems(form))
        stage.save_rule(event, form.save(commit=False), request.user)
        return _("Saved.")
    rule = get_object_or_404(AdjustmentRule, pk=id_param(post.get("rule")), round=round_)
    if op == "remove":
        stage.remove_rule(event, rule, request.user)
        return _("Removed.")
    if op == "set":
        sub = get_object_or_404(Appearance, pk=id_param(post.get("appearance")), round=round_)
        points = stage.set_adjustment(
            event, rule, sub, request.user, value=post.get("value", "")[:20],
            reason=post.get("reason", ""),
        )  # fmt: skip
        return _("%(name)s: %(points)s points.") % {"name": sub.contestant.name, "points": points}
    raise stage.StageRefused(_("Unknown change."))


@event_view(Can.MANAGE)
def adjustments_page(request, event):
    rounds = rounds_of(event)
    round_ = chosen_round(request, rounds) or current_round(event, rounds)
    if request.method == "POST":
        with refusals_as_messages(request):
            messages.success(request, _apply(request, event, round_))
        return redirect(f"{reverse('event-adjustments', args=[event.pk])}?round={round_.order}")
    rules = list(AdjustmentRule.objects.filter(round=round_).select_related("segment"))
    lines = adjustment_lines(round_)
    appearances = Appearance.objects.filter(round=round_).select_related("contestant__unit")
    rows = [
        (sub, {line.rule_id: line for line in lines.get(sub.pk, [])}, lines.get(sub.pk, []))
        for sub in appearances
    ]
    return render(
        request,
        "review/control/adjustments.html",
        {
            "event": event,
            "rounds": rounds,
            "round": round_,
            "rules": rules,
            "entered": [r for r in rules if r.kind != AdjustmentRule.Kind.OVERTIME],
            "rows": rows,
            "form": RuleForm(round_=round_),
            "published": event.status == event.Status.PUBLISHED,
        },
    )

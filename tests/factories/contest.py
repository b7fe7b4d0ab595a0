"""Contests as tests need them: a flat event, a round of two segments and two panels, sheets."""

from decimal import Decimal

from django.utils import timezone

from common.models import Contestant, Unit
from review.models import (
    Appearance,
    Criterion,
    Event,
    Judge,
    Panel,
    PanelSeat,
    Score,
    ScoreSheet,
    Segment,
)
from tests.factories.accounts import make_user

#: five judges' values whose trimmed and plain means end in a half at every precision
HALVES = ("90", "80", "70", "60", "65")


def build_event(
    *,
    appearances=3,
    judges=5,
    criteria=(("实绩成效", "40"), ("创新突破", "20"), ("数据支撑", "20"), ("作风与体会", "20")),
    status=Event.Status.SCORING,
    prefix="",
    aggregation=None,
    trim=None,
    **event_fields,
):
    """An event with contestants from their own units and judges from other units, in one
    round with one segment and one panel (``aggregation`` and ``trim`` set the panel's rule)."""
    event = Event.objects.create(name=f"{prefix}测试赛马会", status=status, **event_fields)
    rule = {"aggregation": aggregation, "trim": trim}
    Panel.objects.filter(round__event=event).update(
        **{k: v for k, v in rule.items() if v is not None}
    )
    made_criteria = [
        Criterion.objects.create(event=event, name=name, max_score=Decimal(m), order=i)
        for i, (name, m) in enumerate(criteria, start=1)
    ]
    made_appearances = []
    for i in range(1, appearances + 1):
        unit = Unit.objects.create(name=f"{prefix}{event.pk}单位{i}")
        contestant = Contestant.objects.create(name=f"{prefix}述职人{i}", post="处长", unit=unit)
        made_appearances.append(
            Appearance.objects.create(event=event, contestant=contestant, order=i, title=f"报告{i}")
        )
    made_judges = []
    for seat in range(1, judges + 1):
        user = make_user(f"{prefix}e{event.pk}j{seat}")
        unit = Unit.objects.create(name=f"{prefix}{event.pk}评委单位{seat}")
        made_judges.append(
            Judge.objects.create(
                event=event, user=user, display_name=f"评委{seat}", seat=seat, unit=unit
            )
        )
    return event, made_criteria, made_appearances, made_judges


def submit_sheet(judge, appearance, values, *, generated=False):
    """Store a submitted sheet directly (for tests that are not about the form)."""
    sheet = ScoreSheet.objects.create(
        judge=judge,
        appearance=appearance,
        status=ScoreSheet.Status.SUBMITTED,
        submitted_at=timezone.now(),
        is_generated=generated,
    )
    criteria = Criterion.objects.filter(segment=sheet.segment_id)
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=c, value=Decimal(str(v)))
        for c, v in zip(criteria, values, strict=True)
    )
    return sheet


def two_segments_two_panels(**event_fields):
    """3 appearances; segments 讲述 (×0.6, one criterion of 100) and 问答 (×0.4, one of 100);
    panels 专家 (judges 1–3, ×0.7, trimmed 1) and 大众 (judges 4–5, ×0.3, mean)."""
    event, (criterion,), subs, judges = build_event(
        appearances=3, judges=5, criteria=(("讲述", "100"),), **event_fields
    )
    round_ = event.rounds.get()
    first = round_.segments.get()
    first.name, first.weight = "讲述", Decimal("0.6")
    first.save()
    second = Segment.objects.create(round=round_, order=2, name="问答", weight=Decimal("0.4"))
    asked = Criterion.objects.create(event=event, segment=second, name="问答", max_score=100)
    experts = round_.panels.get()
    experts.name, experts.weight = "专家", Decimal("0.7")
    experts.save()
    public = Panel.objects.create(
        round=round_, order=2, name="大众", weight=Decimal("0.3"), aggregation="mean"
    )
    PanelSeat.objects.bulk_create(PanelSeat(panel=public, judge=j) for j in judges[3:])
    return event, round_, subs, judges, {first: criterion, second: asked}


def give(judge, sub, segment, criterion, value):
    sheet = ScoreSheet.objects.create(
        judge=judge,
        appearance=sub,
        segment=segment,
        status=ScoreSheet.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Score.objects.create(sheet=sheet, criterion=criterion, value=Decimal(value))

"""Contests as tests need them: a flat event, a round of two segments and two panels, a contest
of seed 004's shape, sheets."""

from dataclasses import replace
from decimal import Decimal

from django.utils import timezone

from common.models import Contestant, Unit
from review.domain.advancement import Settle, advance, plan_cut, seats_for
from review.domain.presets import PRESETS, SegmentPlan
from review.domain.roles import grant
from review.domain.structure import build
from review.domain.tokens import issue_missing_tokens
from review.models import (
    Appearance,
    Criterion,
    Event,
    EventRole,
    Judge,
    Panel,
    PanelSeat,
    Round,
    Score,
    ScoreSheet,
    Segment,
)
from review.queries.standing import round_ranking
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


#: The 复赛 of ``seed_004_contest``: one segment of four criteria, scored by two panels.
SEMIFINAL_SEGMENT = SegmentPlan(
    "红色故事讲述", (("内容主题", 40), ("语言表达", 30), ("仪态风貌", 20), ("时间把控", 10))
)


def seed_004_contest(
    *, contestants=60, finalists=30, panels=(7, 15), final_scored=27, generated=False
):
    """A contest of seed 004's shape built through the domain, as the set-up pages build one,
    and scored deterministically (no generator, no chance): a 复赛 of one segment sends the best
    ``finalists`` on to a 决赛 of the 三环节决赛 segments; both rounds are scored by the 专家+大众
    panels (``panels``: their sizes). The first ``final_scored`` finalists have every sheet
    (flagged ``is_generated`` with ``generated``, as the demo's are).
    Judge ``j`` gives contestant ``i`` (讲解员i) ``_value`` on criterion ``c``. Returns
    ``(event, semifinal, final, judges, organiser)``."""
    organiser = make_user("contest-organiser", superuser=True)
    event = Event.objects.create(name="红色故事讲解员大赛", status=Event.Status.SCORING)
    grant(event, organiser, EventRole.Role.ORGANISER, None)
    two_panels = PRESETS["two_panels"].panels
    semi_plan = replace(PRESETS["two_panels"], segments=(SEMIFINAL_SEGMENT,))
    semifinal = build(event.rounds.get(), semi_plan, name="复赛")
    final = build(Round.objects.create(event=event, order=2, name="决赛"),
                  replace(PRESETS["final3"], panels=two_panels))  # fmt: skip
    judges, seat = [], 0
    for order, size in enumerate(panels, start=1):
        seated = [Panel.objects.get(round=r, order=order) for r in (semifinal, final)]
        for n in range(1, size + 1):
            seat += 1
            user = make_user(f"e{event.pk}p{seat}")
            judge = Judge.objects.create(event=event, user=user, seat=seat,
                                         display_name=f"{seated[0].name}{n}")  # fmt: skip
            PanelSeat.objects.bulk_create(PanelSeat(panel=p, judge=judge) for p in seated)
            judges.append(judge)
    units = [Unit.objects.create(name=f"{event.pk}场馆{i:02d}") for i in range(1, 11)]
    for i in range(1, contestants + 1):
        person = Contestant.objects.create(name=f"讲解员{i}", unit=units[i % len(units)])
        Appearance.objects.create(event=event, round=semifinal, contestant=person, order=i,
                                  title="红色故事讲解")  # fmt: skip
    score_round(semifinal, judges, contestants, generated)
    cut = plan_cut(round_ranking(event, semifinal), seats_for(contestants, count=finalists))
    advance(event, final, cut, organiser, Settle.ALL_TIED if cut.has_tie else Settle.NO_TIE)
    score_round(final, judges, final_scored, generated)
    issue_missing_tokens(event, organiser)
    event.refresh_from_db()
    return event, semifinal, final, judges, organiser


def score_round(round_, judges, count, generated=False):
    """Every judge's submitted sheet for every segment of the round's first ``count``
    appearances, valued as ``seed_004_contest`` says."""
    segments = list(Segment.objects.filter(round=round_).prefetch_related("criteria"))
    appearances = list(
        Appearance.objects.filter(round=round_).select_related("contestant").order_by("order")
    )[:count]
    number = {sub.pk: int(sub.contestant.name.removeprefix("讲解员")) for sub in appearances}
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(judge=judge, appearance=sub, segment=segment,
                   status=ScoreSheet.Status.SUBMITTED, submitted_at=timezone.now(),
                   is_generated=generated)
        for sub in appearances for segment in segments for judge in judges
    )  # fmt: skip
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=c,
              value=_value(c, number[sheet.appearance_id], sheet.judge.seat, c.order))
        for sheet in sheets for c in sheet.segment.criteria.all()
    )  # fmt: skip


def _value(criterion, i: int, j: int, c: int) -> Decimal:
    """``0.58 + ((7i + 3j + c) mod 31) / 100 + (i mod 11) / 400`` of the maximum, on the
    criterion's step: contestants apart, judges varied."""
    share = Decimal("0.58") + Decimal((7 * i + 3 * j + c) % 31) / 100 + Decimal(i % 11) / 400
    steps = (criterion.max_score * share / criterion.step).to_integral_value()
    return criterion.step * steps

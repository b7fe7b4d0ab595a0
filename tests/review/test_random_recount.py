"""Contest trees drawn at random — from fixed seeds, so every run recounts the same trees — and
their workbooks recounted by LibreOffice and Gnumeric: every 核算 row agrees with the tool.

Each tree varies what a recount has to get right: one to three weighted segments, one or two
weighted panels of every aggregation (trim, fallback), one to seven judges, missing sheets,
steps of 0.5 and 0.1, precision 0 to 2, both rounding options, and entered 加减分 with three
decimals, which put scores on halves."""

import random
from decimal import Decimal

import pytest
from django.test import Client

from common.scoring.tree import Aggregation, Fallback
from review.domain import stage
from review.models import AdjustmentRule, Criterion, Event, Panel, PanelSeat, Segment
from review.queries.round_results import round_results
from review.queries.structure import round_shape
from tests.factories import build_event, give, make_user
from tests.recount import engines, recalculated

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]
#: Seeds whose trees have more than one segment or panel (flat rounds: ``test_workbook``).
SEEDS = (11, 23, 37, 41, 53, 67, 97)


def random_tree(rng: random.Random, organiser):
    judges_count = rng.randint(3, 9)
    event, (criterion,), subs, judges = build_event(
        appearances=rng.randint(3, 6), judges=judges_count, criteria=(("实绩", "100"),),
        precision=rng.choice((0, 1, 2)), rounding=rng.choice(("once", "each_stage")),
    )  # fmt: skip
    round_ = event.rounds.get()
    segments = [round_.segments.get()]
    segments[0].weight = Decimal(rng.randint(1, 1000)) / 1000
    segments[0].save()
    criteria = {segments[0]: criterion}
    for order in range(2, rng.randint(1, 3) + 1):
        segment = Segment.objects.create(round=round_, order=order, name=f"环节{order}",
                                         weight=Decimal(rng.randint(1, 1000)) / 1000)  # fmt: skip
        criteria[segment] = Criterion.objects.create(
            event=event, segment=segment, name=f"项{order}", max_score=100,
            step=rng.choice((Decimal("0.5"), Decimal("0.1"))),
        )  # fmt: skip
        segments.append(segment)
    panels = [round_.panels.get()]
    if rng.random() < 0.6:
        panels.append(Panel.objects.create(round=round_, order=2, name="大众", weight=1))
    split = rng.randint(1, len(judges) - 1) if len(panels) == 2 else len(judges)
    for panel, members in zip(panels, (judges[:split], judges[split:]), strict=False):
        panel.aggregation = rng.choice(list(Aggregation))
        panel.trim = rng.randint(0, 2)
        panel.fallback = rng.choice(list(Fallback))
        panel.weight = Decimal(rng.randint(1, 1000)) / 1000
        panel.save()
        if len(panels) == 2:
            PanelSeat.objects.filter(judge__in=members).delete()
            PanelSeat.objects.bulk_create(PanelSeat(panel=panel, judge=j) for j in members)
    for sub in subs:
        for segment, crit in criteria.items():
            for judge in judges:
                if rng.random() < 0.85:
                    step = crit.step
                    give(judge, sub, segment, crit, step * rng.randint(0, int(100 / step)))
    rule = AdjustmentRule(round=round_, name="酌情", kind="manual", sign=rng.choice((1, -1)),
                          limit=Decimal(5))  # fmt: skip
    stage.save_rule(event, rule, organiser)
    for sub in subs:
        if rng.random() < 0.5:
            points = Decimal(rng.randint(1, 4000)) / 1000
            stage.set_adjustment(event, rule, sub, organiser, value=str(points), reason="随机")
    return event, round_


@engines
@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_tree_recounts_equal(seed, engine, tmp_path):
    organiser = make_user(f"random-organiser-{seed}", superuser=True)
    event, round_ = random_tree(random.Random(seed), organiser)
    assert not round_shape(round_).is_flat
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    tool = [row.stage.shown for row in round_results(event, round_).rows]
    client = Client()
    client.force_login(organiser)
    data = client.get(f"/events/{event.pk}/results.xlsx").content
    sheets = recalculated(data, tmp_path, engine)
    (recount,) = [rows for name, rows in sheets.items() if name.endswith("核算")]
    assert [row[4] for row in recount] == ["一致"] * len(tool), recount
    shown = [Decimal(row[2]) if row[2] else None for row in recount]
    assert shown == tool

"""The flat shape's corpus: forty single-round events drawn from fixed seeds — every averaging
rule, trims and too few judges, recusals declared and by unit, drafts and missing sheets, steps
and weights, precision 0 to 4, both roundings, tie-break chains and 加减分 — whose numbers,
ranks and workbook ranking were recorded before the contest's scoring paths became one
(``corpus/flat.json``). Any change that moves a number, a rank, a dropped score or a cell of
汇总排名 fails here; ``SAIMA_WRITE_CORPUS=1`` records the corpus anew (only on purpose)."""

import io
import json
import os
import random
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from common.scoring import TieBreakKind
from review.domain import stage
from review.exports.event import event_workbook
from review.models import AdjustmentRule, Recusal, ScoreSheet, TieBreakRule
from review.queries.results import event_results
from tests.factories import build_event, make_user, submit_sheet

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus" / "flat.json"
SEEDS = range(1, 41)
AGGREGATIONS = ("trimmed", "trimmed_auto", "mean", "median")


def random_flat(rng: random.Random, organiser):
    steps = (Decimal("1"), Decimal("0.5"), Decimal("0.1"), Decimal("0.01"))
    criteria = tuple(
        (f"项{i}", str(rng.choice((10, 20, 25, 40, 60, 100)))) for i in range(rng.randint(1, 4))
    )
    event, made, appearances, judges = build_event(
        appearances=rng.randint(2, 9), judges=rng.randint(1, 9), criteria=criteria,
        aggregation=rng.choice(AGGREGATIONS), trim=rng.randint(0, 3),
        precision=rng.randint(0, 4), rounding=rng.choice(("once", "each_stage")),
    )  # fmt: skip
    for criterion in made:
        criterion.step = rng.choice(steps)
        criterion.weight = rng.choice((Decimal(1), Decimal("0.5"), Decimal("1.5")))
        criterion.save()
    if rng.random() < 0.3:  # a judge from a contestant's unit: recused by unit
        judges[0].unit = appearances[0].contestant.unit
        judges[0].save()
    for judge in judges:
        if rng.random() < 0.15:
            target = rng.choice(appearances).contestant
            Recusal.objects.get_or_create(judge=judge, contestant=target)
    for i, kind in enumerate(rng.sample(list(TieBreakKind)[:3], rng.randint(0, 3))):
        criterion = rng.choice(made) if kind == TieBreakKind.CRITERION else None
        TieBreakRule.objects.create(event=event, order=i, kind=kind, criterion=criterion)
    tied = [c.max_score / 2 for c in made]
    for appearance in appearances:
        for judge in judges:
            luck = rng.random()
            if luck < 0.1:
                continue  # not scored
            values = [
                tied[i] if appearance.order <= 2 and luck < 0.4
                else c.step * rng.randint(0, int(c.max_score / c.step))
                for i, c in enumerate(made)
            ]  # fmt: skip
            sheet = submit_sheet(judge, appearance, values)
            if luck > 0.93:
                ScoreSheet.objects.filter(pk=sheet.pk).update(status=ScoreSheet.Status.DRAFT)
    if rng.random() < 0.4:
        round_ = event.rounds.get()
        rule = AdjustmentRule(round=round_, name="酌情", kind="manual", sign=rng.choice((1, -1)),
                              limit=Decimal(5))  # fmt: skip
        stage.save_rule(event, rule, organiser)
        for appearance in appearances:
            if rng.random() < 0.5:
                points = str(Decimal(rng.randint(1, 4000)) / 1000)
                stage.set_adjustment(event, rule, appearance, organiser, value=points, reason="r")
    return event


def text(value) -> str | None:
    return None if value is None else str(value)


def number(value) -> str | None:
    """A value whatever its scale (the databases give 2.965 and 2.96500000000000 alike)."""
    return None if value is None else f"{Decimal(value).normalize():f}"


def snapshot(event) -> dict:
    results = event_results(event)
    rows = [
        {
            "order": row.appearance.order,
            "rank": row.rank,
            "final": text(row.result.final),
            "exact": text(row.result.exact),
            "counted": row.counted,
            "expected": row.expected,
            "dropped_high": [number(v) for v in row.dropped_high],
            "dropped_low": [number(v) for v in row.dropped_low],
            "means": [text(row.result.criterion_means[c.pk]) for c in results.criteria],
            "adjustment": number(row.adjustment),
        }
        for row in results.ranked
    ]
    book = load_workbook(io.BytesIO(event_workbook(event)), read_only=True)
    ranking = [
        [text(v) for i, v in enumerate(line) if i != 3]  # not the unit: its name holds an id
        for line in book["汇总排名"].iter_rows(min_row=5, values_only=True)
        if line and line[0] is not None
    ]
    return {"rows": rows, "汇总排名": ranking}


def test_the_flat_corpus_scores_as_recorded():
    organiser = make_user("corpus-organiser", superuser=True)
    found = {}
    for seed in SEEDS:
        event = random_flat(random.Random(seed), organiser)
        assert event.rounds.get().panels.get().aggregation in AGGREGATIONS
        found[str(seed)] = snapshot(event)
    if os.environ.get("SAIMA_WRITE_CORPUS"):
        CORPUS.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    recorded = json.loads(CORPUS.read_text())
    assert set(recorded) == set(found)
    for seed in recorded:
        assert found[seed] == recorded[seed], f"seed {seed} scores differently"

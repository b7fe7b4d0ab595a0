"""A contest-tree round for the benches: N appearances, 3 segments (2 criteria each) scored by
two weighted panels (25 experts trimmed, 50 public averaged), every sheet submitted."""

import random
from decimal import Decimal


def generate_tree(appearances: int, experts: int = 25, public: int = 50, seed: int = 1) -> int:
    from django.contrib.auth import get_user_model
    from django.db import transaction
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
        first_round,
    )  # fmt: skip

    rng = random.Random(seed)
    now = timezone.now()
    tag = f"tree{appearances}-{rng.randrange(10**6)}"
    with transaction.atomic():
        event = Event.objects.create(name=f"基准测试 {tag}", status="closed")
        round_ = first_round(event.pk)
        round_.segments.all().delete()
        round_.panels.all().delete()
        segments = [
            Segment.objects.create(round=round_, order=i, name=f"环节{i}", weight=Decimal(w))
            for i, w in enumerate(("0.5", "0.2", "0.3"), start=1)
        ]
        criteria = {
            s.pk: Criterion.objects.bulk_create(
                Criterion(event=event, segment=s, name=f"{s.name}标准{k}", max_score=50, order=k)
                for k in (1, 2)
            )
            for s in segments
        }
        panels = [
            Panel.objects.create(round=round_, order=1, name="专家", weight=Decimal("0.7")),
            Panel.objects.create(
                round=round_, order=2, name="大众", weight=Decimal("0.3"), aggregation="mean"
            ),
        ]
        units = Unit.objects.bulk_create(Unit(name=f"{tag}-单位{i}") for i in range(appearances))
        people = Contestant.objects.bulk_create(
            Contestant(name=f"选手{i}", unit=units[i]) for i in range(appearances)
        )
        subs = Appearance.objects.bulk_create(
            Appearance(event=event, round=round_, contestant=p, order=i + 1, title="讲解")
            for i, p in enumerate(people)
        )
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"{tag}-j{i}") for i in range(experts + public)
        )
        judges = Judge.objects.bulk_create(
            Judge(event=event, user=u, display_name=f"评委{i + 1}", seat=i + 1)
            for i, u in enumerate(users)
        )
        PanelSeat.objects.bulk_create(
            PanelSeat(panel=panels[0 if i < experts else 1], judge=j) for i, j in enumerate(judges)
        )
        sheets = ScoreSheet.objects.bulk_create(
            (
                ScoreSheet(judge=j, appearance=s, segment=seg, status="submitted",
                           submitted_at=now, is_generated=True)
                for s in subs for seg in segments for j in judges
            ),
            batch_size=5000,
        )  # fmt: skip
        Score.objects.bulk_create(
            (
                Score(sheet=sheet, criterion=c, value=Decimal(rng.randint(60, 100)) / 2)
                for sheet in sheets
                for c in criteria[sheet.segment_id]
            ),
            batch_size=5000,
        )
    return event.pk

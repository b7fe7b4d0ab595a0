"""A generated village for the demo (演示数据, flagged on the season): 24 households of one
village group stamped weekly from January to March — red, black or 空 by chance — with the
months' rewards taken into the season. The households and the stamps are generated; seed 002
describes the stamps and the rewards, not these households."""

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from season.domain.periods import publish
from season.domain.seasons import create_season
from season.models import Household, Indicator, Season
from stamps.domain.stamps import stamp, take_rewards

CODE = "village-2026-demo"
HOUSEHOLDS = 24
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋"
MONTHS = 3


class Command(BaseCommand):
    help = "Create the generated stamp demo season (24 households, January to March)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    @transaction.atomic
    def handle(self, *args, seed, **options):
        Season.objects.filter(code=CODE).delete()
        rng = random.Random(seed)
        organiser, _ = get_user_model().objects.get_or_create(
            username="organiser", defaults={"is_staff": True, "is_superuser": True}
        )
        homes = []
        for n in range(1, HOUSEHOLDS + 1):
            home, _ = Household.objects.get_or_create(
                name=f"{SURNAMES[n - 1]}某某（演示）", place="【演示】东村一组"
            )
            homes.append(home)
        season = create_season(
            code=CODE, name="【演示数据】东村一组 2026年垃圾分类积分", kind=Season.Kind.HOUSEHOLDS,
            actor=organiser, subjects=homes, is_generated=True, preset="village_stamps",
        )  # fmt: skip
        reward = Indicator.objects.get(season=season, name="月度奖励")
        care = {s.pk: rng.uniform(0.6, 0.98) for s in season.subjects.all()}
        for order in range(1, MONTHS + 1):
            period = season.periods.get(order=order)
            for subject in season.subjects.all():
                for week in range(1, 5):
                    roll = rng.random()
                    colour = ("red" if roll < care[subject.pk] else
                              "empty" if roll < care[subject.pk] + 0.1 else "black")  # fmt: skip
                    stamp(period, subject, week, colour, organiser)
            take_rewards(period, reward, organiser)
            if order < MONTHS:
                publish(period, organiser)
        self.stdout.write(self.style.SUCCESS(
            f"Demo stamps (演示数据): {season.name} — {HOUSEHOLDS} households × {MONTHS} months."
        ))  # fmt: skip

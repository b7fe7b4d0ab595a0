"""A generated season for the demo (演示数据, flagged on the season): seed 004's service centre —
the 临汾路街道社区事务受理服务中心 that scores its staff monthly on five dimensions — with 40
staff × 12 months of generated values, January to October published. The staff, the values,
the weights and the rules' parameters are generated or a stated starting point: the seed names
the five dimensions and says the list is produced monthly, and publishes no figure per person."""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from common.domain import event_results
from common.models import Contestant, Unit
from season.domain.event_values import take_event_result
from season.domain.periods import publish
from season.domain.seasons import create_season
from season.domain.values import enter_values
from season.models import Indicator, Season

CODE = "linfen-2026-demo"
UNITS_CODE = "ningbo-2022-units-demo"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜"
GIVEN = "晓静婷怡欣悦雯佳颖琳洁敏慧丽芳娟倩雪晨思涵宇浩然俊杰文博志伟明辉磊鹏飞强军斌超东亮"
STAFF = 40
PASSWORD = "saima-demo"
GENERATED = "演示数据：由演示程序生成"
PUBLISHED = 10


class Command(BaseCommand):
    help = "Create the generated demo season (seed 004's five dimensions, 40 staff × 12 months)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed for the values")

    @transaction.atomic
    def handle(self, *args, seed, **options):
        Season.objects.filter(code=CODE).delete()
        rng = random.Random(seed)
        organiser, _ = get_user_model().objects.get_or_create(
            username="organiser", defaults={"is_staff": True, "is_superuser": True}
        )
        unit, _ = Unit.objects.get_or_create(name="【演示】临汾路街道社区事务受理服务中心")
        staff = []
        names = set()
        while len(staff) < STAFF:
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
            if name in names:
                continue
            names.add(name)
            person, _ = Contestant.objects.get_or_create(
                name=name, unit=unit, defaults={"post": "综合窗口"}
            )
            staff.append(person)
        season = create_season(
            code=CODE, name="【演示数据】临汾路街道社区事务受理服务中心 2026年度绩效考核",
            kind=Season.Kind.PEOPLE, actor=organiser, subjects=staff, is_generated=True,
        )  # fmt: skip
        self.give_contacts(season)
        indicators = {i.name: i for i in Indicator.objects.filter(season=season)}
        ability = {s.pk: rng.uniform(0.75, 1.0) for s in season.subjects.all()}
        for period in season.periods.all():
            rows = []
            for subject in season.subjects.all():
                level = ability[subject.pk] * rng.uniform(0.9, 1.05)
                values = {
                    "办件量": Decimal(int(320 * level)),
                    "平均办结时长": Decimal(str(round(5.2 - 4 * level, 1))),
                    "价值量积分": Decimal(str(round(100 * level, 1))),
                    "群众满意率": Decimal(str(min(100, round(96 + 4 * level, 2)))),
                    "差错扣分": Decimal(str(min(100, round(78 + 22 * level)))),
                }
                rows += [(subject.order, subject, indicators[n], v) for n, v in values.items()]
            enter_values(period, rows, organiser, sheet=period.name, reason=GENERATED)
            if period.order <= PUBLISHED:
                publish(period, organiser)
        self.stdout.write(self.style.SUCCESS(
            f"Demo season (演示数据): {season.name} — {STAFF} staff × 12 months, "
            f"January–{PUBLISHED}月 published."
        ))  # fmt: skip
        units = self.units_with_their_night(rng, organiser)
        if units is not None:
            self.stdout.write(self.style.SUCCESS(f"Demo season (演示数据): {units.name}"))

    def give_contacts(self, season):
        """Each staff member logs in as ``linfen01`` … to see their own scorecard."""
        hashed = make_password(PASSWORD)  # one hash for the demo's one password
        users = get_user_model()
        for subject in season.subjects.select_related("person"):
            user, _ = users.objects.get_or_create(username=f"linfen{subject.order:02d}")
            user.first_name, user.password = subject.person.name, hashed
            user.save(update_fields=["first_name", "password"])
            subject.contact = user
            subject.save(update_fields=["contact"])
        self.stdout.write(f"Staff of the demo season log in as linfen01 … linfen{STAFF:02d} "
                          f"(password {PASSWORD}) to see their own scorecard.")  # fmt: skip

    def units_with_their_night(self, rng, organiser):
        """Seed 001's eight units over 2022: their 赛马会 night's final score (taken from the
        event) beside a generated routine score. Skipped when the seed-001 event is absent."""
        Season.objects.filter(code=UNITS_CODE).delete()
        event = event_results.event_by_code("ningbo-2022")
        if event is None:
            return None
        ranked = [key for key in event_results.outcome(event[0]) if key[0] == "unit"]
        by_pk = Unit.objects.in_bulk([pk for _kind, pk in ranked])
        units = sorted(by_pk.values(), key=lambda u: u.name)
        season = create_season(
            code=UNITS_CODE, name=f"【演示数据】{event[1]}各单位 2022年度考核",
            kind=Season.Kind.UNITS, actor=organiser, subjects=units, is_generated=True,
            preset="units_with_a_night", period_kind=Season.PeriodKind.YEAR,
        )  # fmt: skip
        night = Indicator.objects.get(season=season, rule=Indicator.Rule.EVENT)
        night.params = {**night.params, "event": event[0]}
        night.save(update_fields=["params"])
        year = season.periods.get()
        take_event_result(year, night, organiser)
        routine = Indicator.objects.get(season=season, rule=Indicator.Rule.MANUAL)
        rows = [(s.order, s, routine, Decimal(rng.randint(80, 98))) for s in season.subjects.all()]
        enter_values(year, rows, organiser, sheet=year.name, reason=GENERATED)
        return season

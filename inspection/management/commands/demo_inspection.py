"""A generated cross-inspection season for the demo (演示数据, flagged on the season): seed 001's
eight units inspect each other over three monthly rounds — each a committed and verified draw,
problems with generated photos (plain coloured pictures, said so), reviews with one problem sent
back and one waiting, the accepted counts taken into the season by seed 002's count rule.
Everything but the units' names is generated; seed 002 publishes the rule, not these counts."""

import io
import random
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw

from common.domain import event_results
from common.imports.images import checked_photo
from common.models import Unit
from inspection.domain.counts import take_counts
from inspection.domain.draws import Constraints, commit, make
from inspection.domain.inspectors import add_inspector
from inspection.domain.problems import Report, record_problem, review
from inspection.models import Photo
from inspection.tasks import make_thumbnails
from season.domain.periods import publish
from season.domain.seasons import create_season
from season.models import Indicator, Season

CODE = "ningbo-2022-inspection-demo"
ROUNDS = 3
PLACES = ["一楼大厅", "二楼档案室", "三楼会议室", "后院停车场", "东侧楼梯间", "食堂", "值班室"]
FOUND = {
    "environment": ["楼道堆放杂物", "垃圾未分类投放", "卫生间地面积水"],
    "safety": ["灭火器过期未更换", "安全出口指示灯不亮", "电线私拉乱接"],
    "service": ["窗口无人值守", "办事指南未更新"],
    "facility": ["自助机故障未报修", "无障碍通道被占用"],
}
RESPONSIBLE = ["张主任", "李科长", "王师傅", "陈管理员", "刘经理"]


def generated_photo(rng: random.Random) -> bytes:
    """A plain picture standing in for a site photo (演示数据: no real place is shown)."""
    image = Image.new("RGB", (960, 720), tuple(rng.randint(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        box = sorted(rng.sample(range(0, 960), 2)), sorted(rng.sample(range(0, 720), 2))
        draw.rectangle([box[0][0], box[1][0], box[0][1], box[1][1]],
                       outline=tuple(rng.randint(0, 255) for _ in range(3)), width=8)  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


class Command(BaseCommand):
    help = "Create the generated cross-inspection demo season (seed 001's eight units)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    @transaction.atomic
    def handle(self, *args, seed, **options):
        Season.objects.filter(code=CODE).delete()
        event = event_results.event_by_code("ningbo-2022")
        if event is None:
            self.stdout.write("No seed-001 event: the cross-inspection demo is skipped.")
            return
        rng = random.Random(seed)
        organiser, _ = get_user_model().objects.get_or_create(
            username="organiser", defaults={"is_staff": True, "is_superuser": True}
        )
        ranked = [pk for kind, pk in event_results.outcome(event[0]) if kind == "unit"]
        units = sorted(Unit.objects.in_bulk(ranked).values(), key=lambda u: u.name)
        season = create_season(
            code=CODE, name=f"【演示数据】{event[1]}各单位 交叉检查", kind=Season.Kind.UNITS,
            actor=organiser, subjects=units, is_generated=True, preset="cross_inspection",
        )  # fmt: skip
        subjects = list(season.subjects.order_by("order"))
        seats = {s.pk: add_inspector(season, s, f"检查员{n:02d}", organiser)
                 for n, s in enumerate(subjects, start=1)}  # fmt: skip
        found = Indicator.objects.get(season=season, name="发现问题")
        received = Indicator.objects.get(season=season, name="被查出问题")
        photos, problems = [], 0
        for order in range(1, ROUNDS + 1):
            period = season.periods.get(order=order)
            commit(period, Constraints(per_inspected=2, avoid_recent=1 if order > 1 else 0),
                   organiser, seed=rng.randbytes(32))  # fmt: skip
            draw = make(period, organiser)
            for pair in draw.pairs.all():
                seat = seats[pair.inspector_id]
                for _ in range(rng.randint(1, 3)):
                    category = rng.choice(list(FOUND))
                    phone = f"1380000{rng.randint(1000, 9999)}"
                    report = Report(category, rng.choice(FOUND[category]), rng.choice(PLACES),
                                    rng.choice(RESPONSIBLE), phone)  # fmt: skip
                    shot = checked_photo(generated_photo(rng), "image/jpeg", "演示照片.jpg")
                    problem, _created = record_problem(seat, pair, report, [shot], uuid.uuid4())
                    problems += 1
                    if order < ROUNDS or rng.random() < 0.6:
                        review(problem, organiser, accept=True)
                    photos.append(problem.pk)
            if order == ROUNDS:  # the last round: one sent back, the rest of its waiting kept
                waiting = draw.pairs.first().problems.filter(status="submitted").first()
                if waiting is not None:
                    review(waiting, organiser, accept=False, sent_back_as="unclear",
                           note="照片看不清，请补拍（演示数据）")  # fmt: skip
            take_counts(period, found, "found", organiser)
            take_counts(period, received, "received", organiser)
            if order == 1:
                publish(period, organiser)
        stored = Photo.objects.filter(problem__in=photos).values_list("pk", flat=True)
        make_thumbnails.func(list(stored))
        self.stdout.write(self.style.SUCCESS(
            f"Demo cross-inspections (演示数据): {season.name} — {ROUNDS} rounds, {problems} "
            f"problems; inspectors log in by their QR codes on the season's 检查员 page."
        ))  # fmt: skip

"""A demo contest shaped after seed 004 (2022 上海市红色故事讲解员大赛, 专业组): a 复赛 of 60,
the top 30 advance to a 决赛 of three segments (红色故事讲述, 党史知识问答, 微党课演绎), scored by
two weighted panels (专家评委 70 %, trimmed; 大众评审 30 %, averaged).

The seed gives the event, the venue, the segments, the number of finalists and three names
(梅艳, 王小丫, 刘一民). Everything else — the other 57 names, their units, criteria, weights, panels
and every score — is generated here: the event's name carries 演示数据, and every sheet is flagged
``is_generated`` so pages and exports say so."""

import random
from dataclasses import replace
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from common.models import Contestant, Unit
from review.domain import awards, show, stage, votes
from review.domain.advancement import Settle, advance, plan_cut, seats_for
from review.domain.event_settings import update_settings
from review.domain.presets import PRESETS, Preset, SegmentPlan
from review.domain.roles import grant
from review.domain.structure import build
from review.domain.tokens import issue_missing_tokens
from review.models import (
    AdjustmentRule,
    Appearance,
    AudiencePoll,
    AudienceVote,
    AwardTier,
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
    SpecialAward,
)
from review.queries.standing import round_ranking

CODE = "shanghai-red-2022"
PASSWORD = "saima-demo"
NAMED = ("梅艳", "王小丫", "刘一民")  # the people seed 004 names
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "晓静婷怡欣悦雯佳颖琳洁敏慧丽芳娟倩雪晨思涵宇浩然俊杰文博志伟明辉磊鹏飞强军斌超东亮"
#: The 复赛: one segment; both rounds are scored by the 专家+大众 preset's two panels, the final
#: has the 三环节决赛 preset's segments.
SEMIFINAL = Preset(
    "复赛",
    "",
    "复赛",
    (
        SegmentPlan(
            "红色故事讲述", (("内容主题", 40), ("语言表达", 30), ("仪态风貌", 20), ("时间把控", 10))
        ),
    ),
    PRESETS["two_panels"].panels,
)
FINAL = replace(PRESETS["final3"], panels=PRESETS["two_panels"].panels)
PANEL_SIZES = (7, 15)


class Command(BaseCommand):
    help = "Create the seed-004-shaped demo contest (复赛 60 → 决赛 30, 3 segments, 2 panels)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022, help="random seed")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="where the demo will be served, for the addresses printed at the end",
        )
        parser.add_argument(
            "--final-scored",
            type=int,
            default=27,
            help="generate 决赛 sheets for the first N finalists, revealed; the rest are left to "
            "score live (default 27)",
        )

    @transaction.atomic
    def handle(self, *args, seed, final_scored, base_url, **options):
        old = Event.objects.filter(code=CODE)
        Score.objects.filter(sheet__appearance__event__in=old).delete()  # fast: no signals
        old.delete()
        rng = random.Random(seed)
        organiser, _ = get_user_model().objects.get_or_create(
            username="organiser",
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "first_name": "演示主办方",
                "password": make_password(PASSWORD),
            },
        )
        event = Event.objects.create(
            code=CODE,
            name="【演示数据】新征程·新奇迹——2022年上海市红色故事讲解员大赛（专业组）",
            theme="红色故事讲解员大赛（结构依据新闻报道，人员与分数为生成的演示数据）",
            venue="中共一大纪念馆",
            organiser_unit="中共一大纪念馆、上海东方宣传教育服务中心",
            status=Event.Status.SCORING,
        )
        grant(event, organiser, EventRole.Role.ORGANISER, None)
        semifinal, final = self.rounds(event)
        judges = self.judges(event, [semifinal, final])
        people = self.contestants(rng)
        for order, person in enumerate(people, start=1):
            Appearance.objects.create(
                event=event, round=semifinal, contestant=person, order=order, title="红色故事讲解"
            )
        levels = {p.pk: rng.uniform(0.70, 0.93) + (0.06 if p.name in NAMED else 0) for p in people}
        self.generate(semifinal, judges, levels, rng, len(people))
        cut = plan_cut(round_ranking(event, semifinal), seats_for(len(people), count=30))
        advance(event, final, cut, organiser, Settle.ALL_TIED if cut.has_tie else Settle.NO_TIE)
        self.generate(final, judges, levels, rng, final_scored)
        self.stage(event, final, organiser, final_scored)
        self.awards(event, final, judges, rng, organiser)
        issue_missing_tokens(event, organiser)
        self.report(event, base_url.rstrip("/"), final_scored)

    def report(self, event, base, scored):
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo contest (seed 004 shape, 演示数据): 复赛 60 → 决赛 30, 3 segments × 2 "
                f"panels; generated scores, finalists 1–{scored} revealed, the rest on phones.\n"
            )
            + f"  control room        {base}/events/{event.pk}/control/  (user organiser)\n"
            f"  ranking per round   {base}/events/{event.pk}/results/?round=1  ·  ?round=2\n"
            f"  big screen          {base}/events/{event.pk}/screen/\n"
            f"  judges red1 … red{event.judges.count()} (password {PASSWORD}); QR login links:"
        )
        for judge in event.judges.filter(login_token__isnull=False):
            self.stdout.write(f"  {judge.display_name:<10}  {base}/q/{judge.login_token}/")

    def stage(self, event, final, organiser, scored):
        """A live final part-way through, through the show's own steps: the finalists with
        generated sheets revealed, the next one on stage."""
        update_settings(event, {"live_show": True}, organiser)
        appearances = list(final.appearances.order_by("order"))
        for sub in appearances[:scored]:
            show.reveal(event, sub, organiser)
        following = appearances[scored] if scored < len(appearances) else appearances[-1]
        show.set_presenting(event, following, organiser)

    def awards(self, event, final, judges, rng, organiser):
        """Seed 004's awards on the 决赛: 6 金牌, 24 优秀, four 单项奖 and the 最高人气奖 — by the
        awards' own rules over the generated scores, with generated nominations and votes."""
        tiers = [("金牌讲解员", 6), ("优秀讲解员", 24)]
        for name, count in tiers:
            tier = AwardTier(round=final, name=name, quota="count", count=count,
                             tie_policy=AwardTier.TiePolicy.TIE_BREAK)  # fmt: skip
            awards.save_part(event, tier, organiser)
        segments = {s.name: s for s in final.segments.all()}
        creative = Criterion.objects.get(segment__round=final, name="创意设计")
        specials = [  # the audience's award first: with one 单项奖 each, it is decided first
            SpecialAward(name="最高人气奖", source="audience"),
            SpecialAward(name="最佳风采奖", source="segment", segment=segments["红色故事讲述"]),
            SpecialAward(name="最具潜质奖", source="ballot"),
            SpecialAward(name="最佳创意奖", source="criterion", criterion=creative),
            SpecialAward(name="最佳微党课奖", source="segment", segment=segments["微党课演绎"]),
        ]
        for special in specials:
            special.round = final
            awards.save_part(event, special, organiser)
        awards.set_specials_exclusive(event, final, True, organiser)
        for name in ("红色故事讲述", "微党课演绎"):  # generated set-up: the seed gives no rule
            rule = AdjustmentRule(
                round=final, segment=segments[name], name=f"超时扣分（{name}）",
                kind=AdjustmentRule.Kind.OVERTIME, sign=-1, points=Decimal("0.5"),
                step=Decimal(30), limit=Decimal(2),
            )  # fmt: skip
            stage.save_rule(event, rule, organiser)
        finalists = list(final.appearances.select_related("contestant").order_by("order"))
        ballot = specials[2]
        awards.set_ballot(event, ballot, True, organiser)
        for judge in judges[: PANEL_SIZES[0]]:  # the 专家评委 nominate
            awards.nominate(judge, ballot, rng.choice(finalists[6:16]))
        awards.set_ballot(event, ballot, False, organiser)
        self.votes(specials[0], finalists, rng, organiser)

    def votes(self, award, finalists, rng, organiser):
        """Generated audience votes (flagged), 刘一民 — the seed's 最高人气奖 — ahead if he made
        the final; the vote left closed, to be reopened on the night."""
        poll = AudiencePoll.objects.get(award=award)
        votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
        weights = [
            6 if sub.contestant.name == "刘一民" else rng.uniform(0.5, 3) for sub in finalists
        ]
        AudienceVote.objects.bulk_create(
            AudienceVote(poll=poll, appearance=sub, voter=f"demo-{n}", is_generated=True)
            for n, sub in enumerate(rng.choices(finalists, weights, k=600))
        )
        votes.set_poll_state(poll, AudiencePoll.State.CLOSED, organiser)

    def rounds(self, event):
        semifinal = build(Round.objects.get(event=event), SEMIFINAL)
        final = build(Round.objects.create(event=event, order=2, name="决赛"), FINAL)
        return semifinal, final

    def judges(self, event, rounds) -> list[Judge]:
        users = get_user_model().objects
        password = make_password(PASSWORD)  # hashed once: 22 hashes take seconds
        made, seat = [], 0
        for p_order, size in enumerate(PANEL_SIZES, start=1):
            panels = [Panel.objects.get(round=r, order=p_order) for r in rounds]
            name = panels[0].name
            for n in range(1, size + 1):
                seat += 1
                user, _ = users.update_or_create(
                    username=f"red{seat}",
                    defaults={"first_name": f"{name}{n}", "password": password},
                )
                judge = Judge.objects.create(
                    event=event, user=user, seat=seat, display_name=f"{name}{n}"
                )
                PanelSeat.objects.bulk_create(PanelSeat(panel=p, judge=judge) for p in panels)
                made.append(judge)
        return made

    def contestants(self, rng) -> list[Contestant]:
        units = [Unit.objects.get_or_create(name=f"演示场馆{i:02d}")[0] for i in range(1, 21)]
        names = list(NAMED)
        while len(names) < 60:
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
            if name not in names:
                names.append(name)
        rng.shuffle(names)
        return [
            Contestant.objects.get_or_create(name=name, unit=units[i % len(units)])[0]
            for i, name in enumerate(names)
        ]

    def generate(self, round_, judges, levels, rng, count):
        """Submitted sheets of every judge for every segment of the first ``count`` appearances
        (all flagged ``is_generated``)."""
        segments = list(Segment.objects.filter(round=round_).prefetch_related("criteria"))
        appearances = list(Appearance.objects.filter(round=round_).order_by("order")[:count])
        now = timezone.now()
        sheets = ScoreSheet.objects.bulk_create(
            ScoreSheet(
                judge=judge,
                appearance=sub,
                segment=segment,
                status=ScoreSheet.Status.SUBMITTED,
                submitted_at=now,
                is_generated=True,
            )
            for sub in appearances
            for segment in segments
            for judge in judges
        )
        Score.objects.bulk_create(
            Score(
                sheet=sheet, criterion=c, value=pick(rng, c, levels[sheet.appearance.contestant_id])
            )
            for sheet in sheets
            for c in sheet.segment.criteria.all()
        )


def pick(rng, criterion, level) -> Decimal:
    steps = int(criterion.max_score / criterion.step)
    chosen = round(rng.gauss(level * steps, steps * 0.05))
    return criterion.step * Decimal(min(max(chosen, 0), steps))

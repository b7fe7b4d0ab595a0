"""Demo accounts and generated scores for the seed-001 event. Every generated sheet is flagged
``is_generated`` so pages and exports say the scores are not real."""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from common.models import Unit
from review.domain import show
from review.domain.event_settings import update_settings
from review.domain.recusal import declared_recusals, recused_pairs
from review.domain.roles import grant
from review.domain.tokens import issue_missing_tokens
from review.management.events import find_event
from review.models import Appearance, Criterion, Event, EventRole, Judge, Score, ScoreSheet

PASSWORD = "saima-demo"
JUDGE_UNITS = [
    "市委组织部",
    "市直机关工委",
    "市政府办公厅",
    "市发改委产业发展处",  # the same unit as contestant 1, to show automatic recusal
    "市委改革办",
    "市统计局",
    "市人大常委会办公厅",
]


class Command(BaseCommand):
    help = "Create demo accounts (an organiser and 7 judges) and generated scores."

    def add_arguments(self, parser):
        parser.add_argument(
            "--event", default="ningbo-2022", help="event code or id (default ningbo-2022)"
        )
        parser.add_argument("--seed", type=int, default=2022, help="random seed for the scores")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="where the demo will be served, for the addresses printed at the end",
        )
        parser.add_argument(
            "--scored",
            type=int,
            default=6,
            help="generate submitted sheets for the first N reports; the rest stay open for "
            "judges to score live (default 6)",
        )

    @transaction.atomic
    def handle(self, *args, event, seed, scored, base_url, **options):
        event = find_event(event)
        users = get_user_model().objects
        organiser, _ = users.update_or_create(
            username="organiser",
            defaults={"is_staff": True, "is_superuser": True, "first_name": "演示主办方"},
        )
        organiser.set_password(PASSWORD)
        organiser.save()
        grant(event, organiser, EventRole.Role.ORGANISER, None)
        for name, role, title in (
            ("operator", EventRole.Role.OPERATOR, "演示操作员"),
            ("viewer", EventRole.Role.VIEWER, "演示领导"),
        ):
            user, _ = users.update_or_create(
                username=name, defaults={"is_staff": False, "first_name": title}
            )
            user.set_password(PASSWORD)
            user.save()
            grant(event, user, role, None)
        for seat, unit_name in enumerate(JUDGE_UNITS, start=1):
            user, _ = users.update_or_create(
                username=f"judge{seat}", defaults={"first_name": f"演示评委{seat}"}
            )
            user.set_password(PASSWORD)
            user.save()
            unit, _ = Unit.objects.get_or_create(name=unit_name)
            Judge.objects.update_or_create(
                event=event,
                user=user,
                defaults={"seat": seat, "display_name": f"演示评委{seat}", "unit": unit},
            )
        count = self.generate_scores(event, random.Random(seed), scored)
        self.stage_show(event, scored)
        issue_missing_tokens(event, organiser)
        self.stdout.write(self.style.SUCCESS(f"Generated {count} demo score sheets (seed {seed})."))
        base = base_url.rstrip("/")
        self.stdout.write(
            f"\nDemo accounts (password for all: {PASSWORD})\n"
            f"  organiser           {base}/events/{event.pk}/control/  (control room, QR codes)\n"
            f"                      {base}/events/{event.pk}/results/  ·  {base}/admin/\n"
            f"  operator            {base}/events/{event.pk}/control/  (runs the show only)\n"
            f"  viewer              {base}/events/{event.pk}/results/  (leadership, read-only)\n"
            f"  big screen          {base}/events/{event.pk}/screen/\n"
            f"  judge1 … judge{len(JUDGE_UNITS)}     {base}/events/{event.pk}/judge/\n"
            f"\nJudges' QR login links (what their printed cards encode):\n"
        )
        for judge in Judge.objects.filter(event=event, login_token__isnull=False):
            self.stdout.write(f"  {judge.display_name:<10}  {base}/q/{judge.login_token}/")
        total = Appearance.objects.filter(event=event).count()
        scored = min(max(scored, 0), total)
        if scored:
            self.stdout.write(f"Reports 1–{scored} carry GENERATED demo scores, labelled as such.")
        if scored < total:
            self.stdout.write(
                f"Reports {scored + 1}–{total} are open for the judges to score live."
            )

    def stage_show(self, event, scored):
        """A live show part-way through: reports with generated scores are revealed, the next
        one is presenting with scoring not yet open."""
        appearances = list(Appearance.objects.filter(event=event))
        for sub in appearances:
            done = sub.order <= scored
            sub.phase = Appearance.Phase.REVEALED if done else Appearance.Phase.WAITING
            sub.revealed_at = timezone.now() if done else None
            sub.opened_at = sub.closes_at = None
        Appearance.objects.bulk_update(
            appearances, ["phase", "revealed_at", "opened_at", "closes_at"]
        )
        if event.status != Event.Status.SCORING:
            show.set_event_status(event, Event.Status.SCORING, None)
        update_settings(event, {"live_show": True}, None)
        on_stage = next((s for s in appearances if s.order > scored), appearances[-1])
        show.set_presenting(event, on_stage, None)
        event.refresh_from_db()

    def generate_scores(self, event, rng, scored):
        ScoreSheet.objects.filter(appearance__event=event, is_generated=True).delete()
        criteria = list(Criterion.objects.filter(event=event))
        judges = list(Judge.objects.filter(event=event))
        appearances = list(
            Appearance.objects.filter(event=event).select_related("contestant")[: max(scored, 0)]
        )
        recused = recused_pairs(judges, appearances, declared_recusals(event.pk))
        taken = set(
            ScoreSheet.objects.filter(appearance__event=event).values_list(
                "judge_id", "appearance_id"
            )
        )
        now = timezone.now()
        count = 0
        for sub in appearances:
            quality = rng.uniform(0.72, 0.95)
            for judge in judges:
                if (judge.pk, sub.pk) in recused or (judge.pk, sub.pk) in taken:
                    continue
                sheet = ScoreSheet.objects.create(
                    judge=judge,
                    appearance=sub,
                    status=ScoreSheet.Status.SUBMITTED,
                    submitted_at=now,
                    is_generated=True,
                )
                Score.objects.bulk_create(
                    Score(sheet=sheet, criterion=c, value=self.pick(rng, c, quality))
                    for c in criteria
                )
                count += 1
        return count

    @staticmethod
    def pick(rng, criterion, quality):
        steps = int(criterion.max_score / criterion.step)
        centre = quality * steps
        chosen = round(rng.gauss(centre, steps * 0.05))
        return criterion.step * Decimal(min(max(chosen, 0), steps))

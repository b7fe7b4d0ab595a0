"""Stamping a week, the reward tiers, and a month's results. A stamp is set only in an open
period, by a week the month holds; a change of a stamp is logged with the old one."""

from decimal import Decimal
from fractions import Fraction

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from common.domain import audit
from common.domain.refusals import Refused
from common.imports.images import Photo
from common.scoring import stamps as rules
from season.domain.values import enter_values
from season.models import Period, Subject
from stamps.models import WEEKS, RewardTier, Stamp, StampEntry


class StampRefused(Refused):
    pass


def record(season, actor, kind, *, period=None, reason="", **detail):
    return audit.append(StampEntry, "season", season, actor, kind, period=period, reason=reason,
                        detail=detail)  # fmt: skip


@transaction.atomic
def stamp(period: Period, subject: Subject, week: int, colour: str, checker,
          photo: Photo | None = None) -> Stamp:  # fmt: skip
    period = Period.objects.select_for_update().select_related("season").get(pk=period.pk)
    if period.status != Period.Status.OPEN:
        raise StampRefused(_("%(period)s is published: its stamps are final.")
                           % {"period": period.name})  # fmt: skip
    if subject.season_id != period.season_id:
        raise StampRefused(_("That household is not in this season."))
    if not 1 <= int(week) <= WEEKS:
        raise StampRefused(_("A month has weeks 1 to %(n)s.") % {"n": WEEKS})
    if colour not in Stamp.Colour.values:
        raise StampRefused(_("Stamp red, black or 空."))
    kept = Stamp.objects.filter(period=period, subject=subject, week=week).first()
    before = kept.colour if kept else None
    made = kept or Stamp(season=period.season, period=period, subject=subject, week=week)
    made.colour, made.checker = colour, checker
    if photo is not None:
        made.photo.save(f"{subject.pk}-{period.pk}-{week}.jpg", ContentFile(photo.data),
                        save=False)  # fmt: skip
    made.save()
    if before != colour:
        kind = StampEntry.Kind.CHANGED if before else StampEntry.Kind.STAMPED
        record(period.season, checker, kind, period=period, subject=subject.pk, week=week,
               colour=colour, before=before)  # fmt: skip
    return made


def tiers_of(season) -> list[rules.Tier]:
    """The season's reward tiers, best first; seed 002's until the organiser sets others."""
    rows = list(RewardTier.objects.filter(season=season))
    if not rows:
        return list(rules.SEED_002)
    return [rules.Tier(r.name, Fraction(r.min_red), r.max_black) for r in rows]


@transaction.atomic
def set_tiers(season, tiers: list[tuple[str, Decimal, int | None]], actor) -> None:
    if not tiers:
        raise StampRefused(_("Name at least one reward."))
    for name, min_red, max_black in tiers:
        if not name or min_red < 0 or min_red > WEEKS or (max_black is not None and max_black < 0):
            raise StampRefused(_("Reward %(name)s: red points from 0 to %(n)s, blacks 0 or more.")
                               % {"name": name or "?", "n": WEEKS})  # fmt: skip
    RewardTier.objects.filter(season=season).delete()
    RewardTier.objects.bulk_create(
        RewardTier(season=season, order=n, name=name[:40], min_red=min_red, max_black=max_black)
        for n, (name, min_red, max_black) in enumerate(tiers, start=1)
    )
    record(season, actor, StampEntry.Kind.TIERS,
           tiers=[[n, str(r), b] for n, r, b in tiers])  # fmt: skip


def month_results(period: Period, subjects) -> dict[int, tuple[dict[int, str], rules.Month]]:
    """``{subject id: ({week: colour}, the month)}`` in two queries."""
    tiers = tiers_of(period.season)
    weeks: dict[int, dict[int, str]] = {s.pk: {} for s in subjects}
    for subject_id, week, colour in Stamp.objects.filter(period=period).values_list(
        "subject_id", "week", "colour"
    ):
        if subject_id in weeks:
            weeks[subject_id][week] = colour
    return {s: (w, rules.month(w.values(), tiers)) for s, w in weeks.items()}


def take_rewards(period: Period, indicator, actor, reason: str = ""):
    """Each household's reward of the month as the indicator's value: the best tier is worth
    as many as there are tiers, the next one less, no reward 0."""
    if indicator.season_id != period.season_id or indicator.rule in ("rank", "event"):
        message = _("%(name)s cannot take the rewards: choose an indicator with a manual, "
                    "bands, count or linear rule.")  # fmt: skip
        raise StampRefused(message % {"name": indicator.name})
    tiers = tiers_of(period.season)
    worth = {t.name: len(tiers) - n for n, t in enumerate(tiers)}
    subjects = list(Subject.objects.filter(season=period.season_id).order_by("order"))
    results = month_results(period, subjects)
    rows = [(s.order, s, indicator, Decimal(worth.get(results[s.pk][1].tier.name, 0)
                                            if results[s.pk][1].tier else 0))
            for s in subjects if results[s.pk][0]]  # fmt: skip
    return enter_values(period, rows, actor, sheet=_("Stamps"),
                        reason=reason or _("the month's stamp rewards"))  # fmt: skip

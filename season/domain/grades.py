"""The year-end 等次: the cumulative standing placed into the season's grades, best first, by
``common.scoring.awards.allocate_tiers`` — the same quotas, thresholds and tie mechanism as a
contest's award tiers. A tie at a grade's boundary waits for the organiser's pick, with a
reason; until then that grade's tied subjects and every later grade are pending."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from common.scoring import awards
from season.domain.audit import record
from season.domain.standing import CumulativeLine, cumulative_standing
from season.models import Grade, GradePick, Season, SeasonEntry, Subject

#: 优秀 at most 15 % of the field (rounded down), the rest 称职 — the share the issue's offices
#: state; further grades (基本称职, 不称职) need thresholds the organiser sets.
PRESET = (
    {"name": "优秀", "quota": "percent", "percent": "15", "rounding": "down", "policy": "pick"},
    {"name": "称职", "quota": "rest"},
)
MAX_GRADES = 8


class GradesRefused(Refused):
    pass


def rules_of(grades: list[Grade]) -> list[awards.TierRule]:
    return [
        awards.TierRule(
            g.pk,
            awards.Quota(g.quota),
            count=g.count,
            percent=g.percent,
            rounding=awards.QuotaRounding(g.rounding),
            threshold=g.threshold,
            policy=awards.TiePolicy(g.policy),
        )  # fmt: skip
        for g in grades
    ]


@dataclass(frozen=True)
class YearEnd:
    lines: list[CumulativeLine]
    grades: list[Grade]
    allocation: awards.Allocation
    picks: dict[int, list[GradePick]]

    def grade_of(self, subject: Subject) -> Grade | None:
        key = self.allocation.tier_of().get(subject.pk)
        return next((g for g in self.grades if g.pk == key), None)

    def open_ties(self) -> list[tuple[Grade, list[Subject], int]]:
        subjects = {line.subject.pk: line.subject for line in self.lines}
        grades = {g.pk: g for g in self.grades}
        return [(grades[b.tier], [subjects[s] for s in b.tied], b.open_seats)
                for b in self.allocation.boundaries if not b.settled]  # fmt: skip


def year_end(season: Season, without_picks_of: int | None = None,
             lines: list[CumulativeLine] | None = None) -> YearEnd:  # fmt: skip
    """``lines``: the cumulative standing over every period with values, when the caller has it
    already (the year-end workbook)."""
    if lines is None:
        lines = cumulative_standing(season)
    grades = list(Grade.objects.filter(season=season))
    picks: dict[int, list[GradePick]] = {}
    for pick in GradePick.objects.filter(grade__season=season).select_related("actor"):
        picks.setdefault(pick.grade_id, []).append(pick)
    chosen = {g: [p.subject_id for p in ps] for g, ps in picks.items() if g != without_picks_of}
    entrants = [awards.Entrant(line.subject.pk, line.shown, line.rank) for line in lines]
    allocation = awards.allocate_tiers(rules_of(grades), entrants, chosen)
    return YearEnd(lines, grades, allocation, picks)


def _decimal(row: dict, name: str, low: Decimal, high: Decimal) -> Decimal | None:
    raw = str(row.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not low <= value <= high:
        raise GradesRefused(_("%(grade)s: %(field)s must be a number from %(low)s to %(high)s.")
                            % {"grade": row.get("name") or "?", "field": name, "low": low,
                               "high": high})  # fmt: skip
    return value


@transaction.atomic
def set_grades(season: Season, rows: list[dict], actor) -> list[Grade]:
    """Replace the season's grades by ``rows`` (best first); earlier picks are dropped, since
    the boundaries they settled may have moved."""
    season = Season.objects.select_for_update().get(pk=season.pk)
    rows = [r for r in rows if str(r.get("name") or "").strip()]
    if not rows:
        raise GradesRefused(_("Give at least one grade."))
    if len(rows) > MAX_GRADES:
        raise GradesRefused(_("At most %(n)s grades.") % {"n": MAX_GRADES})
    made = []
    for order, row in enumerate(rows, start=1):
        name = str(row["name"]).strip()[:20]
        quota = str(row.get("quota") or "")
        if quota not in Grade.Quota.values:
            raise GradesRefused(_("%(grade)s: choose how many get it.") % {"grade": name})
        grade = Grade(season=season, order=order, name=name, quota=quota,
                      rounding=row.get("rounding") or awards.QuotaRounding.DOWN,
                      policy=row.get("policy") or awards.TiePolicy.PICK)  # fmt: skip
        if grade.rounding not in awards.QuotaRounding.__members__.values():
            grade.rounding = awards.QuotaRounding.DOWN
        if grade.policy not in (awards.TiePolicy.PICK, awards.TiePolicy.ALL_HIGHER):
            grade.policy = awards.TiePolicy.PICK
        grade.percent = _decimal(row, "percent", Decimal(0), Decimal(100))
        count = _decimal(row, "count", Decimal(0), Decimal(10**6))
        grade.count = None if count is None else int(count)
        grade.threshold = _decimal(row, "threshold", Decimal(-(10**6)), Decimal(10**6))
        grade.coefficient = _decimal(row, "coefficient", Decimal(0), Decimal(100))
        needs = {"percent": grade.percent, "count": grade.count, "threshold": grade.threshold}
        if quota in needs and needs[quota] is None:
            raise GradesRefused(_("%(grade)s: give its %(field)s.") % {"grade": name,
                                                                       "field": quota})  # fmt: skip
        made.append(grade)
    if len({g.name for g in made}) != len(made):
        raise GradesRefused(_("Two grades have the same name."))
    Grade.objects.filter(season=season).delete()
    Grade.objects.bulk_create(made)
    record(season, actor, SeasonEntry.Kind.GRADES,
           reason="；".join(g.name for g in made))  # fmt: skip
    return list(Grade.objects.filter(season=season))


@transaction.atomic
def pick(season: Season, grade: Grade, chosen: list[Subject], reason: str, actor) -> None:
    """Settle the tie at ``grade``'s boundary: ``chosen`` get it, said why."""
    season = Season.objects.select_for_update().get(pk=season.pk)
    reason = (reason or "").strip()[:200]
    if not reason:
        raise GradesRefused(_("Say why these were picked."))
    tie = next(((g, tied, n) for g, tied, n in year_end(season, grade.pk).open_ties()
                if g.pk == grade.pk), None)  # fmt: skip
    if tie is None:
        raise GradesRefused(_("There is no undecided tie at %(grade)s.") % {"grade": grade.name})
    _grade, tied, seats = tie
    chosen_ids = {s.pk for s in chosen}
    if len(chosen_ids) != seats or not chosen_ids <= {s.pk for s in tied}:
        raise GradesRefused(_("Pick %(n)s of the tied.") % {"n": seats})
    GradePick.objects.filter(grade=grade).delete()
    GradePick.objects.bulk_create(
        GradePick(grade=grade, subject=s, reason=reason, actor=actor) for s in chosen
    )
    record(season, actor, SeasonEntry.Kind.GRADE_PICK, reason=reason, grade=grade.name,
           picked=[s.name for s in chosen])  # fmt: skip


def with_preset(season: Season, actor) -> None:
    """A new season's grades (``create_season``)."""
    set_grades(season, [dict(row) for row in PRESET], actor)

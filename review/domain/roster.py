"""Applying a checked roster to an event, all or nothing.

Rows are matched by natural keys — a criterion by name, a contestant by name and unit, a judge by
user name — so importing an edited file updates what is there. Rows in the event but not in the
file are reported, never deleted.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from review.imports.columns import CONTESTANTS, CRITERIA, JUDGES, UNITS
from review.imports.roster import Problem, Roster, RosterInvalid
from review.models import Contestant, Criterion, Event, Judge, Score, Submission, Unit

SHIFT = 10_000  # moves orders out of the way while they are renumbered (orders are ≤ 9,999)


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    not_in_file: dict[str, list[str]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, int, int, int]]:
        """``(sheet, created, updated, unchanged)`` for every sheet that had rows."""
        sheets = [
            s
            for s in (CRITERIA, CONTESTANTS, JUDGES, UNITS)
            if s in self.created or s in self.updated or s in self.unchanged
        ]
        return [
            (s, self.created.get(s, 0), self.updated.get(s, 0), self.unchanged.get(s, 0))
            for s in sheets
        ]

    def count(self, sheet: str, created: bool, changed: bool):
        bucket = self.created if created else self.updated if changed else self.unchanged
        bucket[sheet] = bucket.get(sheet, 0) + 1


def _save(obj, values: dict, report: ImportReport, sheet: str, created: bool):
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if created or changed:
        obj.save()
    report.count(sheet, created, changed)


def _criteria_values(roster: Roster) -> dict[str, dict]:
    out = {}
    for index, row in enumerate(roster.criteria, start=1):
        v = row.values
        out[v["name"]] = {
            "max_score": Decimal(v["max_score"]),
            "step": Decimal(v.get("step") or "0.5"),
            "weight": Decimal(v.get("weight") or "1"),
            "guidance": v.get("guidance", ""),
            "order": int(Decimal(v["order"])) if v.get("order") else index,
        }
    return out


def _check_against_event(event: Event, roster: Roster) -> list[Problem]:
    problems = []
    existing = {c.name: c for c in Criterion.objects.filter(event=event)}
    wanted = _criteria_values(roster)
    if Score.objects.filter(criterion__event=event).exists() and roster.criteria:
        same = set(existing) == set(wanted) and all(
            (c.max_score, c.step, c.weight) == (w["max_score"], w["step"], w["weight"])
            for name, w in wanted.items()
            for c in [existing[name]]
        )
        if not same:
            problems.append(
                Problem(
                    CRITERIA,
                    None,
                    "",
                    _(
                        "Judges have already scored: the criteria's names, maxima, steps and "
                        "weights can no longer change."
                    ),
                )
            )

    in_file = {(r.values["name"], r.values["unit"]) for r in roster.contestants}
    file_orders = {int(Decimal(r.values["order"])): r for r in roster.contestants}
    for sub in Submission.objects.filter(event=event).select_related("contestant__unit"):
        key = (sub.contestant.name, sub.contestant.unit.name)
        if key not in in_file and sub.order in file_orders:
            row = file_orders[sub.order]
            problems.append(
                Problem(
                    CONTESTANTS,
                    row.number,
                    "A（出场顺序）",
                    _(
                        "Presentation order %(order)s is taken by %(name)s, who is in the "
                        "event but not in this file."
                    )
                    % {"order": sub.order, "name": sub.contestant.name},
                )
            )

    usernames = {r.values["username"] for r in roster.judges}
    file_seats = {int(Decimal(r.values["seat"])): r for r in roster.judges}
    for judge in Judge.objects.filter(event=event).select_related("user"):
        if judge.user.username not in usernames and judge.seat in file_seats:
            row = file_seats[judge.seat]
            problems.append(
                Problem(
                    JUDGES,
                    row.number,
                    "A（序号）",
                    _(
                        "Judge number %(seat)s is taken by %(name)s, who is in the event but "
                        "not in this file."
                    )
                    % {"seat": judge.seat, "name": judge.display_name},
                )
            )
    return problems


@transaction.atomic
def apply_roster(event: Event, roster: Roster) -> ImportReport:
    event = Event.objects.select_for_update().get(pk=event.pk)
    problems = _check_against_event(event, roster)
    if problems:
        raise RosterInvalid(problems)
    report = ImportReport()

    units = {u.name: u for u in Unit.objects.all()}
    for name in roster.units:
        if name not in units:
            units[name] = Unit.objects.create(name=name)
            report.count(UNITS, True, False)
        else:
            report.count(UNITS, False, False)

    if roster.criteria:
        existing = {c.name: c for c in Criterion.objects.filter(event=event)}
        for name, values in _criteria_values(roster).items():
            criterion = existing.get(name) or Criterion(event=event, name=name)
            _save(criterion, values, report, CRITERIA, criterion.pk is None)
        report.not_in_file[CRITERIA] = sorted(set(existing) - set(_criteria_values(roster)))

    if roster.contestants:
        in_file = {(r.values["name"], r.values["unit"]) for r in roster.contestants}
        event_subs = Submission.objects.filter(event=event).select_related("contestant__unit")
        moving = [
            s.pk for s in event_subs if (s.contestant.name, s.contestant.unit.name) in in_file
        ]
        Submission.objects.filter(pk__in=moving).update(order=F("order") + SHIFT)
        current = {(s.contestant.name, s.contestant.unit.name): s for s in event_subs.all()}
        for row in roster.contestants:
            v = row.values
            contestant, made = Contestant.objects.get_or_create(
                name=v["name"], unit=units[v["unit"]], defaults={"post": v.get("post", "")}
            )
            if not made and contestant.post != v.get("post", ""):
                contestant.post = v.get("post", "")
                contestant.save(update_fields=["post"])
            submission = current.get((v["name"], v["unit"]))
            created = submission is None
            if created:
                submission = Submission(event=event, contestant=contestant)
            else:
                submission.order -= SHIFT  # compare with what it was
            _save(
                submission,
                {
                    "order": int(Decimal(v["order"])),
                    "title": v["title"],
                    "statement": v.get("statement", ""),
                },
                report,
                CONTESTANTS,
                created,
            )
        Submission.objects.filter(event=event, order__gte=SHIFT).update(order=F("order") - SHIFT)
        report.not_in_file[CONTESTANTS] = sorted(
            f"{name}（{unit}）" for name, unit in set(current) - in_file
        )

    if roster.judges:
        users = get_user_model().objects
        usernames = {r.values["username"] for r in roster.judges}
        Judge.objects.filter(event=event, user__username__in=usernames).update(
            seat=F("seat") + SHIFT
        )
        current = {
            j.user.username: j for j in Judge.objects.filter(event=event).select_related("user")
        }
        for row in roster.judges:
            v = row.values
            judge = current.get(v["username"])
            created = judge is None
            if created:
                user = users.filter(username=v["username"]).first()
                if user is None:
                    user = users.create_user(v["username"], first_name=v["name"])
                judge = Judge(event=event, user=user)
            else:
                judge.seat -= SHIFT
            _save(
                judge,
                {
                    "seat": int(Decimal(v["seat"])),
                    "display_name": v["name"],
                    "unit": units[v["unit"]] if v.get("unit") else None,
                },
                report,
                JUDGES,
                created,
            )
        Judge.objects.filter(event=event, seat__gte=SHIFT).update(seat=F("seat") - SHIFT)
        report.not_in_file[JUDGES] = sorted(
            current[u].display_name for u in set(current) - usernames
        )
    return report

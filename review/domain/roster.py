"""Applying a checked roster to one round of an event, all or nothing.

Rows are matched by natural keys — a criterion by segment and name, a contestant by name and
unit, a judge by user name — so importing an edited file updates what is there. Rows in the
round but not in the file are reported, never deleted. Criteria go to the round's segments (the
环节 column; blank in a round of one segment), contestants into the round's running order, and
judges into the event, seated in the round's panel named in 评委组 (blank: as they are).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from common.models import Contestant, Unit
from review.domain.roster_input import (
    CONTESTANTS,
    CRITERIA,
    JUDGES,
    UNITS,
    Problem,
    Roster,
    RosterInvalid,
)
from review.models import (
    Appearance,
    Criterion,
    Event,
    Judge,
    Panel,
    PanelSeat,
    Round,
    Score,
    Segment,
    first_round,
)

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


@dataclass
class Target:
    """The round a roster goes into, with its segments and panels by name."""

    event: Event
    round: Round
    segments: dict[str, Segment]
    panels: dict[str, Panel]

    @classmethod
    def of(cls, event: Event, round_: Round | None) -> "Target":
        round_ = round_ or first_round(event.pk)
        return cls(
            event,
            round_,
            {s.name: s for s in Segment.objects.filter(round=round_)},
            {p.name: p for p in Panel.objects.filter(round=round_)},
        )


def _named(target: Target, row, key: str, choices: dict, problems: list):
    """The segment or panel a row names (blank: the only one, or ``None`` for a panel)."""
    name = row.values.get(key, "")
    if not name:
        if key == "segment":
            if len(choices) == 1:
                return next(iter(choices.values()))
            problems.append(
                Problem(
                    row.sheet,
                    row.number,
                    "环节",
                    _("Name the segment: %(names)s.") % {"names": "、".join(choices)},
                )  # fmt: skip
            )
        return None
    if name not in choices:
        problems.append(
            Problem(row.sheet, row.number, "环节" if key == "segment" else "评委组",
                    _("“%(name)s” is not part of %(round)s; it has: %(names)s. Add it on the "
                      "contest-shape page first.")
                    % {"name": name, "round": target.round, "names": "、".join(choices)})
        )  # fmt: skip
    return choices.get(name)


def _criteria_plan(target: Target, roster: Roster, problems: list) -> dict[tuple, dict]:
    """``{(segment id, name): values}`` of the file's criteria."""
    out = {}
    for index, row in enumerate(roster.criteria, start=1):
        v = row.values
        segment = _named(target, row, "segment", target.segments, problems)
        if segment is None:
            continue
        out[(segment.pk, v["name"])] = {
            "segment": segment,
            "max_score": Decimal(v["max_score"]),
            "step": Decimal(v.get("step") or "0.5"),
            "weight": Decimal(v.get("weight") or "1"),
            "guidance": v.get("guidance", ""),
            "order": int(Decimal(v["order"])) if v.get("order") else index,
        }
    return out


def _criteria_problems(target: Target, wanted: dict) -> list[Problem]:
    existing = {
        (c.segment_id, c.name): c for c in Criterion.objects.filter(segment__round=target.round)
    }
    if not wanted or not Score.objects.filter(criterion__segment__round=target.round).exists():
        return []
    same = set(existing) == set(wanted) and all(
        (existing[key].max_score, existing[key].step, existing[key].weight)
        == (w["max_score"], w["step"], w["weight"])
        for key, w in wanted.items()
    )
    if same:
        return []
    message = _(
        "Judges have already scored: the criteria's names, maxima, steps and weights can no "
        "longer change."
    )
    return [Problem(CRITERIA, None, "", message)]


def _order_problems(target: Target, roster: Roster) -> list[Problem]:
    problems = []
    in_file = {(r.values["name"], r.values["unit"]) for r in roster.contestants}
    file_orders = {int(Decimal(r.values["order"])): r for r in roster.contestants}
    for sub in Appearance.objects.filter(round=target.round).select_related("contestant__unit"):
        key = (sub.contestant.name, sub.contestant.unit.name)
        if key not in in_file and sub.order in file_orders:
            message = _(
                "Presentation order %(order)s is taken by %(name)s, who is in the event but "
                "not in this file."
            ) % {"order": sub.order, "name": sub.contestant.name}
            problems.append(
                Problem(CONTESTANTS, file_orders[sub.order].number, "A（出场顺序）", message)
            )
    return problems


def _seat_problems(target: Target, roster: Roster, problems: list) -> list[Problem]:
    out = []
    usernames = {r.values["username"] for r in roster.judges}
    file_seats = {int(Decimal(r.values["seat"])): r for r in roster.judges}
    for judge in Judge.objects.filter(event=target.event).select_related("user"):
        if judge.user.username not in usernames and judge.seat in file_seats:
            message = _(
                "Judge number %(seat)s is taken by %(name)s, who is in the event but not in "
                "this file."
            ) % {"seat": judge.seat, "name": judge.display_name}
            out.append(Problem(JUDGES, file_seats[judge.seat].number, "A（序号）", message))
    for row in roster.judges:
        _named(target, row, "panel", target.panels, problems)
    return out


@transaction.atomic
def apply_roster(event: Event, roster: Roster, round_: Round | None = None) -> ImportReport:
    """Into ``round_`` (by default the first): everything, or nothing and every problem."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    target = Target.of(event, round_)
    if Appearance.objects.filter(event=event, round__order__gt=target.round.order).exists():
        message = _(
            "%(round)s has already sent its contestants on to the next round: its roster can no "
            "longer change."
        ) % {"round": target.round}
        raise RosterInvalid([Problem("", None, "", message)])
    problems: list[Problem] = []
    wanted = _criteria_plan(target, roster, problems)
    problems += _criteria_problems(target, wanted)
    problems += _order_problems(target, roster)
    problems += _seat_problems(target, roster, problems)
    if problems:
        raise RosterInvalid(problems)
    report = ImportReport()
    units = _units(roster, report)
    if roster.criteria:
        _apply_criteria(target, wanted, report)
    if roster.contestants:
        _apply_contestants(target, roster, units, report)
    if roster.judges:
        _apply_judges(target, roster, units, report)
    return report


def _units(roster: Roster, report: ImportReport) -> dict[str, Unit]:
    units = {u.name: u for u in Unit.objects.all()}
    for name in roster.units:
        created = name not in units
        if created:
            units[name] = Unit.objects.create(name=name)
        report.count(UNITS, created, False)
    return units


def _apply_criteria(target: Target, wanted: dict, report: ImportReport) -> None:
    existing = {
        (c.segment_id, c.name): c for c in Criterion.objects.filter(segment__round=target.round)
    }
    for (segment_id, name), values in wanted.items():
        criterion = existing.get((segment_id, name))
        if criterion is None:
            criterion = Criterion(event=target.event, segment=values["segment"], name=name)
        fields = {k: v for k, v in values.items() if k != "segment"}
        _save(criterion, fields, report, CRITERIA, criterion.pk is None)
    report.not_in_file[CRITERIA] = sorted(name for key, name in set(existing) - set(wanted))


def _apply_contestants(target, roster: Roster, units, report: ImportReport) -> None:
    in_file = {(r.values["name"], r.values["unit"]) for r in roster.contestants}
    round_subs = Appearance.objects.filter(round=target.round).select_related("contestant__unit")
    moving = [s.pk for s in round_subs if (s.contestant.name, s.contestant.unit.name) in in_file]
    Appearance.objects.filter(pk__in=moving).update(order=F("order") + SHIFT)
    current = {(s.contestant.name, s.contestant.unit.name): s for s in round_subs.all()}
    for row in roster.contestants:
        v = row.values
        contestant, made = Contestant.objects.get_or_create(
            name=v["name"], unit=units[v["unit"]], defaults={"post": v.get("post", "")}
        )
        if not made and contestant.post != v.get("post", ""):
            contestant.post = v.get("post", "")
            contestant.save(update_fields=["post"])
        appearance = current.get((v["name"], v["unit"]))
        created = appearance is None
        if created:
            appearance = Appearance(event=target.event, round=target.round, contestant=contestant)
        else:
            appearance.order -= SHIFT  # compare with what it was
        values = {
            "order": int(Decimal(v["order"])),
            "title": v["title"],
            "statement": v.get("statement", ""),
        }
        _save(appearance, values, report, CONTESTANTS, created)
    Appearance.objects.filter(round=target.round, order__gte=SHIFT).update(order=F("order") - SHIFT)
    report.not_in_file[CONTESTANTS] = sorted(
        f"{name}（{unit}）" for name, unit in set(current) - in_file
    )


def _apply_judges(target: Target, roster: Roster, units, report: ImportReport) -> None:
    users = get_user_model().objects
    usernames = {r.values["username"] for r in roster.judges}
    Judge.objects.filter(event=target.event, user__username__in=usernames).update(
        seat=F("seat") + SHIFT
    )
    current = {
        j.user.username: j for j in Judge.objects.filter(event=target.event).select_related("user")
    }
    for row in roster.judges:
        v = row.values
        judge = current.get(v["username"])
        created = judge is None
        if created:
            user = users.filter(username=v["username"]).first()
            if user is None:
                user = users.create_user(v["username"], first_name=v["name"])
            judge = Judge(event=target.event, user=user)
        else:
            judge.seat -= SHIFT
        values = {
            "seat": int(Decimal(v["seat"])),
            "display_name": v["name"],
            "unit": units[v["unit"]] if v.get("unit") else None,
        }
        _save(judge, values, report, JUDGES, created)
        panel = target.panels.get(v.get("panel", ""))
        if panel is not None:
            PanelSeat.objects.filter(panel__round=target.round, judge=judge).delete()
            PanelSeat.objects.create(panel=panel, judge=judge)
    Judge.objects.filter(event=target.event, seat__gte=SHIFT).update(seat=F("seat") - SHIFT)
    report.not_in_file[JUDGES] = sorted(current[u].display_name for u in set(current) - usernames)

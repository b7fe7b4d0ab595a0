"""A round's awards as they stand: computed from the ranking by ``common.scoring.awards`` with
the organiser's picks, or — once the event is published — the frozen list."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from common.scoring import awards
from review.models import (
    Appearance,
    AwardPick,
    AwardTier,
    Event,
    FrozenAward,
    Nomination,
    Round,
    SpecialAward,
)
from review.queries import votes
from review.queries.standing import Placing, round_standing


def _by_criterion(sheets) -> dict[int, list[Decimal]]:
    values = defaultdict(list)
    for sheet in sheets:
        for criterion_id, value in sheet.items():
            values[criterion_id].append(value)
    return dict(values)


@dataclass(frozen=True)
class AwardLine:
    """One name on the 获奖名单."""

    name: str
    appearance: Appearance
    rank: int | None
    score: Decimal | None
    tier: AwardTier | None = None
    special: SpecialAward | None = None
    votes: int | None = None  # nominations or audience votes that decided a 单项奖


@dataclass
class RoundAwards:
    round: Round
    tiers: list[AwardTier]
    specials: list[SpecialAward]
    lines: list[AwardLine]  # tiers best first, then the 单项奖 in order
    frozen: bool
    allocation: awards.Allocation | None = None
    outcomes: dict[int, awards.SpecialOutcome] = field(default_factory=dict)
    by_pk: dict[int, Placing] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        if self.frozen:
            return True
        return self.allocation.complete and not any(o.pending for o in self.outcomes.values())

    @property
    def has_awards(self) -> bool:
        return bool(self.tiers or self.specials)

    def open_ties(self):
        """``(tier or special, tied standings, open places)`` for each undecided tie."""
        if self.frozen:
            return []
        tiers = {t.pk: t for t in self.tiers}
        ties = [
            (tiers[b.tier], [self.by_pk[k] for k in b.tied], b.open_seats)
            for b in self.allocation.boundaries
            if not b.settled
        ]
        ties += [
            (special, [self.by_pk[k] for k in self.outcomes[special.pk].tied], 1)
            for special in self.specials
            if self.outcomes[special.pk].pending
        ]
        return ties

    def ceremony_order(self) -> list[AwardLine]:
        """Tiers from the lowest, each from its lowest-ranked winner up; then the 单项奖."""
        tiered = [line for line in self.lines if line.tier is not None]
        order = {t.pk: i for i, t in enumerate(self.tiers)}
        tiered.sort(key=lambda line: (-order.get(line.tier.pk, 0), -(line.rank or 0)))
        return tiered + [line for line in self.lines if line.tier is None]


def round_awards(event: Event, round_: Round) -> RoundAwards:
    tiers = list(AwardTier.objects.filter(round=round_))
    specials = list(SpecialAward.objects.filter(round=round_).select_related("segment"))
    frozen = list(
        FrozenAward.objects.filter(round=round_).select_related(
            "tier", "special", "appearance__contestant__unit"
        )
    )
    if frozen:
        lines = [
            AwardLine(f.name, f.appearance, f.rank, f.score, f.tier, f.special) for f in frozen
        ]
        return RoundAwards(round_, tiers, specials, lines, frozen=True)
    if not tiers and not specials:
        return RoundAwards(round_, [], [], [], False, awards.Allocation())
    ranked = round_standing(event, round_).ranked
    by_pk = {s.appearance.pk: s for s in ranked}
    tier_picks, special_picks = _picks(round_)
    entrants = [awards.Entrant(s.appearance.pk, s.shown, s.rank) for s in ranked]
    allocation = awards.allocate_tiers([t.rule for t in tiers], entrants, tier_picks)
    values = _special_values(specials, ranked)
    outcomes = awards.allocate_specials(
        [s.rule for s in specials],
        values,
        allocation.tier_of(),
        round_.specials_exclusive,
        special_picks,
    )
    lines = [
        AwardLine(tier.name, by_pk[k].appearance, by_pk[k].rank, by_pk[k].shown, tier=tier)
        for tier in tiers
        for k in allocation.tiers.get(tier.pk, ())
    ]
    for special in specials:
        winner = outcomes[special.pk].winner
        if winner is not None:
            count = values[special.pk][winner] if _counts_votes(special) else None
            standing = by_pk[winner]
            lines.append(
                AwardLine(
                    special.name,
                    standing.appearance,
                    standing.rank,
                    standing.shown,
                    special=special,
                    votes=None if count is None else int(count),
                )
            )
    return RoundAwards(round_, tiers, specials, lines, False, allocation, outcomes, by_pk)


def _counts_votes(special: SpecialAward) -> bool:
    return special.source in (SpecialAward.Source.BALLOT, SpecialAward.Source.AUDIENCE)


def _picks(round_: Round) -> tuple[dict[int, list[int]], dict[int, int]]:
    tier_picks: dict[int, list[int]] = defaultdict(list)
    special_picks: dict[int, int] = {}
    for pick in AwardPick.objects.filter(round=round_):
        if pick.tier_id is not None:
            tier_picks[pick.tier_id].append(pick.appearance_id)
        else:
            special_picks[pick.special_id] = pick.appearance_id
    return dict(tier_picks), special_picks


def _special_values(specials, ranked: list[Placing]) -> dict[int, dict[int, Decimal]]:
    ballots = defaultdict(list)
    for award_id, sub_id in Nomination.objects.filter(award__in=specials).values_list(
        "award_id", "appearance_id"
    ):
        ballots[award_id].append(sub_id)
    audience = [s.pk for s in specials if s.source == SpecialAward.Source.AUDIENCE]
    tallies = votes.tallies(audience)
    values = {}
    for special in specials:
        if special.source == SpecialAward.Source.SEGMENT:
            segment = special.segment_id
            values[special.pk] = {s.appearance.pk: s.segments.get(segment) for s in ranked}
        elif special.source == SpecialAward.Source.CRITERION:
            values[special.pk] = {
                s.appearance.pk: _mean(_by_criterion(s.sheets).get(special.criterion_id))
                for s in ranked
            }
        elif special.source == SpecialAward.Source.BALLOT:
            values[special.pk] = awards.most_votes(ballots[special.pk])
        else:
            values[special.pk] = {k: Decimal(n) for k, n in tallies.get(special.pk, {}).items()}
    return values


def _mean(values: list[Decimal] | None) -> Decimal | None:
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


@dataclass(frozen=True)
class CeremonyState:
    round: Round
    step: int
    total: int
    current: AwardLine | None  # the name just revealed
    revealed: list[AwardLine]  # of the current award, in the order they were revealed
    full: list[tuple[str, list[AwardLine]]]  # once complete: each award with its winners

    @property
    def finished(self) -> bool:
        return self.step > self.total


def ceremony_state(event: Event) -> CeremonyState | None:
    if event.ceremony_round_id is None:
        return None
    round_ = Round.objects.get(pk=event.ceremony_round_id)
    awards = round_awards(event, round_)
    order = awards.ceremony_order()
    step = min(event.ceremony_step, len(order) + 1)
    current = order[step - 1] if 0 < step <= len(order) else None
    revealed = [line for line in order[:step] if current and line.name == current.name]
    full = []
    if step > len(order):
        for line in awards.lines:
            if not full or full[-1][0] != line.name:
                full.append((line.name, []))
            full[-1][1].append(line)
    return CeremonyState(round_, step, len(order), current, revealed, full)


def rounds_with_awards(event: Event) -> list[Round]:
    """The event's rounds that have tiers or 单项奖, in one query."""
    return list(
        Round.objects.filter(event=event)
        .filter(Q(award_tiers__isnull=False) | Q(special_awards__isnull=False))
        .distinct()
        .order_by("order")
    )

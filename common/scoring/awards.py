"""Who wins what: award tiers by rank with quotas (金牌 6, 优秀 15 %), 等次 bands by score, and
the 单项奖 (best on a segment or criterion, most judges' nominations, most audience votes).

Pure functions over the round's ranking; no Django. A tie is never settled by the order rows
happen to arrive in:

- a tier's boundary that splits a tie follows the tier's :class:`TiePolicy` — every tied
  entrant gets the higher tier, or the tie-break chain decides (the round's ranks already apply
  it) and what it leaves tied the organiser picks, or the organiser picks straight away;
- until the organiser has picked, the tied entrants and every later tier stay *pending*
  (:attr:`Allocation.complete` is false), because who falls to the next tier depends on it;
- a 单项奖 with a tie for the best value is pending until the organiser picks one of the tied.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum


class Quota(StrEnum):
    COUNT = "count"  # a number of places
    PERCENT = "percent"  # a share of the ranked field, rounded as the tier says
    THRESHOLD = "threshold"  # everyone left with at least this score
    REST = "rest"  # everyone left


class QuotaRounding(StrEnum):
    DOWN = "down"  # at most the share (优秀 ≤ 15 % of 23 = 3.45 → 3)
    HALF_UP = "half_up"


class TiePolicy(StrEnum):
    ALL_HIGHER = "all_higher"  # every entrant tied on the score at the boundary gets the tier
    TIE_BREAK = "tie_break"  # the tie-break chain's ranks decide; the organiser picks the rest
    PICK = "pick"  # the organiser picks among those tied on the score


@dataclass(frozen=True)
class TierRule:
    key: int
    quota: Quota
    count: int | None = None
    percent: Decimal | None = None
    rounding: QuotaRounding = QuotaRounding.DOWN
    threshold: Decimal | None = None
    policy: TiePolicy = TiePolicy.ALL_HIGHER


@dataclass(frozen=True)
class Entrant:
    key: int
    score: Decimal | None  # the shown round score
    rank: int | None  # the round's competition rank, tie-break chain applied


def quota_seats(rule: TierRule, field_size: int) -> int | None:
    """Places of a COUNT or PERCENT tier in a field of ``field_size`` ranked entrants."""
    if rule.quota is Quota.COUNT:
        return rule.count or 0
    if rule.quota is Quota.PERCENT:
        share = Decimal(field_size) * (rule.percent or 0) / 100
        how = ROUND_DOWN if rule.rounding is QuotaRounding.DOWN else ROUND_HALF_UP
        return int(share.quantize(Decimal(1), rounding=how))
    return None


@dataclass(frozen=True)
class Boundary:
    """A tier's last place split a tie."""

    tier: int
    seats: int
    sure: tuple[int, ...]  # inside the tier without question
    tied: tuple[int, ...]  # sharing the place that straddles the boundary
    open_seats: int  # places left for the tied
    winners: tuple[int, ...] | None  # the tied who get the tier; None while undecided

    @property
    def settled(self) -> bool:
        return self.winners is not None


@dataclass
class Allocation:
    tiers: dict[int, tuple[int, ...]] = field(default_factory=dict)  # tier key → entrants
    boundaries: list[Boundary] = field(default_factory=list)
    pending: tuple[int, ...] = ()  # entrants not placed because a boundary is undecided

    @property
    def complete(self) -> bool:
        return all(b.settled for b in self.boundaries)

    def tier_of(self) -> dict[int, int]:
        return {e: tier for tier, entrants in self.tiers.items() for e in entrants}


def allocate_tiers(
    rules: Iterable[TierRule],
    entrants: Iterable[Entrant],
    picks: Mapping[int, Iterable[int]] | None = None,
) -> Allocation:
    """Place ``entrants`` (in rank order) into the tiers, best tier first.

    ``picks``: per tier, the entrants the organiser chose among those tied at its boundary;
    honoured only when they are exactly as many as the open places and all among the tied."""
    picks = picks or {}
    ranked = [e for e in entrants if e.score is not None and e.rank is not None]
    remaining = list(ranked)
    allocation = Allocation()
    for rule in rules:
        won, boundary = _tier_winners(rule, remaining, len(ranked), set(picks.get(rule.key, ())))
        if boundary is not None:
            allocation.boundaries.append(boundary)
        allocation.tiers[rule.key] = tuple(e.key for e in won)
        if boundary is not None and not boundary.settled:
            allocation.pending = tuple(e.key for e in remaining if e not in won)
            break
        remaining = [e for e in remaining if e not in won]
    return allocation


def _tier_winners(
    rule: TierRule, remaining: list[Entrant], field_size: int, picked: set[int]
) -> tuple[list[Entrant], Boundary | None]:
    if rule.quota is Quota.REST:
        return list(remaining), None
    if rule.quota is Quota.THRESHOLD:
        return [e for e in remaining if e.score >= (rule.threshold or 0)], None
    seats = quota_seats(rule, field_size)
    if seats >= len(remaining):
        return list(remaining), None
    if seats == 0:
        return [], None
    tie_key: Callable[[Entrant], object] = (
        (lambda e: e.rank) if rule.policy is TiePolicy.TIE_BREAK else (lambda e: e.score)
    )
    edge = tie_key(remaining[seats - 1])
    if tie_key(remaining[seats]) != edge:
        return remaining[:seats], None
    tied = [e for e in remaining if tie_key(e) == edge]
    sure = [e for e in remaining[:seats] if e not in tied]
    open_seats = seats - len(sure)
    if rule.policy is TiePolicy.ALL_HIGHER:
        winners = tied
    else:
        chosen = [e for e in tied if e.key in picked]
        winners = chosen if len(chosen) == open_seats and len(picked) == open_seats else None
    boundary = Boundary(
        rule.key,
        seats,
        tuple(e.key for e in sure),
        tuple(e.key for e in tied),
        open_seats,
        None if winners is None else tuple(e.key for e in winners),
    )
    return sure + (winners or []), boundary


@dataclass(frozen=True)
class SpecialRule:
    key: int
    exclude_tier_winners: bool = False


@dataclass(frozen=True)
class SpecialOutcome:
    winner: int | None
    tied: tuple[int, ...] = ()  # the entrants sharing the best value, when more than one
    best: Decimal | None = None

    @property
    def pending(self) -> bool:
        return self.winner is None and len(self.tied) > 1


def allocate_specials(
    rules: Iterable[SpecialRule],
    values: Mapping[int, Mapping[int, Decimal]],
    tier_winners: Iterable[int] = (),
    exclusive: bool = False,
    picks: Mapping[int, int] | None = None,
) -> dict[int, SpecialOutcome]:
    """Each 单项奖 in order goes to the entrant with the highest value (segment score,
    criterion mean, nominations or votes). ``exclusive``: an entrant wins at most one 单项奖,
    so an earlier award's winner is out of the later ones. A tie for the best stays pending
    until ``picks`` names one of the tied; while an earlier award is pending, an exclusive
    later one waits too (its field depends on it)."""
    picks = picks or {}
    tier_winners = set(tier_winners)
    taken: set[int] = set()
    blocked = False
    outcomes = {}
    for rule in rules:
        if blocked:
            outcomes[rule.key] = SpecialOutcome(None)
            continue
        out = {e for e in taken} if exclusive else set()
        if rule.exclude_tier_winners:
            out |= tier_winners
        outcome = best_of(
            {e: v for e, v in values.get(rule.key, {}).items() if e not in out},
            picks.get(rule.key),
        )
        outcomes[rule.key] = outcome
        if outcome.winner is not None:
            taken.add(outcome.winner)
        blocked = exclusive and outcome.pending
    return outcomes


def best_of(values: Mapping[int, Decimal], pick: int | None = None) -> SpecialOutcome:
    scored = {e: v for e, v in values.items() if v is not None and v > 0}
    if not scored:
        return SpecialOutcome(None)
    best = max(scored.values())
    tied = tuple(sorted(e for e, v in scored.items() if v == best))
    if len(tied) == 1:
        return SpecialOutcome(tied[0], (), best)
    return SpecialOutcome(pick if pick in tied else None, tied, best)


def most_votes(votes: Iterable[int]) -> dict[int, Decimal]:
    """Nominations or audience votes, one entrant key per vote → count per entrant."""
    counts: dict[int, Decimal] = {}
    for entrant in votes:
        counts[entrant] = counts.get(entrant, Decimal(0)) + 1
    return counts

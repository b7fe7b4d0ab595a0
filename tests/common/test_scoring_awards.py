"""Award tiers and 单项奖 (``common.scoring.awards``): worked examples and properties."""

import random
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from common.scoring import competition_ranks
from common.scoring.awards import (
    Entrant,
    Quota,
    QuotaRounding,
    SpecialRule,
    TiePolicy,
    TierRule,
    allocate_specials,
    allocate_tiers,
    best_of,
    most_votes,
    quota_seats,
)


def field(*scores, chain=None):
    """Entrants 1…n with these shown scores, ranked 1-2-2-4 on the score (or on ``chain``)."""
    ranks = competition_ranks([(s,) for s in (chain or scores)])
    entrants = [
        Entrant(k, D(str(s)), r) for k, (s, r) in enumerate(zip(scores, ranks, strict=True), 1)
    ]
    return sorted(entrants, key=lambda e: (e.rank, e.key))


def gold(count, policy=TiePolicy.ALL_HIGHER):
    return TierRule(1, Quota.COUNT, count=count, policy=policy)


REST = TierRule(2, Quota.REST)


# --- worked examples -------------------------------------------------------------------------


def test_the_percentage_quota_states_its_rounding():
    share = TierRule(1, Quota.PERCENT, percent=D(15))
    assert quota_seats(share, 23) == 3  # 3.45 → at most 3
    assert quota_seats(share, 30) == 4  # 4.5 → at most 4
    half_up = TierRule(1, Quota.PERCENT, percent=D(15), rounding=QuotaRounding.HALF_UP)
    assert quota_seats(half_up, 30) == 5  # 4.5 → 5


def test_seed_004_six_gold_then_twenty_four_excellent():
    entrants = field(*range(100, 70, -1))  # 30 finalists, all different
    rules = [gold(6), TierRule(2, Quota.COUNT, count=24)]
    allocation = allocate_tiers(rules, entrants)
    assert allocation.tiers[1] == (1, 2, 3, 4, 5, 6)
    assert allocation.tiers[2] == tuple(range(7, 31))
    assert allocation.complete and allocation.boundaries == []


def test_a_tie_across_the_boundary_all_get_the_higher_tier():
    entrants = field(95, 93, 90, 90, 88)
    allocation = allocate_tiers([gold(3), REST], entrants)
    assert allocation.tiers[1] == (1, 2, 3, 4)
    assert allocation.tiers[2] == (5,)
    (boundary,) = allocation.boundaries
    assert boundary.tied == (3, 4) and boundary.open_seats == 1 and boundary.settled


def test_the_organiser_picks_and_until_then_the_rest_is_pending():
    entrants = field(95, 93, 90, 90, 88)
    rules = [gold(3, TiePolicy.PICK), REST]
    waiting = allocate_tiers(rules, entrants)
    assert not waiting.complete
    assert waiting.tiers == {1: (1, 2)} and waiting.pending == (3, 4, 5)
    assert allocate_tiers(rules, entrants, {1: [3, 4]}).complete is False  # two for one place
    decided = allocate_tiers(rules, entrants, {1: [4]})
    assert decided.tiers == {1: (1, 2, 4), 2: (3, 5)} and decided.complete


def test_the_tie_break_chain_decides_and_leaves_only_its_own_ties_to_the_organiser():
    # 3 and 4 share 90 but the chain ranks 4 ahead; 5 and 6 share 85 and the chain too
    entrants = field(95, 93, 90, 90, 85, 85, chain=[95, 93, 90, 91, 85, 85])
    ranks = {e.key: e.rank for e in entrants}
    assert ranks == {1: 1, 2: 2, 4: 3, 3: 4, 5: 5, 6: 5}
    rules = [
        gold(3, TiePolicy.TIE_BREAK),
        TierRule(2, Quota.COUNT, count=2, policy=TiePolicy.TIE_BREAK),
    ]
    allocation = allocate_tiers(rules, entrants)
    assert allocation.tiers[1] == (1, 2, 4)
    assert allocation.tiers[2] == (3,) and allocation.pending == (5, 6)
    settled = allocate_tiers(rules, entrants, {2: [6]})
    assert settled.tiers[2] == (3, 6) and settled.complete


def test_score_bands_by_threshold_and_unscored_entrants_get_nothing():
    entrants = [*field(92, 85, 70, 59), Entrant(9, None, None)]
    rules = [
        TierRule(1, Quota.THRESHOLD, threshold=D(90)),
        TierRule(2, Quota.THRESHOLD, threshold=D(75)),
        TierRule(3, Quota.THRESHOLD, threshold=D(60)),
        TierRule(4, Quota.REST),
    ]
    assert allocate_tiers(rules, entrants).tiers == {1: (1,), 2: (2,), 3: (3,), 4: (4,)}


def test_a_special_award_goes_to_the_best_value_and_a_tie_waits_for_a_pick():
    assert best_of({1: D("8.5"), 2: D("9.1"), 3: D("9")}).winner == 2
    tie = best_of({1: D("9.1"), 2: D("9.1"), 3: D("9")})
    assert tie.pending and tie.tied == (1, 2)
    assert best_of({1: D("9.1"), 2: D("9.1")}, pick=2).winner == 2
    assert best_of({1: D("9.1"), 2: D("9.1")}, pick=3).winner is None  # not among the tied
    assert best_of({}).winner is None and not best_of({}).pending


def test_at_most_one_special_award_each_and_tier_winners_left_out():
    values = {
        10: {1: D(9), 2: D(8), 3: D(7)},
        20: {1: D(9), 2: D(8), 3: D(7)},
        30: {1: D(9), 2: D(8), 3: D(7)},
    }
    rules = [SpecialRule(10), SpecialRule(20), SpecialRule(30, exclude_tier_winners=True)]
    shared = allocate_specials(rules, values)
    assert [o.winner for o in shared.values()] == [1, 1, 1]
    exclusive = allocate_specials(rules, values, tier_winners=[2], exclusive=True)
    assert [o.winner for o in exclusive.values()] == [1, 2, 3]
    excluded = allocate_specials(rules, values, tier_winners=[1, 2], exclusive=False)
    assert [o.winner for o in excluded.values()] == [1, 1, 3]


def test_an_exclusive_award_waits_while_an_earlier_one_is_tied():
    values = {10: {1: D(9), 2: D(9)}, 20: {1: D(5), 2: D(4)}}
    rules = [SpecialRule(10), SpecialRule(20)]
    waiting = allocate_specials(rules, values, exclusive=True)
    assert waiting[10].pending and waiting[20].winner is None
    picked = allocate_specials(rules, values, exclusive=True, picks={10: 1})
    assert picked[10].winner == 1 and picked[20].winner == 2


def test_nominations_are_counted():
    assert most_votes([3, 1, 3, 2, 3, 1]) == {3: D(3), 1: D(2), 2: D(1)}


# --- properties ------------------------------------------------------------------------------

scores = st.lists(st.integers(60, 70).map(D), min_size=1, max_size=25)
tier_rules = st.lists(
    st.one_of(
        st.integers(0, 8).map(lambda n: (Quota.COUNT, n)),
        st.integers(0, 60).map(lambda p: (Quota.PERCENT, p)),
    ),
    min_size=1,
    max_size=4,
)


def _rules(spec, policy):
    return [
        TierRule(i, quota, count=n, percent=D(n), policy=policy)
        for i, (quota, n) in enumerate(spec, 1)
    ]


@given(scores, tier_rules, st.randoms(use_true_random=False))
def test_no_database_order_decides(values, spec, rnd):
    """Shuffling entrants that share a rank never changes who gets what."""
    entrants = field(*values)
    shuffled = sorted(entrants, key=lambda e: (e.rank, rnd.random()))
    for policy in TiePolicy:
        rules = _rules(spec, policy)
        a, b = allocate_tiers(rules, entrants), allocate_tiers(rules, shuffled)
        assert {k: set(v) for k, v in a.tiers.items()} == {k: set(v) for k, v in b.tiers.items()}
        assert set(a.pending) == set(b.pending)


@given(scores, tier_rules)
def test_a_better_score_is_never_in_a_lower_tier(values, spec):
    entrants = field(*values)
    score = {e.key: e.score for e in entrants}
    allocation = allocate_tiers(_rules(spec, TiePolicy.ALL_HIGHER), entrants)
    assert allocation.complete
    placed = [set(allocation.tiers[k]) for k in sorted(allocation.tiers)]
    seen: set[int] = set()
    for tier in placed:
        assert not (tier & seen)  # nobody twice
        lower = {e.key for e in entrants} - seen - tier
        if tier and lower:
            assert min(score[e] for e in tier) > max(score[e] for e in lower)
        seen |= tier


@given(scores, tier_rules)
def test_a_settled_pick_fills_each_tier_exactly_to_its_quota(values, spec):
    entrants = field(*values)
    rules = _rules(spec, TiePolicy.PICK)
    picks: dict[int, list[int]] = {}
    for _ in range(len(rules) + 1):  # the organiser settles boundaries one after another
        allocation = allocate_tiers(rules, entrants, picks)
        undecided = [b for b in allocation.boundaries if not b.settled]
        if not undecided:
            break
        boundary = undecided[0]
        picks[boundary.tier] = random.Random(0).sample(list(boundary.tied), boundary.open_seats)
    assert allocation.complete
    remaining = len(entrants)
    for rule in rules:
        size = len(allocation.tiers[rule.key])
        assert size == min(quota_seats(rule, len(entrants)), remaining)
        remaining -= size

"""积分 stamps: seed 002's tiers worked by hand, 空 as half a red and no black, and properties
that hold for any month."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from common.scoring.stamps import SEED_002, Stamp, month

R, B, E = Stamp.RED, Stamp.BLACK, Stamp.EMPTY


def tier_of(*stamps):
    found = month(stamps).tier
    return None if found is None else found.name


def test_seed_002_as_published():
    assert tier_of(R, R, R, R) == "一等奖"  # 4 red
    assert tier_of(R, R, R, B) == "二等奖"  # 3 red + 1 black
    assert tier_of(R, R, B, B) is None  # 2 black: nothing


def test_an_empty_bin_counts_half_a_red_and_no_black():
    assert month([R, R, R, E]).red_points == Fraction(7, 2)
    assert tier_of(R, R, R, E) == "二等奖"  # 3.5 red points: not the first reward
    assert tier_of(R, R, E, E) == "二等奖"  # 3 red points, no black
    assert tier_of(E, E, E, E) is None  # 2 red points


def test_five_weeks_can_still_earn_the_first_reward_with_one_empty():
    assert tier_of(R, R, R, R, E) == "一等奖"


@given(st.lists(st.sampled_from([R, B, E]), max_size=5))
def test_a_red_never_does_worse_than_an_empty_or_a_black(stamps):
    rank = {None: 0, "二等奖": 1, "一等奖": 2}
    for i, stamp in enumerate(stamps):
        if stamp != R:
            better = stamps[:i] + [R] + stamps[i + 1 :]
            assert rank[tier_of(*better)] >= rank[tier_of(*stamps)]
    assert month(stamps, SEED_002).reds + month(stamps).blacks + month(stamps).empties == len(
        stamps
    )

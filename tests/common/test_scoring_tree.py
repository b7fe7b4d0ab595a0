"""The contest tree's pipeline (panel → segment → round → final): worked examples a person can
check by hand, and the property that one round × one segment × one panel is today's result."""

from decimal import Decimal as D
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from common.scoring import CriterionSpec, Method, Rule, score_appearance
from common.scoring.tree import (
    Aggregation,
    Fallback,
    FinalMode,
    PanelSpec,
    Rounding,
    RoundSpec,
    Scheme,
    SegmentSpec,
    Stage,
    State,
    final_score,
    panel_result,
    segment_score,
    weighted,
)


def totals(*values):
    return {seat: D(str(v)) for seat, v in enumerate(values, start=1)}


EXPERTS = PanelSpec("专家", Aggregation.TRIMMED, 1, D("0.7"))
PUBLIC = PanelSpec("大众", Aggregation.MEAN, 0, D("0.3"))


def test_two_weighted_panels_worked_by_hand():
    # 专家: 80, 85, 90, 95, 99 → drop 99 and 80 → (85 + 90 + 95) / 3 = 90
    # 大众: 70, 75, 77 → 74;  segment = 0.7 × 90 + 0.3 × 74 = 63 + 22.2 = 85.2
    segment = SegmentSpec("讲述", (EXPERTS, PUBLIC))
    sheets = {"专家": totals(80, 85, 90, 95, 99), "大众": totals(70, 75, 77)}
    result = segment_score(segment, sheets, places=2)
    assert [p.shown for p in result.parts] == [D("90.00"), D("74.00")]
    assert result.shown == D("85.20") and result.state is State.SCORED


def test_rounding_once_or_at_each_stage_worked_by_hand():
    """Three segments weighted 0.5 / 0.3 / 0.2, one panel each, precision 2.

    Segment means 85.125 (= 681/8), 90.335 (= 180.67/2), 77.555 (= 155.11/2).
    Once: 0.5 × 85.125 + 0.3 × 90.335 + 0.2 × 77.555 = 42.5625 + 27.1005 + 15.511 = 85.174 → 85.17
    Each stage: 85.13, 90.34, 77.56 → 42.565 + 27.102 + 15.512 = 85.179 → 85.18
    """
    panel = PanelSpec("评委", Aggregation.MEAN, 0)
    segments = tuple(
        SegmentSpec(name, (panel,), D(w)) for name, w in (("a", "0.5"), ("b", "0.3"), ("c", "0.2"))
    )
    sheets = {
        "a": {"评委": totals(*([85] * 7 + [86]))},
        "b": {"评委": totals(90.33, 90.34)},
        "c": {"评委": totals(77.55, 77.56)},
    }
    round_ = RoundSpec("决赛", segments)
    once = final_score(Scheme((round_,), places=2), {"决赛": sheets})
    each = final_score(Scheme((round_,), 2, Rounding.EACH_STAGE), {"决赛": sheets})
    assert once.value == Fraction("85.174") and once.shown == D("85.17")
    assert [s.shown for s in each.parts[0].parts] == [D("85.13"), D("90.34"), D("77.56")]
    assert each.shown == D("85.18")


def test_a_missing_panel_is_a_visible_state_never_a_silent_zero():
    segment = SegmentSpec("讲述", (EXPERTS, PUBLIC))
    result = segment_score(segment, {"专家": totals(80, 85, 90)}, places=2)
    assert result.value is None and result.state is State.INCOMPLETE
    assert result.missing == ("大众",)
    assert result.parts[1].state is State.NO_SHEETS
    nothing = segment_score(segment, {}, places=2)
    assert nothing.state is State.NO_SHEETS and nothing.value is None


def test_too_few_sheets_fall_back_or_say_so():
    lenient = PanelSpec("p", Aggregation.TRIMMED, 1)
    strict = PanelSpec("p", Aggregation.TRIMMED, 1, fallback=Fallback.NONE)
    assert panel_result(lenient, totals(80, 90), 2).shown == D("85.00")
    refused = panel_result(strict, totals(80, 90), 2)
    assert refused.state is State.TOO_FEW and refused.value is None


def test_a_sum_panel_adds_every_sheet():
    votes = PanelSpec("人气", Aggregation.SUM)
    assert panel_result(votes, totals(3, 4.5, 0), 1).shown == D("7.5")


def test_final_is_the_last_round_or_the_weighted_rounds():
    panel = PanelSpec("评委", Aggregation.MEAN, 0)
    rounds = tuple(RoundSpec(r, (SegmentSpec("s", (panel,)),), D(w)) for r, w in
                   (("复赛", "0.4"), ("决赛", "0.6")))  # fmt: skip
    sheets = {"复赛": {"s": {"评委": totals(80)}}, "决赛": {"s": {"评委": totals(90)}}}
    assert final_score(Scheme(rounds), sheets).shown == D("90.00")
    weighted = Scheme(rounds, final=FinalMode.WEIGHTED_ROUNDS)
    assert final_score(weighted, sheets).shown == D("86.00")  # 32 + 54
    # A contestant who did not reach the final has no final score, visibly.
    out = final_score(Scheme(rounds), {"复赛": sheets["复赛"]})
    assert out.value is None and out.state is State.NO_SHEETS


panel_totals = st.dictionaries(
    st.integers(1, 30),
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    max_size=15,
)
RULES = st.sampled_from([m for m in Method])


@given(panel_totals, RULES, st.integers(0, 3), st.integers(0, 4), st.sampled_from(list(Rounding)))
def test_one_round_one_segment_one_panel_is_todays_result(sheet_totals, method, trim, places, how):
    """Existing events keep their numbers: the tree with one node per level is the flat rule."""
    sheets = {judge: {"x": total} for judge, total in sheet_totals.items()}
    seats = {judge: 100 - judge for judge in sheet_totals}
    today = score_appearance(
        sheets, [CriterionSpec("x", D(100))], Rule(method, trim, places), seats
    )
    panel = PanelSpec("p", Aggregation(method), trim)
    scheme = Scheme((RoundSpec("r", (SegmentSpec("s", (panel,)),)),), places, how)
    tree = final_score(scheme, {"r": {"s": {"p": sheet_totals}}}, seats)
    assert tree.shown == today.final
    if today.final is not None:
        assert tree.parts[0].parts[0].parts[0].selection == today.selection


def test_the_scoring_package_imports_no_django():
    """The layer rule of docs/architecture.md: the scoring core is pure Python.

    Checked by importing every module of the package in a fresh interpreter and
    looking at what got loaded (``ast.parse`` in-process is not thread-safe on
    CPython 3.11 while a live-server thread runs)."""
    import subprocess
    import sys
    from pathlib import Path

    import common.scoring

    modules = sorted(
        "common.scoring" + ("" if path.stem == "__init__" else "." + path.stem)
        for path in Path(common.scoring.__file__).parent.glob("*.py")
    )
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(common.scoring.__file__).parents[2],
    ).stdout.split()
    assert "common.scoring.tree" in loaded
    foreign = [
        name
        for name in loaded
        if name.startswith("django")
        or name.startswith("review.")
        and not name.startswith("common.scoring")
    ]
    assert foreign == []


def test_an_each_stage_weighted_final_weighs_the_adjusted_round_score_as_published():
    """Found by a recount: rounds 56.63 / 23.00 / 147.80 with weights 1 / 0.5 / 0.125 sum to
    86.605 → 86.61; weighing the first round's unrounded 56.625 gave 86.60."""
    from common.scoring import adjust

    value, shown = adjust.adjusted(
        Fraction("56.64"), D("56.64"), D("-0.015"), 2, Rounding.EACH_STAGE
    )
    assert (value, shown) == (Fraction("56.63"), D("56.63"))  # 56.625, published 56.63
    stages = [
        Stage(1, value, shown, State.SCORED),
        Stage(2, Fraction("23"), D("23.00"), State.SCORED),
        Stage(3, Fraction("147.8"), D("147.80"), State.SCORED),
    ]
    weights = (D(1), D("0.5"), D("0.125"))
    final = weighted("final", list(zip(weights, stages, strict=True)), 2,
                          Rounding.EACH_STAGE)  # fmt: skip
    assert final.shown == D("86.61")
    # Rounded once, the exact value is carried: 56.625 + 11.5 + 18.475 = 86.6.
    once, _shown = adjust.adjusted(Fraction("56.64"), D("56.64"), D("-0.015"), 2, Rounding.ONCE)
    assert once == Fraction("56.625")

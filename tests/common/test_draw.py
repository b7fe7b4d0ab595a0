"""The draw (抽签): every pair it makes keeps every constraint, loads stay within one, the same
seed and request give the same pairs (pinned for ``saima-draw/1``: a change of the algorithm
is a new version), and an impossible request says which constraint fails for whom."""

from hashlib import sha256

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.draw import ALGORITHM, Impossible, Request, draw
from common.draw.assign import broken
from common.draw.stream import Stream


def units(n):
    return tuple(f"u{i:02d}" for i in range(n))


@st.composite
def requests(draw_, feasible=False):
    n = draw_(st.integers(2, 14))
    keys = units(n)
    inspectors = keys if draw_(st.booleans()) else keys[: draw_(st.integers(1, n))]
    k = draw_(st.integers(1, 3))
    pair = st.tuples(st.sampled_from(keys), st.sampled_from(keys))
    if feasible:  # no constraint beyond self and reciprocal, and room for both
        return Request(keys, keys, min(k, (n - 1) // 2) or 1)
    return Request(
        inspectors,
        keys,
        k,
        conflicts=frozenset(draw_(st.lists(pair, max_size=6))),
        districts=draw_(st.dictionaries(st.sampled_from(keys), st.sampled_from("xyz"))),
        recent=frozenset(draw_(st.lists(pair, max_size=10))),
        no_reciprocal=draw_(st.booleans()),
    )


@settings(max_examples=300)
@given(request=requests(), seed=st.binary(min_size=1, max_size=32))
def test_a_draw_keeps_every_constraint_or_names_why_it_cannot(request, seed):
    try:
        pairs = draw(request, seed)
    except Impossible as impossible:
        assert impossible.reasons
        for reason in impossible.reasons:
            assert reason.constraint in {"input", "inspected", "inspector", "together"}
            if reason.constraint in {"inspected", "inspector"}:
                assert reason.possible < reason.needed
                assert reason.possible + sum(reason.excluded.values()) == (
                    len(request.inspectors if reason.constraint == "inspected"
                        else request.inspected))  # fmt: skip
        return
    assert broken(request, pairs) == []
    assert draw(request, seed) == pairs


@given(request=requests(feasible=True), seed=st.binary(min_size=1, max_size=32))
def test_units_inspecting_each_other_without_constraints_always_draw(request, seed):
    if len(request.inspected) >= 2 * request.per_inspected + 1:
        assert broken(request, draw(request, seed)) == []


def test_the_draw_is_pinned_for_its_version():
    """Anyone re-running ``saima-draw/1`` with this seed gets exactly these pairs."""
    request = Request(units(6), units(6), 2, conflicts=frozenset({("u00", "u01")}),
                      districts={"u02": "east", "u03": "east"})  # fmt: skip
    assert ALGORITHM == "saima-draw/1"
    assert draw(request, b"saima") == PINNED
    assert Stream(b"saima").below(10**6) == int.from_bytes(
        sha256(b"saima" + bytes(8)).digest()[:8], "big") % 10**6  # fmt: skip


PINNED = [
    ("u05", "u02"), ("u00", "u02"), ("u04", "u03"), ("u01", "u03"), ("u02", "u01"), ("u05", "u01"),
    ("u03", "u00"), ("u04", "u00"), ("u01", "u04"), ("u02", "u04"), ("u00", "u05"), ("u03", "u05"),
]  # fmt: skip


def test_too_few_candidates_name_the_unit_and_what_took_them():
    request = Request(units(4), units(4), 2, districts={"u00": "x", "u01": "x", "u02": "x"})
    with pytest.raises(Impossible) as refused:
        draw(request, b"seed")
    first = refused.value.reasons[0]
    assert (first.constraint, first.possible, first.needed) == ("inspected", 1, 2)
    assert first.excluded == {"self": 1, "district": 2}


def test_three_units_two_inspectors_each_cannot_avoid_reciprocal_pairs():
    with pytest.raises(Impossible) as refused:
        draw(Request(units(3), units(3), 2), b"seed")
    assert {r.constraint for r in refused.value.reasons} == {"together"}
    assert draw(Request(units(3), units(3), 2, no_reciprocal=False), b"seed")


def test_loads_stay_within_one_when_the_visits_do_not_divide_evenly():
    request = Request(units(7), units(10), 2)  # 20 visits among 7 inspectors: 3 or 2 each
    pairs = draw(request, b"even")
    loads = sorted(sum(a == inspector for a, _b in pairs) for inspector in request.inspectors)
    assert loads == [2, 3, 3, 3, 3, 3, 3]


def test_the_request_round_trips_through_its_published_json():
    request = Request(units(5), units(5), 2, conflicts=frozenset({("u00", "u01")}),
                      districts={"u02": "east"}, recent=frozenset({("u03", "u04")}))  # fmt: skip
    assert Request.from_json(request.as_json()) == request

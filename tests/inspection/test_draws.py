"""The draw (抽签) of a season's period on the site: a commitment published before the pairs,
the pairs made from that seed and keeping the typed constraints, a draw the constraints make
impossible refused naming unit and constraint, a re-draw only with a reason and both records
kept, ``verify_draw`` confirming a draw and catching a changed pair, and the 抽签记录."""

import io
from hashlib import sha256

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from inspection.domain.draws import Constraints, DrawRefused, commit, make, redraw
from inspection.models import Draw, InspectionEntry, Pair
from season.domain.periods import publish
from tests.factories.accounts import client_for
from tests.factories.inspection import drawn, units_season
from tests.factories.season import month_of

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return response.content.decode()


def test_the_commitment_is_published_before_the_pairs_and_the_seed_after():
    season, organiser, units = units_season(8)
    march = month_of(season, 3)
    client = client_for(organiser)
    url = reverse("inspection-draw", args=[season.pk, march.pk])
    response = client.post(reverse("inspection-draw-commit", args=[season.pk, march.pk]), {
        "per_inspected": "2", "avoid_recent": "0",
        "districts": "单位01：东区\n单位02：东区\n单位03：东区", "conflicts": "单位04 / 单位05",
    })  # fmt: skip
    assert response.status_code == 302
    draw = Draw.objects.get(period=march)
    before = page_text(client.get(url))
    assert draw.commitment in before and draw.seed not in before
    assert "保留至抽签" in before or "kept back" in before
    client.post(reverse("inspection-draw-make", args=[season.pk, march.pk]))
    draw.refresh_from_db()
    after = page_text(client.get(url))
    assert draw.state == Draw.State.DRAWN and draw.seed in after
    assert sha256(bytes.fromhex(draw.seed)).hexdigest() == draw.commitment
    pairs = list(Pair.objects.filter(draw=draw).select_related("inspector__unit",
                                                                "inspected__unit"))  # fmt: skip
    assert len(pairs) == 16
    named = {(p.inspector.name, p.inspected.name) for p in pairs}
    east = {"单位01", "单位02", "单位03"}
    assert not any(a in east and b in east for a, b in named)
    assert not named & {("单位04", "单位05"), ("单位05", "单位04")}
    assert not any((b, a) in named for a, b in named)
    assert {p.inspected.name for p in pairs} == {u.name for u in units}
    loads = sorted(sum(p.inspector_id == u.pk for p in pairs) for u in units)
    assert loads == [2] * 8


def test_a_unit_the_season_lacks_is_refused_by_its_line_and_nothing_committed():
    season, organiser, _units = units_season(6)
    march = month_of(season, 3)
    response = client_for(organiser).post(
        reverse("inspection-draw-commit", args=[season.pk, march.pk]),
        {
            "per_inspected": "2",
            "avoid_recent": "0",
            "conflicts": "单位01 / 单位02\n单位03 / 单位99",
        },
        follow=True,
    )
    assert "单位99" in page_text(response) and "第 2 行" in page_text(response)
    assert not Draw.objects.exists()


def test_an_impossible_draw_names_the_unit_and_the_constraint_that_fails():
    season, organiser, units = units_season(5)
    march = month_of(season, 3)
    east = {u: "东区" for u in units[:4]}
    commit(march, Constraints(per_inspected=2, districts=east), organiser)
    with pytest.raises(DrawRefused) as refused:
        make(march, organiser)
    assert "单位01" in refused.value.message and "同一区域 3" in refused.value.message
    assert Draw.objects.get(period=march).state == Draw.State.COMMITTED
    assert not Pair.objects.exists()


def test_a_redraw_needs_a_reason_and_keeps_both_records():
    season, organiser, _units = units_season(8)
    march = month_of(season, 3)
    first = drawn(march, organiser, per_inspected=2)
    with pytest.raises(DrawRefused):
        redraw(march, Constraints(per_inspected=3), organiser, "  ")
    second = redraw(march, Constraints(per_inspected=3), organiser, "漏报了一个冲突")
    first.refresh_from_db()
    assert (first.state, first.replaced_reason) == (Draw.State.REPLACED, "漏报了一个冲突")
    assert first.pairs.count() == 16 and second.state == Draw.State.COMMITTED
    assert first.commitment != second.commitment
    assert [e.kind for e in InspectionEntry.objects.filter(season=season)] == [
        "committed", "drawn", "committed", "redrawn"]  # fmt: skip
    make(march, organiser)
    out = io.StringIO()
    call_command("verify_draw", season.code, "3月", stdout=out)
    assert out.getvalue().count(": matches") == 2


def test_verify_draw_catches_a_pair_changed_after_the_draw():
    season, organiser, units = units_season(8)
    march = month_of(season, 3)
    draw = drawn(march, organiser, per_inspected=2)
    pair = draw.pairs.order_by("order").first()
    taken = set(draw.pairs.filter(inspected=pair.inspected_id).values_list("inspector", flat=True))
    spare = next(u for u in units if u.pk not in taken | {pair.inspected_id})
    Pair.objects.filter(pk=pair.pk).update(inspector=spare)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_draw", season.code, "3月", stdout=out)
    assert "DOES NOT MATCH" in out.getvalue()


def test_a_published_period_takes_no_draw_and_a_second_commit_is_a_redraw():
    season, organiser, _units = units_season(6)
    january, march = month_of(season, 1), month_of(season, 3)
    publish(january, organiser)
    with pytest.raises(DrawRefused):
        commit(january, Constraints(), organiser)
    commit(march, Constraints(), organiser)
    with pytest.raises(DrawRefused):
        commit(march, Constraints(), organiser)


def test_the_last_periods_pairs_are_not_drawn_again_when_asked():
    season, organiser, _units = units_season(9)
    february, march = month_of(season, 2), month_of(season, 3)
    before = drawn(february, organiser, per_inspected=2)
    after = drawn(march, organiser, per_inspected=2, avoid_recent=1)
    earlier = set(before.pairs.values_list("inspector_id", "inspected_id"))
    assert len(after.request["recent"]) == 18
    assert not earlier & set(after.pairs.values_list("inspector_id", "inspected_id"))


def test_the_draw_record_holds_seed_inputs_pairs_and_keeps_typed_text_as_text():
    season, organiser, units = units_season(6)
    units[0].unit.name = "=1+1"
    units[0].unit.save()
    march = month_of(season, 3)
    draw = drawn(march, organiser, per_inspected=2)
    response = client_for(organiser).get(reverse("inspection-draw-record",
                                                 args=[season.pk, march.pk]))  # fmt: skip
    book = load_workbook(io.BytesIO(response.content))
    facts = {row[0]: row[1] for row in book["抽签记录"].iter_rows(min_row=5, values_only=True)}
    assert facts["种子（十六进制）"] == draw.seed and facts["算法"] == "saima-draw/1"
    assert facts["承诺值（种子的 SHA-256）"] == draw.commitment
    pairs = list(book["抽签结果"].iter_rows(min_row=5, values_only=True))
    assert len(pairs) == 12
    cells = [c for row in book["抽签结果"].iter_rows(min_row=5) for c in row if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize("size", [6, 30])
def test_the_draw_page_takes_the_same_queries_for_any_number_of_units(
    size, django_assert_max_num_queries
):
    season, organiser, _units = units_season(size, code=f"units-{size}")
    march = month_of(season, 3)
    drawn(march, organiser, per_inspected=2)
    client = client_for(organiser)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("inspection-draw", args=[season.pk, march.pk])).status_code == 200

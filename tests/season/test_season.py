"""The season's domain and standing: a season made from the five-dimension preset, values
entered all-or-nothing, a period's cards and ranks worked by hand, publishing that freezes the
standing, corrections beside it, the cumulative standing, and constant query counts."""

from decimal import Decimal as D

import pytest

from common.domain.problems import Invalid
from common.scoring.indicators import card, period_points
from common.scoring.tree import Rounding
from season.domain.periods import PeriodRefused, publish
from season.domain.rules import build, checked_rule
from season.domain.standing import current_scheme
from season.domain.values import ValuesRefused, enter_values
from season.models import Period, SeasonEntry, SeasonRole, Value
from season.queries.standing import cumulative_standing, period_standing
from tests.factories.season import month_of, service_centre

pytestmark = pytest.mark.django_db


def fill(season, period, subjects, indicators, table, actor, reason=""):
    """``table``: per subject, the five values in the preset's order (None: no value)."""
    names = ["办件量", "平均办结时长", "价值量积分", "群众满意率", "差错扣分"]
    rows = [
        (n, subject, indicators[name], None if value is None else D(value))
        for n, (subject, values) in enumerate(zip(subjects, table, strict=True), start=2)
        for name, value in zip(names, values, strict=True)
    ]
    if period.status == "open" and not reason:
        reason = "月度录入"  # 差错扣分 is a manual score: its entry says why
    return len(enter_values(period, rows, actor, sheet="1月", reason=reason))


def test_a_season_from_the_five_dimension_preset():
    season, organiser, subjects, indicators = service_centre()
    assert [p.name for p in season.periods.all()][:3] == ["1月", "2月", "3月"]
    assert season.periods.count() == 12
    assert [d.name for d in season.dimensions.all()] == [
        "工作数量", "工作效率", "工作价值量", "服务评价", "工作质量"]  # fmt: skip
    assert sum(d.weight for d in season.dimensions.all()) == 1
    assert SeasonRole.objects.get(season=season, user=organiser).role == "organiser"
    assert [e.kind for e in season.log.all()] == ["created", "grades", "role_granted"]
    assert [(g.name, g.quota, g.percent) for g in season.grades.all()] == [
        ("优秀", "percent", 15), ("称职", "rest", None)]  # fmt: skip
    assert [s.name for s in subjects] == ["窗口1", "窗口2", "窗口3"]


def test_a_months_cards_and_ranks_worked_by_hand():
    """窗口1: 办件 240 of 300 → 80; 3 days (5 → 1) → 50; value rank 1 → 100; 96 % → 90;
    manual 95 → 95. Card = 0.3×80 + 0.2×50 + 0.2×100 + 0.15×90 + 0.15×95 = 24 + 10 + 20 + 13.5
    + 14.25 = 81.75. 窗口2: 300 → 100; 1 day → 100; rank 2 → 95; 99 % → 100; 90 → 90: 30 + 20
    + 19 + 15 + 13.5 = 97.5. 窗口3 has no 满意率: no total, no rank (never a 0)."""
    season, organiser, subjects, indicators = service_centre()
    january = month_of(season)
    table = [("240", "3", "88", "96", "95"), ("300", "1", "80", "99", "90"),
             ("100", "5", "70", None, "80")]  # fmt: skip
    assert fill(season, january, subjects, indicators, table, organiser) == 14
    lines = period_standing(january)
    assert [(line.subject.name, line.shown, line.rank) for line in lines] == [
        ("窗口2", D("97.50"), 1), ("窗口1", D("81.75"), 2), ("窗口3", None, None)]  # fmt: skip
    assert lines[2].card.missing == (season.dimensions.get(name="服务评价").pk,)
    assert [d.shown for d in lines[1].card.parts] == [D(80), D(50), D(100), D(90), D(95)]


def test_one_bad_row_and_nothing_is_written_the_place_named():
    season, organiser, subjects, indicators = service_centre()
    january = month_of(season)
    table = [("240", "3", "88", "96", "101"), ("300", "1", "80", "99", "90"),
             ("100", "5", "70", "90", "80")]  # fmt: skip
    with pytest.raises(Invalid) as refused:
        fill(season, january, subjects, indicators, table, organiser)
    (problem,) = refused.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("1月", 2, "差错扣分")
    assert "0–100" in problem.message
    assert not Value.objects.exists() and not season.log.filter(kind="values").exists()


def test_publishing_freezes_the_standing_and_a_correction_shows_beside_it():
    season, organiser, subjects, indicators = service_centre()
    january = month_of(season)
    table = [("240", "3", "88", "96", "95"), ("300", "1", "80", "99", "90"),
             ("100", "5", "70", "90", "80")]  # fmt: skip
    fill(season, january, subjects, indicators, table, organiser)
    january = publish(january, organiser)
    with pytest.raises(PeriodRefused):
        publish(january, organiser)
    published = january.frozen["standing"]
    table[0] = ("300", "1", "88", "99", "100")  # 窗口1 corrected to the top
    with pytest.raises(ValuesRefused):
        fill(season, january, subjects, indicators, table, organiser)
    assert fill(season, january, subjects, indicators, table, organiser, reason="录入错误") == 4
    january.refresh_from_db()
    assert january.frozen["standing"] == published  # kept as published
    assert period_standing(january)[0].subject.name == "窗口1"
    correction = season.log.get(kind=SeasonEntry.Kind.CORRECTED)
    assert correction.reason == "录入错误" and len(correction.detail["changes"]) == 4
    # a weight changed after publication leaves the published month's scorecard as it was,
    # and scores a month not yet published by the new weight
    before = [line.shown for line in period_standing(january)]
    february = month_of(season, 2)
    fill(season, february, subjects, indicators, table, organiser)
    assert [line.shown for line in period_standing(february)] == before
    season.dimensions.filter(name="工作数量").update(weight=D("0.9"))
    assert [line.shown for line in period_standing(january)] == before
    assert [line.shown for line in period_standing(february)] != before


def test_the_cumulative_standing_is_the_mean_of_the_months_with_a_total():
    season, organiser, subjects, indicators = service_centre()
    jan, feb = month_of(season, 1), month_of(season, 2)
    fill(season, jan, subjects, indicators,
         [("240", "3", "88", "96", "95"), ("300", "1", "80", "99", "90"),
          ("100", "5", "70", "90", "80")], organiser)  # fmt: skip
    fill(season, feb, subjects, indicators,
         [("300", "1", "88", "99", "100"), ("240", "3", "80", "96", "95"),
          ("100", "5", "70", None, "80")], organiser)  # fmt: skip
    lines = cumulative_standing(season)
    by_name = {line.subject.name: line for line in lines}
    january = {line.subject.name: line.card.value for line in period_standing(jan)}
    february = {line.subject.name: line.card.value for line in period_standing(feb)}
    assert by_name["窗口1"].value == (january["窗口1"] + february["窗口1"]) / 2
    assert by_name["窗口3"].value == january["窗口3"]  # February has no total for it
    assert [line.rank for line in lines] == [1, 2, 3]


def test_an_indicator_whose_parameters_cannot_work_is_refused_by_name():
    with pytest.raises(Invalid) as refused:
        checked_rule("办件量", "linear", {"floor": "300", "target": "0", "points": "100"})
    assert str(refused.value.problems[0]) == "办件量 floor: 起点值高于目标值（越高越好时）"
    with pytest.raises(Invalid) as missing:
        checked_rule("满意率", "bands", {"bands": [{"lower": "x", "points": "1"}]})
    assert missing.value.problems[0].column == "lower"


@pytest.mark.parametrize("size", [3, 30])
def test_a_standing_takes_the_same_queries_for_any_number_of_subjects(
    size, django_assert_max_num_queries
):
    season, organiser, subjects, indicators = service_centre(size)
    january = month_of(season)
    table = [("240", "3", str(80 + i % 7), "96", "95") for i in range(size)]
    fill(season, january, subjects, indicators, table, organiser)
    january = Period.objects.select_related("season").get(pk=january.pk)
    with django_assert_max_num_queries(5):
        assert len(period_standing(january)) == size
    with django_assert_max_num_queries(6):
        assert len(cumulative_standing(january.season)) == size


def seen(stage):
    """A card as its total and its dimensions: value, shown, state, what is missing."""
    return [(s.value, s.shown, s.state, s.missing) for s in (stage, *stage.parts)]


@pytest.mark.parametrize("rounding", ["once", "each_stage"])
def test_the_standing_read_as_columns_equals_each_card_from_the_stored_values(rounding):
    """The standing reads every value as whole 1/10000 in one query and cuts a complete period
    into columns (an incomplete one goes row by row); each card equals the one computed from
    the stored ``Decimal`` values one subject at a time, with four-decimal values and a
    missing one."""
    season, organiser, subjects, indicators = service_centre(12)
    season.rounding = rounding
    season.save(update_fields=["rounding"])
    full, sparse = month_of(season, 1), month_of(season, 2)
    table = [(str(200 + 7 * i), f"{1 + i % 4}.{i:02d}25", str(60 + i), f"9{i % 10}.0{i % 7}75",
              str(80 + i)) for i in range(12)]  # fmt: skip
    fill(season, full, subjects, indicators, table, organiser)
    holed = [row[:2] + (None,) + row[3:] if n == 4 else row for n, row in enumerate(table)]
    fill(season, sparse, subjects, indicators, holed, organiser)
    scheme = current_scheme(season)
    for period in (full, sparse):
        stored = {i.key: {s.pk: None for s in subjects} for i in scheme.indicators}
        for v in Value.objects.filter(period=period):
            stored[v.indicator_id][v.subject_id] = v.value
        points = {s.pk: {} for s in subjects}
        for indicator in scheme.indicators:
            rule = build(*scheme.rules[indicator.key])
            for s, p in period_points(rule, stored[indicator.key]).items():
                points[s][indicator.key] = p
        expected = {s.pk: seen(card(scheme.dimensions, scheme.indicators, points[s.pk], 2,
                                    Rounding(rounding))) for s in subjects}  # fmt: skip
        got = {line.subject.pk: seen(line.card) for line in period_standing(period)}
        assert got == expected
        assert sum(c[0][0] is None for c in got.values()) == (period == sparse)
    by_period = {p.pk: {line.subject.pk: line.card for line in period_standing(p)}
                 for p in (full, sparse)}  # fmt: skip
    for line in cumulative_standing(season):
        assert dict(line.periods) == {p: cards[line.subject.pk] for p, cards in by_period.items()}

"""积分 stamps on the site: a checker stamps a week in one tap per household, a change is logged
with the old stamp, a published month is final, the month's reward follows the tiers (seed
002's by default, the organiser's when set), the A4 card and the reward list show it, and the
rewards move the season's standing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from season.domain.periods import publish
from season.domain.seasons import create_season
from season.models import Household, Indicator
from season.queries.standing import period_standing
from stamps.domain.stamps import StampRefused, month_results, stamp
from stamps.exports.workbook import expected_rows
from stamps.models import Stamp, StampEntry
from tests.factories.accounts import client_for, make_user
from tests.factories.season import month_of
from tests.pages import visible_text
from tests.recount import engines, recalculated

pytestmark = pytest.mark.django_db


def visible_text_of(response) -> str:
    return visible_text(response.content.decode())


def village(size=4):
    organiser = make_user("village-organiser")
    homes = [Household.objects.create(name=f"户主{i}", place="一组") for i in range(1, size + 1)]
    season = create_season(code="village-2026", name="2026年垃圾分类积分", kind="households",
                           actor=organiser, subjects=homes, preset="village_stamps")  # fmt: skip
    return season, organiser, list(season.subjects.order_by("order"))


def test_a_checker_stamps_a_week_one_tap_per_household():
    season, organiser, homes = village()
    may = month_of(season, 5)
    client = client_for(organiser)
    url = reverse("stamps-stamp", args=[season.pk, may.pk])
    for home, colour in zip(homes, ["red", "black", "empty", "red"], strict=True):
        response = client.post(url, {"subject": home.pk, "week": 1, "colour": colour})
        assert response.status_code == 302
    stamped = dict(Stamp.objects.filter(period=may).values_list("subject_id", "colour"))
    assert [stamped[h.pk] for h in homes] == ["red", "black", "empty", "red"]
    page = client.get(reverse("stamps-checker", args=[season.pk, may.pk]) + "?week=1")
    assert "本周已盖章 4 / 4 户" in visible_text_of(page)


def test_a_changed_stamp_is_logged_with_the_old_one_and_a_published_month_is_final():
    season, organiser, homes = village()
    may = month_of(season, 5)
    stamp(may, homes[0], 2, "red", organiser)
    stamp(may, homes[0], 2, "black", organiser)
    changed = StampEntry.objects.get(kind="changed")
    assert (changed.detail["before"], changed.detail["colour"]) == ("red", "black")
    publish(may, organiser)
    with pytest.raises(StampRefused):
        stamp(may, homes[0], 3, "red", organiser)
    with pytest.raises(StampRefused):
        stamp(month_of(season, 6), homes[0], 6, "red", organiser)  # no week 6


def test_the_months_reward_follows_seed_002_then_the_organisers_tiers():
    season, organiser, homes = village()
    may = month_of(season, 5)
    plan = {0: "rrrr", 1: "rrrb", 2: "rrbb", 3: "rrre"}
    for n, weeks in plan.items():
        for week, c in enumerate(weeks, start=1):
            stamp(may, homes[n], week, {"r": "red", "b": "black", "e": "empty"}[c], organiser)
    tiers = {s: (m.tier.name if m.tier else None) for s, (_w, m) in
             month_results(may, homes).items()}  # fmt: skip
    assert [tiers[h.pk] for h in homes] == ["一等奖", "二等奖", None, "二等奖"]
    client = client_for(organiser)
    client.post(reverse("stamps-tiers", args=[season.pk]), {"tiers": "红旗户, 3.5, 0\n"})
    tiers = {s: (m.tier.name if m.tier else None) for s, (_w, m) in
             month_results(may, homes).items()}  # fmt: skip
    assert [tiers[h.pk] for h in homes] == ["红旗户", None, None, "红旗户"]


def test_the_card_and_the_reward_list_show_the_stamps_and_the_reward():
    season, organiser, homes = village()
    may = month_of(season, 5)
    for week in range(1, 5):
        stamp(may, homes[0], week, "red" if week < 4 else "empty", organiser)
    client = client_for(organiser)
    card = visible_text_of(client.get(reverse("stamps-card", args=[season.pk, homes[0].pk])
                                      + f"?period={may.pk}"))  # fmt: skip
    assert "户主1" in card and "二等奖" in card and "红章分 3.5" in card
    listed = visible_text_of(client.get(reverse("stamps-rewards", args=[season.pk, may.pk])))
    assert "户主1" in listed and "二等奖" in listed


def test_the_rewards_move_the_seasons_standing():
    season, organiser, homes = village()
    may = month_of(season, 5)
    for week in range(1, 5):
        stamp(may, homes[0], week, "red", organiser)
        stamp(may, homes[1], week, "red" if week < 4 else "black", organiser)
        stamp(may, homes[2], week, "black", organiser)
    indicator = Indicator.objects.get(season=season, name="月度奖励")
    client_for(organiser).post(reverse("stamps-take", args=[season.pk, may.pk]),
                               {"indicator": indicator.pk})  # fmt: skip
    shown = {line.subject.pk: line.shown for line in period_standing(may)}
    assert [shown[h.pk] for h in homes[:3]] == [100, 80, 0]
    assert shown[homes[3].pk] is None  # never stamped: no value, never a 0


@pytest.mark.libreoffice
@engines
def test_the_stamp_workbook_recounts_every_reward(engine, tmp_path):
    """Reds, 空, blacks, red points and the reward by formula from the stamps, recounted in
    LibreOffice and Gnumeric equal to the tool's reward list — 空 as half a red included."""
    season, organiser, homes = village(6)
    may = month_of(season, 5)
    plans = ["rrrr", "rrrb", "rrbb", "rrre", "eeee", "rrrre"]
    for home, plan in zip(homes, plans, strict=True):
        for week, c in enumerate(plan, start=1):
            stamp(may, home, week, {"r": "red", "b": "black", "e": "empty"}[c], organiser)
    data = client_for(organiser).get(reverse("stamps-workbook", args=[season.pk, may.pk]))
    sheets = recalculated(data.content, tmp_path, engine)
    counted = [row[6:] for row in sheets["积分"]]
    expected = expected_rows(may)

    def alike(rows):  # the numbers as numbers (Gnumeric writes a minus as U+2212)
        return [[Decimal(c.replace("\u2212", "-")) for c in row[:4]] + row[4:] for row in rows]

    assert alike(counted) == alike(expected)
    assert [row[4] for row in expected] == ["一等奖", "二等奖", "", "二等奖", "", "一等奖"]

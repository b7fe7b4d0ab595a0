"""Awards on a real event: tiers with a tie the organiser settles, 单项奖 by segment and by the
judges' ballot, freezing at publication, and the awards page."""

from decimal import Decimal

import pytest
from django.utils import translation

from review.domain import awards, show
from review.domain.corrections import CorrectionRefused, reopen_sheet
from review.models import (
    AuditEntry,
    AwardTier,
    Event,
    FrozenAward,
    Nomination,
    ScoreSheet,
    SpecialAward,
)
from review.queries.awards import round_awards
from tests.factories import build_event, client_for, make_user, submit_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


#: sheet totals per appearance (4 criteria of 40/20/20/20): 1 → 90, 2 → 85, 3 → 85, 4 → 70
SHEETS = {1: (36, 18, 18, 18), 2: (34, 17, 17, 17), 3: (34, 17, 17, 17), 4: (28, 14, 14, 14)}


@pytest.fixture
def scored():
    event, criteria, subs, judges = build_event(appearances=4, judges=3)
    for sub in subs:
        for judge in judges:
            submit_sheet(judge, sub, SHEETS[sub.order])
    return event, criteria, subs, judges


def tier(round_, name, order, **fields):
    return AwardTier.objects.create(round=round_, name=name, order=order, **fields)


def names(lines, award=None):
    return [line.appearance.contestant.name for line in lines if award in (None, line.name)]


def test_a_tie_at_the_gold_boundary_waits_for_the_organiser_and_blocks_publishing(
    scored, organiser
):
    event, _criteria, subs, _judges = scored
    round_ = subs[0].round
    gold = tier(round_, "金牌", 1, quota="count", count=2, tie_policy="pick")
    tier(round_, "优秀", 2, quota="rest")
    standing = round_awards(event, round_)
    assert not standing.complete
    assert names(standing.lines) == ["述职人1"]
    [(target, tied, open_seats)] = standing.open_ties()
    assert target == gold and open_seats == 1
    assert {s.appearance for s in tied} == {subs[1], subs[2]}

    show.set_event_status(event, Event.Status.CLOSED, organiser)
    with pytest.raises(show.ShowRefused, match="undecided"):
        show.set_event_status(event, Event.Status.PUBLISHED, organiser)

    with pytest.raises(awards.AwardsRefused):
        awards.pick(event, gold, [subs[1]], "", organiser)  # no reason
    with pytest.raises(awards.AwardsRefused):
        awards.pick(event, gold, [subs[3]], "不在并列中", organiser)
    awards.pick(event, gold, [subs[2]], "现场答辩更好", organiser)
    settled = round_awards(event, round_)
    assert settled.complete
    assert names(settled.lines, "金牌") == ["述职人1", "述职人3"]
    assert names(settled.lines, "优秀") == ["述职人2", "述职人4"]
    picked = AuditEntry.objects.get(kind=AuditEntry.Kind.AWARD_PICKED)
    assert "述职人3" in picked.reason and "现场答辩更好" in picked.reason


def test_all_tied_get_the_higher_tier_by_default(scored):
    event, _criteria, subs, _judges = scored
    tier(subs[0].round, "金牌", 1, quota="count", count=2)
    standing = round_awards(event, subs[0].round)
    assert standing.complete and names(standing.lines) == ["述职人1", "述职人2", "述职人3"]


def test_publishing_freezes_the_awards_and_corrections_wait_for_unpublishing(scored, organiser):
    event, _criteria, subs, judges = scored
    round_ = subs[0].round
    tier(round_, "优秀", 1, quota="percent", percent=Decimal(50))  # 50 % of 4 = 2, tie → 3
    SpecialAward.objects.create(
        round=round_, order=1, name="最佳风采奖", source="segment", segment=round_.segments.get()
    )
    show.set_event_status(event, Event.Status.CLOSED, organiser)
    show.set_event_status(event, Event.Status.PUBLISHED, organiser)
    frozen = list(FrozenAward.objects.filter(round=round_))
    assert [(f.name, f.appearance.order, f.rank, f.score) for f in frozen] == [
        ("优秀", 1, 1, Decimal("90.00")),
        ("优秀", 2, 2, Decimal("85.00")),
        ("优秀", 3, 2, Decimal("85.00")),
        ("最佳风采奖", 1, 1, Decimal("90.00")),
    ]
    assert round_awards(event, round_).frozen
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.AWARDS_FROZEN).count() == 1
    sheet = ScoreSheet.objects.filter(appearance=subs[0]).first()
    with pytest.raises(CorrectionRefused, match="unpublish"):
        reopen_sheet(sheet, organiser, "录入错误")
    with pytest.raises(awards.AwardsRefused, match="unpublish"):
        awards.save_part(event, AwardTier(round=round_, name="新", quota="rest"), organiser)

    show.set_event_status(event, Event.Status.CLOSED, organiser)
    assert not FrozenAward.objects.exists()
    reopen_sheet(sheet, organiser, "录入错误")  # now allowed


def test_the_judges_ballot_counts_one_nomination_each_and_respects_recusal(scored, organiser):
    event, _criteria, subs, judges = scored
    round_ = subs[0].round
    best = SpecialAward.objects.create(round=round_, order=1, name="最具潜质奖", source="ballot")
    with pytest.raises(awards.AwardsRefused, match="not open"):
        awards.nominate(judges[0], best, subs[3])
    assert awards.set_ballot(event, best, True, organiser)
    assert not awards.set_ballot(event, best, True, organiser)  # idempotent
    awards.nominate(judges[0], best, subs[2])
    awards.nominate(judges[0], best, subs[3])  # changes their mind
    awards.nominate(judges[1], best, subs[3])
    awards.nominate(judges[2], best, subs[0])
    assert Nomination.objects.filter(award=best).count() == 3
    judges[2].unit = subs[1].contestant.unit
    judges[2].save()
    with pytest.raises(awards.AwardsRefused, match="recused"):
        awards.nominate(judges[2], best, subs[1])
    [line] = round_awards(event, round_).lines
    assert (line.appearance, line.votes) == (subs[3], 2)


def test_a_contestant_wins_at_most_one_special_award_when_the_round_says_so(scored, organiser):
    event, criteria, subs, _judges = scored
    round_ = subs[0].round
    segment = round_.segments.get()
    SpecialAward.objects.create(
        round=round_, order=1, name="最佳风采奖", source="segment", segment=segment
    )
    SpecialAward.objects.create(
        round=round_, order=2, name="最佳创意奖", source="criterion", criterion=criteria[0]
    )
    shared = round_awards(event, round_)
    assert names(shared.lines) == ["述职人1", "述职人1"]
    awards.set_specials_exclusive(event, round_, True, organiser)
    round_.refresh_from_db()
    exclusive = round_awards(event, round_)
    assert not exclusive.complete  # 述职人2 and 3 tie on the criterion
    assert names(exclusive.lines) == ["述职人1"]


def test_the_awards_page_adds_a_tier_and_settles_a_tie(scored):
    event, _criteria, subs, _judges = scored
    client = client_for(make_user("boss", superuser=True))
    url = f"/events/{event.pk}/control/awards/"
    bad = client.post(url, {"op": "add", "kind": "tier", "name": "金牌", "quota": "count"})
    assert bad.status_code == 302 and not AwardTier.objects.exists()
    assert 'class="warning"' in client.get(url).content.decode()
    client.post(
        url,
        {"op": "add", "kind": "tier", "name": "金牌", "quota": "count", "count": "2",
         "quota_rounding": "down", "tie_policy": "pick"},
    )  # fmt: skip
    gold = AwardTier.objects.get()
    body = client.get(url).content.decode()
    assert "述职人2" in body and 'name="picked"' in body
    client.post(
        url, {"op": "pick", "kind": "tier", "pk": gold.pk, "picked": [subs[1].pk], "reason": "抽签"}
    )
    assert [line.appearance for line in round_awards(event, subs[0].round).lines] == subs[:2]


def test_a_judge_nominates_on_the_phone_while_the_ballot_is_open(scored, organiser):
    event, _criteria, subs, judges = scored
    best = SpecialAward.objects.create(
        round=subs[0].round, order=1, name="最具潜质奖", source="ballot"
    )
    phone = client_for(judges[0].user)
    url = f"/events/{event.pk}/judge/ballot/{best.pk}/"
    assert "最具潜质奖" not in phone.get(f"/events/{event.pk}/judge/").content.decode()
    phone.post(url, {"appearance": subs[1].pk})
    assert not Nomination.objects.exists()  # closed
    awards.set_ballot(event, best, True, organiser)
    assert url in phone.get(f"/events/{event.pk}/judge/").content.decode()
    phone.post(url, {"appearance": subs[1].pk})
    phone.post(url, {"appearance": "abc"})
    assert Nomination.objects.get().appearance == subs[1]
    assert "✓" in phone.get(url).content.decode()


def test_the_demo_final_has_seed_004s_awards(organiser):
    from django.core.management import call_command

    from review.models import Event

    call_command("demo_contest", seed=3, final_scored=30, verbosity=0)
    event = Event.objects.get(code="shanghai-red-2022")
    final = event.rounds.get(order=2)
    standing = round_awards(event, final)
    counts = {}
    for line in standing.lines:
        counts[line.name] = counts.get(line.name, 0) + 1
    assert counts == {
        "金牌讲解员": 6, "优秀讲解员": 24, "最佳风采奖": 1, "最具潜质奖": 1, "最佳创意奖": 1,
        "最佳微党课奖": 1, "最高人气奖": 1,
    }  # fmt: skip
    specials = [line.appearance for line in standing.lines if line.tier is None]
    assert len(set(specials)) == 5  # at most one 单项奖 each
    popular = next(line for line in standing.lines if line.name == "最高人气奖")
    assert popular.votes and popular.votes > 0
    assert "演示数据" in event.name

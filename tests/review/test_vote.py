"""The audience vote: one vote per phone (cookie and device id), strict ticket codes, the
per-address limit, the organiser's steps, and that votes leave the scoring caches alone."""

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from review.domain import votes
from review.domain.awards import save_part
from review.models import AudiencePoll, AudienceVote, AuditEntry, SpecialAward, VoteTicket
from review.queries.awards import round_awards
from review.queries.cache import event_version
from tests.factories import build_event, client_for, make_user
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def poll(organiser):
    event, _criteria, subs, _judges = build_event(appearances=3, judges=2)
    award = SpecialAward(round=subs[0].round, name="最高人气奖", source="audience")
    save_part(event, award, organiser)
    return AudiencePoll.objects.get(award=award), subs, organiser


def phone(ip="10.0.0.1") -> Client:
    return Client(REMOTE_ADDR=ip)


def cast(client, poll, sub, device="", **extra):
    url = f"/v/{poll.token}/"
    client.get(url)
    return client.post(url, {"appearance": sub.pk, "device": device, **extra})


def test_the_vote_page_counts_one_vote_per_phone(poll):
    poll, subs, organiser = poll
    shut = phone()
    assert cast(shut, poll, subs[0]).status_code == 409  # not open yet
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    page = phone().get(f"/v/{poll.token}/")
    assert page.status_code == 200 and subs[2].contestant.name in page.content.decode()

    first = phone()
    assert cast(first, poll, subs[1], device="dev-a").status_code == 200
    assert cast(first, poll, subs[2], device="dev-a").status_code == 409  # same cookie
    cleared = phone()  # cookies cleared, same phone storage
    assert cast(cleared, poll, subs[2], device="dev-a").status_code == 409
    assert cast(phone(), poll, subs[1], device="dev-b").status_code == 200
    stranger = phone()
    stranger.get(f"/v/{poll.token}/")
    assert stranger.post(f"/v/{poll.token}/", {"appearance": 10**9}).status_code == 400
    assert stranger.post(f"/v/{poll.token}/", {"appearance": "x'--"}).status_code == 400
    no_cookie = Client()
    assert no_cookie.post(f"/v/{poll.token}/", {"appearance": subs[0].pk}).status_code == 400
    assert AudienceVote.objects.filter(poll=poll).count() == 2

    [line] = round_awards(poll.award.round.event, poll.award.round).lines
    assert (line.appearance, line.votes) == (subs[1], 2)


def test_strict_mode_takes_each_printed_code_once(poll):
    poll, subs, organiser = poll
    votes.set_poll_options(poll, True, 30, organiser)
    [a, b] = votes.make_tickets(poll, 2, organiser)
    assert len(a.code) == votes.CODE_LENGTH and not set(a.code) & set("01ILO")
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    holder = phone()
    assert cast(holder, poll, subs[0], code="").status_code == 400
    assert cast(holder, poll, subs[0], code="NOPE2345").status_code == 400
    assert cast(holder, poll, subs[0], code=a.code.lower()).status_code == 200
    assert cast(phone(), poll, subs[1], code=a.code).status_code == 409  # used
    assert cast(holder, poll, subs[2], code=b.code).status_code == 200  # a second ticket
    assert VoteTicket.objects.filter(used_at__isnull=False).count() == 2
    assert AudienceVote.objects.count() == 2
    with pytest.raises(votes.VoteRefused):
        votes.set_poll_options(poll, False, 30, organiser)  # not while open


def test_an_address_is_limited_per_minute(poll):
    poll, subs, organiser = poll
    votes.set_poll_options(poll, False, 2, organiser)
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    statuses = [cast(phone("10.9.9.9"), poll, subs[0]).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert cast(phone("10.9.9.10"), poll, subs[0]).status_code == 200


@override_settings(TRUSTED_PROXIES=1)
def test_behind_a_proxy_only_the_address_the_proxy_appended_counts(poll):
    """nginx appends the peer's address; whatever the phone wrote before it is never read, so a
    phone cannot choose its address (45 of 45 spoofed votes counted against a limit of 30)."""
    poll, subs, organiser = poll
    votes.set_poll_options(poll, False, 2, organiser)
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    statuses = []
    for i in range(4):
        spoofed = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.1.1.{i}, 192.0.2.7")
        statuses.append(cast(spoofed, poll, subs[0]).status_code)
    assert statuses == [200, 200, 429, 429]
    assert set(AudienceVote.objects.values_list("address", flat=True)) == {"192.0.2.7"}


@override_settings(TRUSTED_PROXIES=1)
@pytest.mark.parametrize("forwarded", ["unknown", "", "192.0.2.7, unknown"])
def test_no_address_from_the_proxy_refuses_the_vote_rather_than_the_limit(poll, forwarded):
    poll, subs, organiser = poll
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    answer = cast(Client(REMOTE_ADDR="127.0.0.1", **headers), poll, subs[0])
    assert answer.status_code == 400 and "无法识别本网络的地址" in answer.content.decode()
    assert not AudienceVote.objects.exists()


def test_wrong_ticket_codes_are_throttled_per_address(poll):
    poll, subs, organiser = poll
    votes.set_poll_options(poll, True, 30, organiser)
    (ticket,) = votes.make_tickets(poll, 1, organiser)
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    guesser = phone("10.6.6.6")
    answers = [
        cast(guesser, poll, subs[0], code=f"WRONG{i:03d}").status_code
        for i in range(votes.MISSES_PER_MINUTE + 1)
    ]
    assert answers == [400] * votes.MISSES_PER_MINUTE + [429]
    assert cast(phone("10.6.6.6"), poll, subs[0], code=ticket.code).status_code == 429
    assert cast(phone("10.7.7.7"), poll, subs[0], code=ticket.code).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_votes_leave_the_scoring_caches_alone(organiser):
    event, _criteria, subs, _judges = build_event(appearances=2, judges=2)
    award = SpecialAward(round=subs[0].round, name="最高人气奖", source="audience")
    save_part(event, award, organiser)
    poll = AudiencePoll.objects.get(award=award)
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    before = event_version(event.pk)
    for i in range(3):
        votes.cast_vote(poll, subs[0].pk, f"voter{i}", f"device{i}", "10.0.0.1")
    assert event_version(event.pk) == before


def test_the_steps_are_checked_and_audited(poll):
    poll, _subs, organiser = poll
    with pytest.raises(votes.VoteRefused):
        votes.set_poll_state(poll, AudiencePoll.State.CLOSED, organiser)  # never opened
    assert votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    assert not votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    assert votes.set_poll_state(poll, AudiencePoll.State.CLOSED, organiser)
    assert AuditEntry.objects.filter(reason__contains="最高人气奖").count() >= 3


def test_the_organiser_page_shows_counts_timeline_and_tickets(poll):
    poll, subs, organiser = poll
    event = poll.award.round.event
    client = client_for(organiser)
    url = f"/events/{event.pk}/control/vote/{poll.award_id}/"
    client.post(url, {"state": "open"})
    poll.refresh_from_db()
    assert poll.state == AudiencePoll.State.OPEN
    cast(phone("10.1.1.1"), poll, subs[0], device="d1")
    body = client.get(url).content.decode()
    assert 'id="vote-timeline"' in body and "10.1.1.1: 1" in body
    # The organiser is told what open mode lets through, beside the strict choice.
    assert "同一地址每分钟最多 30 票" in visible_text(body)
    client.post(url.replace("vote/", "vote/") + "options/", {"op": "tickets", "count": "5"})
    assert VoteTicket.objects.filter(poll=poll).count() == 5
    cards = client.get(url + "tickets/").content.decode()
    assert cards.count("<svg") == 5
    screen = Client().get(f"/events/{event.pk}/screen/vote/").content.decode()
    assert "vote-qr" in screen and "最高人气奖" in screen
    outsider = client_for(make_user("nobody", staff=True))
    assert outsider.get(url).status_code == 403


def test_a_phone_that_voted_is_offered_no_list_and_choosing_needs_a_confirmation(poll):
    poll, subs, organiser = poll
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll.refresh_from_db()
    client = phone()
    page = client.get(f"/v/{poll.token}/").content.decode()
    assert 'type="radio" name="appearance"' in page and 'id="vote-confirm"' in page
    assert cast(client, poll, subs[0]).status_code == 200
    again = client.get(f"/v/{poll.token}/").content.decode()
    assert 'name="appearance"' not in again and 'id="voted"' in again

"""Concurrent requests on real threads: double taps, two tabs, a submit racing the close.

Each race is run several times; whatever the interleaving, nothing is duplicated or half-saved
and the loser is told why.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.test import Client

from review.domain.show import close_scoring, open_scoring
from review.models import Appearance, Score, ScoreSheet
from tests.factories import build_event

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 4


def race(*jobs):
    """Start every job at the same moment; return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def logged_in(judge):
    client = Client()
    client.force_login(judge.user)
    return client


def submit(client, event, sub, criteria, values):
    data = {f"c{c.pk}": v for c, v in zip(criteria, values, strict=True)}
    return lambda: client.post(f"/events/{event.pk}/judge/{sub.pk}/", {**data, "action": "submit"})


def test_double_tapped_submit_saves_once():
    event, criteria, subs, (judge, *_) = build_event(appearances=ROUNDS, judges=1)
    client = logged_in(judge)
    for sub in subs:
        values = ["30", "15", "15", "15"]
        first, second = race(
            submit(client, event, sub, criteria, values),
            submit(client, event, sub, criteria, values),
        )
        assert sorted([first.status_code, second.status_code]) == [302, 409]
        loser = first if first.status_code == 409 else second
        assert "该评分表已提交，不能再修改。" in loser.content.decode()
        assert ScoreSheet.objects.filter(appearance=sub).count() == 1
        assert Score.objects.filter(sheet__appearance=sub).count() == 4


def test_two_tabs_never_mix_their_values():
    event, criteria, subs, (judge, *_) = build_event(appearances=ROUNDS, judges=1)
    tab_a, tab_b = logged_in(judge), logged_in(judge)
    a_values, b_values = ["30", "15", "15", "15"], ["40", "20", "20", "20"]
    for sub in subs:
        ra, rb = race(
            submit(tab_a, event, sub, criteria, a_values),
            submit(tab_b, event, sub, criteria, b_values),
        )
        assert sorted([ra.status_code, rb.status_code]) == [302, 409]
        winner = a_values if ra.status_code == 302 else b_values
        stored = list(
            Score.objects.filter(sheet__appearance=sub)
            .order_by("criterion__order")
            .values_list("value", flat=True)
        )
        assert stored == [Decimal(v) for v in winner]


def test_submit_racing_the_close_is_all_or_nothing(organiser):
    event, criteria, subs, judges = build_event(appearances=ROUNDS, judges=1, live_show=True)
    client = logged_in(judges[0])
    for sub in subs:
        open_scoring(event, sub, organiser)
        response, _ = race(
            submit(client, event, sub, criteria, ["30", "15", "15", "15"]),
            lambda sub=sub: close_scoring(event, sub, organiser),
        )
        sheet = ScoreSheet.objects.filter(appearance=sub).first()
        closed = Appearance.objects.get(pk=sub.pk)
        assert closed.phase == "closed"
        if response.status_code == 302:
            assert sheet.is_submitted and sheet.scores.count() == 4
            assert sheet.submitted_at <= closed.closes_at
        else:
            assert response.status_code in (403, 409)
            assert "的评分已结束" in response.content.decode()
            assert sheet is None and not Score.objects.filter(sheet__appearance=sub).exists()


def test_a_segment_submit_racing_the_next_segment_opening_is_all_or_nothing(organiser):
    """Opening the next segment closes the one a judge is submitting: the sheet lands whole
    before the switch, or is refused whole after it — never scored into the wrong segment."""
    from review.models import Criterion, Segment

    event, criteria, subs, (judge,) = build_event(appearances=ROUNDS, judges=1, live_show=True)
    round_ = event.rounds.get()
    told = round_.segments.get()
    asked = Segment.objects.create(round=round_, order=2, name="问答")
    Criterion.objects.create(event=event, segment=asked, name="准确", max_score=10)
    client = logged_in(judge)
    for sub in subs:
        open_scoring(event, sub, organiser, segment=told)
        data = {f"c{c.pk}": v for c, v in zip(criteria, ["30", "15", "15", "15"], strict=True)}
        url = f"/events/{event.pk}/judge/{sub.pk}/{told.pk}/"
        response, switched = race(
            lambda url=url, data=data: client.post(url, {**data, "action": "submit"}),
            lambda sub=sub: open_scoring(event, sub, organiser, segment=asked),
        )
        assert switched is True
        now = Appearance.objects.get(pk=sub.pk)
        assert (now.phase, now.live_segment_id) == ("open", asked.pk)
        sheet = ScoreSheet.objects.filter(appearance=sub, segment=told).first()
        if response.status_code == 302:
            assert sheet.is_submitted and sheet.scores.count() == 4
            assert sheet.submitted_at <= now.opened_at
        else:
            assert response.status_code in (403, 409)
            assert sheet is None and not Score.objects.filter(sheet__appearance=sub).exists()
        assert not ScoreSheet.objects.filter(appearance=sub, segment=asked).exists()


def test_the_per_address_vote_limit_is_exact_under_simultaneous_votes(organiser):
    """Count-then-insert raced: 31–32 votes counted against a limit of 30 under 60 at once."""
    from review.domain import votes
    from review.domain.awards import save_part
    from review.models import AudiencePoll, AudienceVote, SpecialAward

    event, _criteria, subs, _judges = build_event(appearances=2, judges=1)
    award = SpecialAward(round=subs[0].round, name="最高人气奖", source="audience")
    save_part(event, award, organiser)
    poll = AudiencePoll.objects.get(award=award)
    votes.set_poll_options(poll, False, 10, organiser)
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    poll = AudiencePoll.objects.select_related("award__round").get(pk=poll.pk)

    def vote(i):
        def job():
            try:
                votes.cast_vote(poll, subs[0].pk, f"voter-{i}", f"device-{i}", "192.0.2.9")
                return 200
            except votes.VoteRefused as refused:
                return refused.status

        return job

    results = race(*(vote(i) for i in range(24)))
    assert sorted(results) == [200] * 10 + [429] * 14
    assert AudienceVote.objects.filter(address="192.0.2.9").count() == 10

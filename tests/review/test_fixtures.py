"""Natural keys: the fixture loads again without duplicates, and a whole event round-trips
through dump_event → loaddata."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from common.models import Contestant, Unit
from review.domain.corrections import reopen_sheet
from review.domain.sheets import save_sheet
from review.domain.show import open_scoring, reveal
from review.models import (
    Appearance,
    AuditEntry,
    Criterion,
    Event,
    Recusal,
    Score,
    ScoreSheet,
    TieBreakRule,
)
from review.queries.results import event_results

pytestmark = pytest.mark.django_db

MODELS = [Unit, Contestant, Event, Criterion, Appearance]


def counts():
    return [m.objects.count() for m in MODELS]


def test_loading_the_fixture_twice_changes_nothing():
    call_command("loaddata", "ningbo_2022", verbosity=0)
    first = counts()
    assert first == [8, 8, 1, 4, 8]
    call_command("loaddata", "ningbo_2022", verbosity=0)
    assert counts() == first


def snapshot(event):
    results = event_results(event)
    seats = {j.pk: j.user.username for j in results.judges}
    return {
        "rows": [
            (
                r.appearance.order,
                r.appearance.contestant.name,
                r.rank,
                r.result.final,
                sorted((seats[j], t) for j, t in r.result.totals.items()),
            )
            for r in results.rows
        ],
        "criteria": list(Criterion.objects.filter(event=event).values_list("name", "max_score")),
        "recusals": sorted(Recusal.objects.filter(judge__event=event).values_list(
            "judge__user__username", "contestant__name", "reason")),  # fmt: skip
        "audit": list(
            AuditEntry.objects.filter(event=event).values_list(
                "kind", "judge__user__username", "criterion__name", "old_value", "new_value",
                "reason",
            )
        ),
        "tie_breaks": list(TieBreakRule.objects.filter(event=event).values_list("kind")),
        "presenting": event.presenting.title if event.presenting else None,
        "phases": list(Appearance.objects.filter(event=event).values_list("phase", flat=True)),
    }  # fmt: skip


def test_a_whole_event_round_trips(demo_event, organiser, tmp_path):
    call_command("demo_data", seed=9, scored=6, verbosity=0)
    event = Event.objects.get(pk=demo_event.pk)
    judge = event.judges.get(seat=2)
    Recusal.objects.create(judge=judge, contestant=event.appearances.get(order=3).contestant,
                           reason="曾在同一处室")  # fmt: skip
    TieBreakRule.objects.create(event=event, kind="untrimmed_mean")
    seventh = event.appearances.get(order=7)
    open_scoring(event, seventh, organiser)
    for j in event.judges.all():
        save_sheet(j, seventh, {c.pk: c.max_score / 2 for c in event.criteria.all()}, submit=True)
    reveal(event, seventh, organiser)
    sheet = ScoreSheet.objects.get(judge=judge, appearance=seventh)
    reopen_sheet(sheet, organiser, "录入错误")
    save_sheet(judge, seventh, {c.pk: c.max_score for c in event.criteria.all()}, submit=True,
               actor=judge.user)  # fmt: skip
    event.refresh_from_db()
    before = snapshot(event)
    assert any(k == "score_changed" for k, *_ in before["audit"])

    out = tmp_path / "event.json"
    call_command("dump_event", "ningbo-2022", str(out), verbosity=0)
    text = out.read_text(encoding="utf-8")
    assert '"password"' not in text and "pbkdf2" not in text

    # Wipe the event and everything that hung on it, then load the dump.
    Event.objects.filter(pk=event.pk).delete()
    Contestant.objects.all().delete()
    get_user_model().objects.filter(judge_seats__isnull=True, is_staff=False).delete()
    assert not Score.objects.exists()
    call_command("loaddata", str(out), verbosity=0)
    restored = Event.objects.get(code="ningbo-2022")
    assert snapshot(restored) == before

    # Loading the same dump again duplicates nothing.
    scores = Score.objects.count()
    call_command("loaddata", str(out), verbosity=0)
    assert Score.objects.count() == scores
    assert snapshot(Event.objects.get(code="ningbo-2022")) == before


def test_a_dump_from_before_the_renames_loads_after_upgrade_dump(demo_event, organiser, tmp_path):
    """A dump written before migrations 0024/0025 named review.unit, review.contestant and
    review.submission (and a ``submission`` field): as it is, loaddata refuses it; upgraded, it
    restores the event as it was."""
    import json

    from django.core.management.base import CommandError

    call_command("demo_data", seed=9, scored=6, verbosity=0)
    event = Event.objects.get(pk=demo_event.pk)
    before = snapshot(event)
    out = tmp_path / "event.json"
    call_command("dump_event", "ningbo-2022", str(out), verbosity=0)
    old_names = {"common.unit": "review.unit", "common.contestant": "review.contestant",
                 "review.appearance": "review.submission"}  # fmt: skip
    old = []
    for item in json.loads(out.read_text(encoding="utf-8")):
        fields = {("submission" if k == "appearance" else k): v
                  for k, v in item["fields"].items()}  # fmt: skip
        old.append({**item, "model": old_names.get(item["model"], item["model"]),
                    "fields": fields})  # fmt: skip
    assert {o["model"] for o in old} >= {"review.unit", "review.contestant", "review.submission"}
    legacy = tmp_path / "old.json"
    legacy.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")

    Event.objects.filter(pk=event.pk).delete()
    Contestant.objects.all().delete()
    get_user_model().objects.filter(judge_seats__isnull=True, is_staff=False).delete()
    with pytest.raises(Exception, match="review.unit|review.submission|Invalid model"):
        call_command("loaddata", str(legacy), verbosity=0)
    new = tmp_path / "new.json"
    call_command("upgrade_dump", str(legacy), str(new), verbosity=0)
    call_command("loaddata", str(new), verbosity=0)
    assert snapshot(Event.objects.get(code="ningbo-2022")) == before

    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="bad.json: not a JSON event dump"):
        call_command("upgrade_dump", str(tmp_path / "bad.json"), str(tmp_path / "x.json"))

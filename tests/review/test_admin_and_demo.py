"""The organiser's admin pages and the demo data command."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from review.models import Appearance, Event, Judge, Score, ScoreSheet
from tests.factories import client_for
from tests.pages import shows_number

pytestmark = pytest.mark.django_db

MODELS = [
    "review_event",
    "common_unit",
    "common_contestant",
    "review_appearance",
    "review_criterion",
    "review_judge",
    "review_recusal",
    "review_scoresheet",
    "review_tiebreakrule",
]


@pytest.fixture
def admin_client_(demo_event):
    call_command("demo_data", seed=3, scored=8, verbosity=0)
    from django.contrib.auth import get_user_model

    return client_for(get_user_model().objects.get(username="organiser"))


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_admin_pages_read_only_where_the_domain_owns_it(admin_client_, model):
    changelist = admin_client_.get(reverse(f"admin:{model}_changelist"))
    assert changelist.status_code == 200
    searched = admin_client_.get(reverse(f"admin:{model}_changelist"), {"q": "张"})
    assert searched.status_code == 200
    add = admin_client_.get(reverse(f"admin:{model}_add"))
    assert add.status_code == (200 if model == "common_unit" else 403)


def test_a_published_events_rules_judges_and_scores_cannot_be_edited_in_the_admin(
    admin_client_, demo_event
):
    """The admin was a second, unchecked path: criterion maxima and weights, a judge's unit
    (recusal) and the scores of a sheet, on a published event."""
    Event.objects.filter(pk=demo_event.pk).update(status=Event.Status.PUBLISHED)
    sheet = ScoreSheet.objects.filter(status="submitted").first()
    judge = sheet.judge
    criterion = demo_event.criteria.first()
    pages = {
        "event": demo_event.pk,
        "criterion": criterion.pk,
        "judge": judge.pk,
        "scoresheet": sheet.pk,
    }
    for model, pk in pages.items():
        url = reverse(f"admin:review_{model}_change", args=[pk])
        html = admin_client_.get(url).content.decode()
        assert 'name="max_score"' not in html and 'name="unit"' not in html, model
        assert 'name="scores-0-value"' not in html and 'name="criteria-0-weight"' not in html
        assert admin_client_.post(url, {"max_score": "1", "unit": ""}).status_code == 403
    page = admin_client_.get(reverse("admin:review_scoresheet_change", args=[sheet.pk]))
    assert shows_number(page.content.decode(), str(sheet.scores.first().value))
    criterion.refresh_from_db()
    assert criterion.max_score != 1


def test_an_odd_selection_in_an_admin_action_is_no_error(admin_client_, demo_event):
    changelist = reverse("admin:review_event_changelist")
    answer = admin_client_.post(changelist, {"action": "set_closed", "_selected_action": ["²"]})
    assert answer.status_code == 302
    demo_event.refresh_from_db()
    assert demo_event.status != Event.Status.CLOSED


@pytest.mark.django_db(transaction=True)  # the caches refresh when the step commits
def test_status_actions_take_the_show_steps(admin_client_, demo_event):
    """The admin's actions go through ``set_event_status``: the step is checked, the actor
    logged, and the phones' cached show state refreshed."""
    from django.contrib.auth import get_user_model

    from review.models import AuditEntry

    changelist = reverse("admin:review_event_changelist")
    demo_event.refresh_from_db()
    demo_event.presenting.phase = Appearance.Phase.OPEN
    demo_event.presenting.closes_at = None
    demo_event.presenting.save()
    assert admin_client_.get(f"/events/{demo_event.pk}/show.json").json()["open"] is True
    # scoring → published skips "closed": refused with a warning, nothing changes.
    page = admin_client_.post(
        changelist, {"action": "set_published", "_selected_action": [demo_event.pk]}, follow=True
    )
    demo_event.refresh_from_db()
    assert demo_event.status == Event.Status.SCORING
    assert "messagelist" in page.content.decode() and "warning" in page.content.decode()
    admin_client_.post(changelist, {"action": "set_closed", "_selected_action": [demo_event.pk]})
    demo_event.refresh_from_db()
    assert demo_event.status == Event.Status.CLOSED
    # The report left open is closed with the event, and every phone sees it at once.
    assert admin_client_.get(f"/events/{demo_event.pk}/show.json").json()["open"] is False
    admin_client_.post(changelist, {"action": "set_published", "_selected_action": [demo_event.pk]})
    demo_event.refresh_from_db()
    assert demo_event.status == Event.Status.PUBLISHED
    organiser = get_user_model().objects.get(username="organiser")
    logged = AuditEntry.objects.filter(event=demo_event, kind="status", actor=organiser)
    assert [e.reason for e in logged.order_by("pk")][-2:] == [
        "评分中 → 评分结束",
        "评分结束 → 已公布",
    ]


def test_demo_data_is_labelled_reproducible_and_respects_recusal(demo_event, organiser):
    call_command("demo_data", seed=11, scored=6, verbosity=0)
    first = sorted(
        Score.objects.values_list(
            "sheet__judge__seat", "sheet__appearance__order", "criterion__order", "value"
        )
    )
    assert ScoreSheet.objects.filter(is_generated=False).count() == 0
    # 6 reports × 7 judges, less judge 4 who shares contestant 1's unit.
    assert ScoreSheet.objects.count() == 6 * 7 - 1
    assert not ScoreSheet.objects.filter(judge__seat=4, appearance__order=1).exists()
    call_command("demo_data", seed=11, scored=6, verbosity=0)
    again = sorted(
        Score.objects.values_list(
            "sheet__judge__seat", "sheet__appearance__order", "criterion__order", "value"
        )
    )
    assert again == first, "the same seed gives the same scores"
    assert Judge.objects.filter(event=demo_event).count() == 7
    page = client_for(organiser).get(f"/events/{demo_event.pk}/results/").content.decode()
    assert "演示数据：以下分数由演示程序随机生成" in page
    assert Appearance.objects.filter(event=demo_event).count() == 8


def test_demo_data_keeps_sheets_judges_entered(demo_event):
    judge = Judge.objects.get(event=demo_event, seat=1)
    sub = Appearance.objects.get(event=demo_event, order=1)
    from review.domain.show import open_scoring

    open_scoring(demo_event, sub, actor=None)
    client = client_for(judge.user)
    data = {f"c{c.pk}": "10" for c in demo_event.criteria.all()}
    client.post(f"/events/{demo_event.pk}/judge/{sub.pk}/", {**data, "action": "submit"})
    call_command("demo_data", seed=5, scored=8, verbosity=0)
    kept = ScoreSheet.objects.get(judge=judge, appearance=sub)
    assert not kept.is_generated
    assert set(kept.scores.values_list("value", flat=True)) == {10}


def test_the_status_command_takes_the_same_step(demo_event, capsys):
    from django.core.management.base import CommandError

    from review.models import AuditEntry

    with pytest.raises(CommandError, match="活动不能从|cannot go from"):
        call_command("event_status", "ningbo-2022", "published")
    call_command("event_status", "ningbo-2022", "closed", "--as", "organiser")
    demo_event.refresh_from_db()
    assert demo_event.status == Event.Status.CLOSED
    entry = AuditEntry.objects.filter(kind="status").latest("pk")
    assert entry.actor.username == "organiser"


def test_the_admin_cannot_edit_a_live_phase_or_a_sign_off(admin_client_, demo_event):
    sub = Appearance.objects.filter(event=demo_event).first()
    page = admin_client_.get(reverse("admin:review_appearance_change", args=[sub.pk]))
    assert 'name="phase"' not in page.content.decode()
    judge = Judge.objects.filter(event=demo_event).first()
    page = admin_client_.get(reverse("admin:review_judge_change", args=[judge.pk]))
    assert 'name="signed_off_at' not in page.content.decode()
    staff = admin_client_.get(reverse("admin:review_event_change", args=[demo_event.pk]))
    assert 'name="status"' not in staff.content.decode()


def test_only_superusers_reach_the_admin(demo_event):
    from tests.factories import make_user

    staff = client_for(make_user("clerk", staff=True))
    response = staff.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

"""Setting up a contest on the site, without the Django admin."""

from decimal import Decimal

import pytest

from review.models import AuditEntry, Event, EventRole, Judge, Panel, PanelSeat, Segment
from review.queries.structure import round_shape
from tests.factories import build_event, client_for, make_user, submit_sheet
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def test_a_staff_user_creates_a_three_segment_final_from_its_preset():
    clerk = make_user("clerk", staff=True)
    client = client_for(clerk)
    assert "新建活动" in client.get("/").content.decode()
    response = client.post(
        "/events/new/", {"name": "红色故事讲解员大赛", "venue": "纪念馆", "preset": "final3"}
    )
    event = Event.objects.get(name="红色故事讲解员大赛")
    assert response["Location"] == f"/events/{event.pk}/control/structure/"
    assert event.status == Event.Status.DRAFT
    assert EventRole.objects.get(event=event, user=clerk).role == EventRole.Role.ORGANISER
    (round_,) = event.rounds.all()
    shape = round_shape(round_)
    assert [(s.name, s.weight) for s in shape.segments] == [
        ("红色故事讲述", Decimal("0.5")),
        ("党史知识问答", Decimal("0.2")),
        ("微党课演绎", Decimal("0.3")),
    ]
    assert [c.name for c in shape.segments[1].criteria.all()] == ["回答准确", "表述清晰"]
    assert not shape.is_flat
    assert AuditEntry.objects.filter(event=event, actor=clerk, kind="settings").exists()
    page = client.get(f"/events/{event.pk}/control/structure/").content.decode()
    assert "党史知识问答" in page and "回答准确" in page


def test_an_empty_name_or_unknown_shape_is_refused_and_nothing_is_made():
    client = client_for(make_user("clerk", staff=True))
    response = client.post("/events/new/", {"name": "", "preset": "nonsense"})
    assert response.status_code == 400
    assert not Event.objects.exists()


@pytest.fixture
def shaped():
    event, criteria, subs, judges = build_event(appearances=2, judges=4, status="draft")
    boss = make_user("boss", staff=True)
    from review.domain.roles import grant

    grant(event, boss, "organiser", None)
    return event, client_for(boss), criteria, subs, judges


def post(client, event, **data):
    return client.post(f"/events/{event.pk}/control/structure/", data, follow=True)


def test_parts_are_added_changed_and_removed_with_located_messages(shaped):
    event, client, criteria, subs, judges = shaped
    round_ = event.rounds.get()
    post(client, event, op="save", kind="segment", parent=round_.pk, name="问答", weight="0.4")
    added = Segment.objects.get(round=round_, name="问答")
    assert added.order == 2
    bad = post(client, event, op="save", kind="criterion", parent=added.pk, name="准确",
               max_score="abc", step="0.5", weight="1")  # fmt: skip
    assert "满分" in bad.content.decode() or "maximum" in bad.content.decode()
    assert not added.criteria.exists()
    post(client, event, op="save", kind="criterion", parent=added.pk, name="准确",
         max_score="60", step="0.5", weight="1")  # fmt: skip
    assert added.criteria.get().max_score == 60 and added.criteria.get().event == event
    post(client, event, op="save", kind="segment", pk=added.pk, name="知识问答", weight="0.5",
         time_limit_seconds="120")  # fmt: skip
    added.refresh_from_db()
    assert (added.name, added.weight, added.time_limit_seconds) == ("知识问答", Decimal("0.5"), 120)
    submit_sheet(judges[0], subs[0], ["30", "15", "15", "15"])
    kept = post(client, event, op="remove", kind="criterion", pk=criteria[0].pk)
    assert "已有评分" in kept.content.decode()
    post(client, event, op="remove", kind="segment", pk=added.pk)
    assert not Segment.objects.filter(pk=added.pk).exists()
    scored = post(client, event, op="remove", kind="panel", pk=round_.panels.get().pk)
    assert round_.panels.count() == 1 and "已有评分" in scored.content.decode()
    post(client, event, op="save", kind="round", name="决赛", weight="1")
    final = event.rounds.get(order=2)
    assert final.segments.count() == 0  # a round added on the page starts empty
    post(client, event, op="save", kind="segment", parent=final.pk, name="讲述", weight="1")
    last = post(client, event, op="remove", kind="segment", pk=final.segments.get().pk)
    assert final.segments.count() == 1 and "必须保留" in last.content.decode()


def test_judges_are_seated_in_panels(shaped):
    event, client, _criteria, _subs, judges = shaped
    round_ = event.rounds.get()
    post(client, event, op="save", kind="panel", parent=round_.pk, name="大众评审", weight="0.3",
         aggregation="mean", trim="0", fallback="mean")  # fmt: skip
    public = Panel.objects.get(round=round_, name="大众评审")
    post(client, event, op="seat", pk=public.pk, judges=[judges[2].pk, judges[3].pk])
    shape = round_shape(round_)
    experts = shape.panels[0]
    assert [shape.panel_of(j.pk) for j in judges] == [experts.pk, experts.pk, public.pk, public.pk]
    post(client, event, op="seat", pk=experts.pk, judges=[judges[0].pk, judges[3].pk])
    assert PanelSeat.objects.get(judge=judges[3]).panel == experts
    assert round_shape(round_).panel_of(judges[2].pk) == public.pk
    other = build_event(prefix="x", judges=1)[3][0]
    refused = post(client, event, op="seat", pk=public.pk, judges=[other.pk])
    assert "不属于本活动" in refused.content.decode()
    assert not PanelSeat.objects.filter(judge=other).exists()


def test_the_shape_is_frozen_once_published(shaped):
    event, client, *_ = shaped
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
    response = post(client, event, op="save", kind="round", name="决赛", weight="1")
    assert "取消公布" in response.content.decode()
    assert event.rounds.count() == 1
    assert Judge.objects.filter(event=event).count() == 4


def test_a_criterion_named_like_its_sibling_is_refused_with_a_message(shaped):
    event, client, criteria, subs, judges = shaped
    segment = criteria[0].segment
    twin = {"op": "save", "kind": "criterion", "max_score": "10", "step": "0.5", "weight": "1"}
    added = post(client, event, **twin, parent=segment.pk, name=criteria[0].name)
    assert added.status_code == 200
    assert "未执行：包含 环节 和 名称 的 评分标准 已经存在。" in visible_text(
        added.content.decode()
    )
    assert segment.criteria.filter(name=criteria[0].name).count() == 1
    renamed = post(client, event, **twin, pk=criteria[1].pk, name=criteria[0].name)
    assert renamed.status_code == 200 and "已经存在" in visible_text(renamed.content.decode())
    criteria[1].refresh_from_db()
    assert criteria[1].name != criteria[0].name


def test_panel_weights_that_do_not_add_up_to_one_are_pointed_out(shaped):
    """Panel weights of 1 + 0.3 were taken without a word: every score ×1.3."""
    event, client, criteria, subs, judges = shaped
    round_ = event.rounds.get()
    plain_page = visible_text(client.get(f"/events/{event.pk}/control/structure/").content.decode())
    assert "而不是 1" not in plain_page
    post(client, event, op="save", kind="panel", parent=round_.pk, name="大众", weight="0.3",
         aggregation="mean", trim="0", fallback="mean")  # fmt: skip
    page = visible_text(client.get(f"/events/{event.pk}/control/structure/").content.decode())
    assert "各评委组权重之和为 1.3，而不是 1：本轮每个得分都会乘以 1.3。" in page


def test_the_three_round_preset_and_rounds_moved_and_shaped_like_another():
    """Rounds could not be reordered (添加轮次 appended: 决赛, 初赛, 复赛) and nothing copied a
    round's segments and criteria to another."""
    clerk = make_user("clerk", staff=True)
    client = client_for(clerk)
    client.post("/events/new/", {"name": "讲解员大赛", "venue": "馆", "preset": "three_rounds"})
    event = Event.objects.get(name="讲解员大赛")
    assert [r.name for r in event.rounds.order_by("order")] == ["初赛", "复赛", "决赛"]
    assert all(r.segments.get().criteria.count() == 4 for r in event.rounds.all())
    final = event.rounds.get(name="决赛")
    post(client, event, op="up", pk=final.pk)
    assert [r.name for r in event.rounds.order_by("order")] == ["初赛", "决赛", "复赛"]
    post(client, event, op="down", pk=final.pk)
    first = event.rounds.get(name="初赛")
    Segment.objects.create(round=first, order=2, name="问答", weight=Decimal("0.5"))
    post(client, event, op="copy", pk=final.pk, source=first.pk)
    assert [s.name for s in final.segments.order_by("order")] == ["述职", "问答"]
    assert final.segments.get(order=1).criteria.count() == 4
    assert AuditEntry.objects.filter(event=event, reason__contains="按 初赛 的赛制设置").exists()


def test_a_round_with_appearances_keeps_its_place(shaped):
    event, client, criteria, subs, judges = shaped
    first = event.rounds.get()
    from review.models import Round

    second = Round.objects.create(event=event, order=2, name="决赛")
    answer = post(client, event, op="down", pk=first.pk)
    assert "已有出场名单的轮次不能调整顺序" in visible_text(answer.content.decode())
    assert event.rounds.get(pk=second.pk).order == 2

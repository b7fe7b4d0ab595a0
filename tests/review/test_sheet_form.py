"""The judge's scoring form: every bad input gets its own Chinese message, nothing is saved."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from review.models import Score, ScoreSheet
from tests.factories import build_event, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    event, criteria, appearances, judges = build_event(appearances=2, judges=3)
    judge = judges[0]
    return event, criteria, appearances[0], judge, client_for(judge.user)


def url(event, appearance):
    return f"/events/{event.pk}/judge/{appearance.pk}/"


def errors(response):
    return re.findall(r'class="error" role="alert">([^<]*)<', response.content.decode())


def post(client, event, appearance, criteria, values, action="review"):
    data = {f"c{c.pk}": v for c, v in zip(criteria, values, strict=True)}
    return client.post(url(event, appearance), {**data, "action": action})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请为「实绩成效」打分。"),
        ("八十", "「实绩成效」：“八十”不是有效的数字。"),
        ("-1", "「实绩成效」的分数不能为负数。"),
        ("41", "「实绩成效」的分数不能超过满分 40 分。"),
        ("30.3", "「实绩成效」的分数须为 0.5 的整数倍。"),
        ("30.25", "「实绩成效」的分数最多保留 1 位小数。"),
    ],
)
def test_each_bad_input_has_its_message_and_saves_nothing(setup, value, message):
    event, criteria, appearance, judge, client = setup
    for action in ("review", "submit"):
        response = post(client, event, appearance, criteria, [value, "15", "15", "15"], action)
        assert response.status_code == 400
        assert errors(response) == [message]
    assert not ScoreSheet.objects.exists()
    assert not Score.objects.exists()


def test_whole_number_step(setup):
    event, criteria, appearance, judge, client = setup
    criteria[1].step = Decimal(1)
    criteria[1].save()
    response = post(client, event, appearance, criteria, ["30", "15.5", "15", "15"])
    assert errors(response) == ["「创新突破」的分数须为整数。"]


def test_all_messages_at_once_name_their_criterion(setup):
    event, criteria, appearance, judge, client = setup
    response = post(client, event, appearance, criteria, ["", "abc", "-2", "21"])
    assert errors(response) == [
        "请为「实绩成效」打分。",
        "「创新突破」：“abc”不是有效的数字。",
        "「数据支撑」的分数不能为负数。",
        "「作风与体会」的分数不能超过满分 20 分。",
    ]


def test_draft_may_be_partial_and_is_kept(setup):
    event, criteria, appearance, judge, client = setup
    response = post(client, event, appearance, criteria, ["35.5", "", "", ""], action="draft")
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(judge=judge, appearance=appearance)
    assert sheet.status == "draft"
    assert dict(sheet.scores.values_list("criterion_id", "value")) == {
        criteria[0].pk: Decimal("35.5")
    }
    # The draft shows again in the form, and clearing a value removes it.
    page = client.get(url(event, appearance)).content.decode()
    assert 'value="35.50"' in page
    post(client, event, appearance, criteria, ["", "12", "", ""], action="draft")
    assert dict(sheet.scores.values_list("criterion_id", "value")) == {criteria[1].pk: Decimal(12)}


def test_draft_still_rejects_bad_values(setup):
    event, criteria, appearance, judge, client = setup
    response = post(client, event, appearance, criteria, ["45", "", "", ""], action="draft")
    assert errors(response) == ["「实绩成效」的分数不能超过满分 40 分。"]
    assert not ScoreSheet.objects.exists()


def test_review_shows_a_confirmation_then_submit_locks(setup):
    event, criteria, appearance, judge, client = setup
    review = post(client, event, appearance, criteria, ["３５．５", "18", "17", "16.5"])
    assert review.status_code == 200
    page = review.content.decode()
    assert "确认提交" in page and 'id="confirm-total">87<' in page
    assert not ScoreSheet.objects.exists(), "reviewing saves nothing"
    done = post(client, event, appearance, criteria, ["35.5", "18", "17", "16.5"], "submit")
    assert done.status_code == 302
    sheet = ScoreSheet.objects.get()
    assert sheet.status == "submitted" and sheet.submitted_at is not None
    assert sorted(sheet.scores.values_list("value", flat=True)) == [
        Decimal("16.5"),
        Decimal(17),
        Decimal(18),
        Decimal("35.5"),
    ]
    # Locked: a second submit (double tap, stale tab) changes nothing and says why.
    again = post(client, event, appearance, criteria, ["40", "20", "20", "20"], "submit")
    assert again.status_code == 409
    assert "该评分表已提交，不能再修改。" in again.content.decode()
    assert sorted(sheet.scores.values_list("value", flat=True))[-1] == Decimal("35.5")
    assert ScoreSheet.objects.count() == 1


def test_form_shows_guidance_limits_and_running_total(setup):
    event, criteria, appearance, judge, client = setup
    criteria[0].guidance = "工作实绩是否突出"
    criteria[0].save()
    page = client.get(url(event, appearance)).content.decode()
    assert "工作实绩是否突出" in page
    assert "满分 40，步长 0.5" in page
    assert 'data-max="40"' in page and 'inputmode="decimal"' in page
    assert 'id="running-total"' in page and "review/js/sheet.js" in page


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.found.append(dict(attrs))


def _input(html: str) -> dict:
    parser = _Inputs()
    parser.feed(html)
    (attrs,) = parser.found
    return attrs


@pytest.mark.parametrize("value", [None, "", "12.5", Decimal("7.50"), '"><script>x</script>'])
@pytest.mark.parametrize("extra", [{}, {"id": "id_c1", "required": True, "disabled": False}])
def test_the_fast_score_input_renders_as_djangos_text_input(value, extra):
    from django import forms

    from review.forms.sheet import ScoreInput

    attrs = {"inputmode": "decimal", "data-max": "40", "placeholder": "0–40"}
    ours = ScoreInput(attrs=attrs).render("c1", value, extra)
    django = forms.TextInput(attrs=attrs).render("c1", value, extra)
    assert _input(ours) == _input(django)
    assert "<script>" not in ours

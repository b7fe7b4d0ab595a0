"""What a phone shows when the server fails: our own page in Chinese that says what happened and
whether to retry — a refused database write is a 503 with nothing half-written."""

import pytest
from django.db import connection
from django.test import Client

from review.models import Score, ScoreSheet
from tests.factories import build_event
from tests.pages import visible_text


def read_only(on: bool):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")
        else:
            mode = "READ ONLY" if on else "READ WRITE"
            cursor.execute(f"SET SESSION CHARACTERISTICS AS TRANSACTION {mode}")


@pytest.mark.django_db(transaction=True)
def test_a_submit_the_database_refuses_answers_503_and_saves_nothing():
    event, criteria, (sub, *_), (judge, *_) = build_event(status="scoring")
    phone = Client()
    phone.force_login(judge.user)
    values = {f"c{c.pk}": "10" for c in criteria}
    read_only(True)
    try:
        answer = phone.post(f"/events/{event.pk}/judge/{sub.pk}/", {**values, "action": "submit"})
    finally:
        read_only(False)
    assert answer.status_code == 503 and answer["Retry-After"] == "30"
    text = visible_text(answer.content.decode())
    assert "本次请求的内容都没有保存" in text and "请过一分钟再试一次" in text
    assert not ScoreSheet.objects.filter(judge=judge).exists() and not Score.objects.exists()


@pytest.mark.django_db
def test_a_server_error_says_in_chinese_how_to_check_a_submit(monkeypatch, organiser):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("review.views.pages.staff_events", broken)
    client = Client(raise_request_exception=False)
    answer = client.get("/")
    assert answer.status_code == 500
    text = visible_text(answer.content.decode())
    assert "服务器出错了" in text and "显示“已提交”，评分就已保存" in text

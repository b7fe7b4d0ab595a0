"""The awards ceremony on the big screen, the 获奖名单 sheet and the 荣誉证书 PDF."""

import io
import shutil
import subprocess

import pytest
from django.test import Client
from openpyxl import load_workbook

from review.domain.ceremony import CeremonyRefused, ceremony_step
from review.models import AuditEntry, AwardTier, SpecialAward
from tests.factories import build_event, client_for, submit_sheet

pytestmark = pytest.mark.django_db(transaction=True)  # the screen is served from the cache

SHEETS = {1: (36, 18, 18, 18), 2: (34, 17, 17, 17), 3: (32, 16, 16, 16), 4: (28, 14, 14, 14)}


@pytest.fixture
def awarded():
    event, _criteria, subs, judges = build_event(appearances=4, judges=3, live_show=True)
    for sub in subs:
        for judge in judges:
            submit_sheet(judge, sub, SHEETS[sub.order])
    round_ = subs[0].round
    AwardTier.objects.create(round=round_, order=1, name="金牌", quota="count", count=1)
    AwardTier.objects.create(round=round_, order=2, name="优秀", quota="count", count=2)
    SpecialAward.objects.create(
        round=round_, order=1, name="最佳风采奖", source="segment", segment=round_.segments.get()
    )
    return event, round_, subs


def screen(event) -> str:
    return Client().get(f"/events/{event.pk}/screen/state/").content.decode()


def test_the_ceremony_reveals_lowest_tier_first_one_name_a_click(awarded, organiser):
    event, round_, subs = awarded
    with pytest.raises(CeremonyRefused):
        ceremony_step(event, round_, "next", organiser)  # not started
    ceremony_step(event, round_, "start", organiser)
    assert 'id="ceremony-title"' in screen(event)
    shown = []
    for _ in range(4):
        ceremony_step(event, None, "next", organiser)
        html = screen(event)
        shown.append(
            next(s.contestant.name for s in subs if f'id="winner">{s.contestant.name}<' in html)
        )
    # 优秀 from the lower rank up (3rd, then 2nd), then 金牌, then the 单项奖
    assert shown == ["述职人3", "述职人2", "述职人1", "述职人1"]
    ceremony_step(event, None, "next", organiser)
    full = screen(event)
    assert 'id="award-list"' in full and full.index("金牌") < full.index("优秀") < full.index(
        "最佳风采奖"
    )
    assert ceremony_step(event, None, "next", organiser) == 5  # stays on the full list
    assert AuditEntry.objects.filter(kind="ceremony").count() == 7
    ceremony_step(event, None, "end", organiser)
    assert 'id="ceremony"' not in screen(event)


def test_the_control_room_runs_the_ceremony(awarded, organiser):
    event, round_, _subs = awarded
    client = client_for(organiser)
    room = client.get(f"/events/{event.pk}/control/").content.decode()
    assert 'id="ceremony-start"' in room
    client.post(f"/events/{event.pk}/control/ceremony/", {"step": "start", "round": round_.pk})
    client.post(f"/events/{event.pk}/control/ceremony/", {"step": "next"})
    event.refresh_from_db()
    assert (event.ceremony_round, event.ceremony_step) == (round_, 1)
    assert "1 / 4" in client.get(f"/events/{event.pk}/control/").content.decode()


def test_the_workbook_lists_the_awards(awarded, organiser):
    event, _round, _subs = awarded
    data = client_for(organiser).get(f"/events/{event.pk}/results.xlsx").content
    sheet = load_workbook(io.BytesIO(data))["获奖名单"]
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("金牌", 1, "述职人1"),
        ("优秀", 2, "述职人2"),
        ("优秀", 3, "述职人3"),
        ("最佳风采奖", 1, "述职人1"),
    ]


def test_certificates_are_a_pdf_with_the_names_in_an_embedded_cjk_font(
    awarded, organiser, tmp_path
):
    event, round_, _subs = awarded
    response = client_for(organiser).get(
        f"/events/{event.pk}/control/certificates.pdf?round={round_.order}"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "certificates.pdf"
    pdf.write_bytes(response.content)
    pdftotext, pdffonts = shutil.which("pdftotext"), shutil.which("pdffonts")
    if pdftotext is None or pdffonts is None:
        pytest.fail("poppler-utils (pdftotext, pdffonts) is needed to read the certificates")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("荣誉证书") == 4
    assert "述职人1" in text and "「金牌」" in text and "「最佳风采奖」" in text
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "TrueType" in line]
    assert cjk and all(" yes yes " in line for line in cjk)  # embedded, subset
    # The issuer line is the organiser (with room for its seal), not the event's name again.
    first_page = subprocess.run([pdftotext, "-l", "1", str(pdf), "-"], capture_output=True,
                                text=True).stdout  # fmt: skip
    assert first_page.count(event.name) == 1 and "主办单位（盖章）" in first_page

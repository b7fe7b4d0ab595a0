"""Problems found on inspections: photos checked and re-encoded without EXIF, a problem kept
once however often the phone sends it, only at a unit drawn for the inspector's unit in an open
period, suspected duplicates flagged, the review (accept, send back with a reason, fix and send
again), rectification with an after-photo, closing, and who may see a problem's photos."""

import io
import uuid
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from PIL import Image

from common.domain.problems import Invalid
from common.imports.images import PhotoRefused, checked_photo
from inspection.domain.inspectors import InspectorRefused
from inspection.domain.problems import (
    ProblemRefused,
    close,
    record_problem,
    rectify,
    resend,
    review,
)
from inspection.models import InspectionEntry, Photo, Problem
from season.domain.periods import publish
from season.models import Dimension, Indicator
from season.queries.standing import period_standing
from tests.factories.accounts import client_for, make_user
from tests.factories.inspection import drawn, inspector, jpeg, photo, report, units_season
from tests.factories.jobs import run_queued_tasks
from tests.factories.season import month_of
from tests.pages import visible_text
from tests.recount import engines

pytestmark = pytest.mark.django_db


def test_a_photo_is_re_encoded_without_its_exif_and_kept_upright():
    raw = jpeg(size=(4000, 3000), gps=True)
    assert Image.open(io.BytesIO(raw)).getexif()  # the phone's file carries EXIF
    checked = checked_photo(raw, "image/jpeg", "IMG_0001.jpg")
    stored = Image.open(io.BytesIO(checked.data))
    assert (stored.format, stored.size) == ("JPEG", (2048, 1536))
    assert not stored.getexif()


@pytest.mark.parametrize(("data", "declared", "says"), [
    (b"%PDF-1.4 not a photo", "application/pdf", "不是 JPEG、PNG 或 WebP 照片"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic", "HEIC"),
    (None, "image/jpeg", "声称是 image/jpeg，实际是 image/png"),
    (jpeg()[:200], "image/jpeg", "无法作为照片读取"),
])  # fmt: skip
def test_what_is_no_photo_is_refused_naming_the_file(data, declared, says):
    if data is None:  # a PNG that says it is a JPEG
        out = io.BytesIO()
        Image.new("RGB", (8, 8)).save(out, "PNG")
        data = out.getvalue()
    with pytest.raises(PhotoRefused) as refused:
        checked_photo(data, declared, "现场.jpg")
    assert "现场.jpg" in refused.value.message and says in refused.value.message


def test_a_small_file_that_decodes_into_a_huge_bitmap_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # a few kB, 81 million pixels
    assert len(out.getvalue()) < 100_000
    with pytest.raises(PhotoRefused) as refused:
        checked_photo(out.getvalue(), "image/png", "bomb.png")
    assert "9000 × 9000" in refused.value.message


def _world(size=6):
    season, organiser, units = units_season(size)
    march = month_of(season, 3)
    draw = drawn(march, organiser, per_inspected=2)
    pair = draw.pairs.order_by("order").first()
    seat = inspector(season, pair.inspector, organiser=organiser)
    return season, organiser, units, march, draw, pair, seat


def test_a_problem_sent_twice_is_kept_once():
    _season, _o, _u, _m, _d, pair, seat = _world()
    key = uuid.uuid4()
    first, created = record_problem(seat, pair, report(), [photo()], key)
    again, created_again = record_problem(seat, pair, report(), [photo()], key)
    assert (created, created_again, first.pk == again.pk) == (True, False, True)
    assert Problem.objects.count() == 1 and Photo.objects.count() == 1


def test_only_a_unit_drawn_for_the_inspectors_unit_in_an_open_period():
    season, organiser, _u, march, draw, pair, seat = _world()
    other = draw.pairs.exclude(inspector=pair.inspector).first()
    with pytest.raises(InspectorRefused):
        record_problem(seat, other, report(), [photo()], uuid.uuid4())
    publish(march, organiser)
    pair.draw.period.refresh_from_db()
    with pytest.raises(InspectorRefused) as refused:
        record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    assert "已发布" in refused.value.message
    assert not Problem.objects.exists()


def test_every_wrong_field_is_named_and_nothing_is_kept():
    _season, _o, _u, _m, _d, pair, seat = _world()
    with pytest.raises(Invalid) as invalid:
        record_problem(seat, pair, report(category="x", place="", phone="abc", latitude="95"),
                       [photo()], uuid.uuid4())  # fmt: skip
    assert [p.column for p in invalid.value.problems] == ["category", "place", "phone",
                                                          "latitude"]  # fmt: skip
    with pytest.raises(ProblemRefused):
        record_problem(seat, pair, report(), [], uuid.uuid4())
    assert not Problem.objects.exists() and not Photo.objects.exists()


def test_the_same_photo_or_place_at_the_same_unit_is_flagged_as_a_suspected_duplicate():
    _season, _o, _u, _m, _d, pair, seat = _world()
    first, _c = record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    second, _c = record_problem(seat, pair, report(place="二楼"), [photo()], uuid.uuid4())
    third, _c = record_problem(seat, pair, report(place="三楼"), [photo((0, 90, 0))],
                               uuid.uuid4())  # fmt: skip
    assert second.suspected_duplicate == first and third.suspected_duplicate is None


def test_sent_back_with_a_reason_fixed_and_sent_again_then_accepted_rectified_closed():
    season, organiser, _u, _m, _d, pair, seat = _world()
    problem, _c = record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    with pytest.raises(ProblemRefused):
        review(problem, organiser, accept=False)  # no reason
    review(problem, organiser, accept=False, sent_back_as="unclear", note="照片看不清")
    problem.refresh_from_db()
    assert (problem.status, problem.sent_back_as) == ("sent_back", "unclear")
    resend(problem, seat, report(description="楼道堆放纸箱，堵塞消防通道"), [photo((0, 0, 200))])
    problem.refresh_from_db()
    assert problem.status == "submitted" and problem.photos.count() == 2
    review(problem, organiser, accept=True)
    with pytest.raises(ProblemRefused):
        rectify(problem, organiser, [])
    rectify(problem, organiser, [photo((10, 200, 10))], "已清理")
    close(problem, organiser)
    problem.refresh_from_db()
    assert problem.status == "closed"
    assert problem.photos.filter(kind="after").count() == 1
    steps = InspectionEntry.objects.filter(season=season, kind__in=["reviewed", "rectified",
                                                                    "closed"])  # fmt: skip
    assert [e.kind for e in steps] == ["reviewed", "reviewed", "rectified", "closed"]


def test_the_phone_posts_a_problem_and_reads_the_answer_as_json(
    django_capture_on_commit_callbacks,
):
    season, _o, _u, _m, _d, pair, seat = _world()
    client = client_for(seat.user)
    key = str(uuid.uuid4())
    data = {"key": key, "category": "safety", "description": "灭火器过期", "place": "二楼",
            "responsible": "李四", "phone": "0574-8888888"}  # fmt: skip
    url = reverse("inspection-new", args=[season.pk, pair.pk])
    for _ in range(2):  # the answer was lost, the phone sends again
        upload = io.BytesIO(jpeg())
        upload.name = "p.jpg"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data | {"photos": upload}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200 and response.json()["ok"]
    assert Problem.objects.filter(key=key).count() == 1
    assert run_queued_tasks() == 1
    assert Photo.objects.get().thumbnail


def test_a_photo_is_served_only_to_those_who_may_see_the_problem():
    season, organiser, units, _m, _d, pair, seat = _world()
    problem, _c = record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    url = reverse("inspection-photo", args=[season.pk, problem.pk, problem.photos.get().pk])
    contact = make_user("inspected-contact")
    inspected = units[[u.pk for u in units].index(pair.inspected_id)]
    inspected.contact = contact
    inspected.save(update_fields=["contact"])
    assert client_for(seat.user).get(url).status_code == 200
    response = client_for(organiser).get(url)
    assert (
        response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    )
    assert client_for(contact).get(url).status_code == 403  # not accepted yet
    assert client_for(make_user("stranger")).get(url).status_code == 403
    review(problem, organiser, accept=True)
    assert client_for(contact).get(url).status_code == 200


def test_the_accepted_problems_move_the_seasons_standing_by_the_count_rule():
    """Seed 002's rule on a cross-inspection season: at least 100 found, +0.5 for each one over
    100; found at a unit: −0.5 each. Here the base is lowered to 1 (the scorecard's own
    parameter) so that three accepted problems count: 2 over the base → +1 point."""
    season, organiser, _units = units_season(6, code="ci-2026", preset="cross_inspection")
    found = Indicator.objects.get(season=season, name="发现问题")
    found.params = dict(found.params, base=1)
    found.save(update_fields=["params"])
    march = month_of(season, 3)
    draw = drawn(march, organiser, per_inspected=2)
    pair = draw.pairs.order_by("order").first()
    seat = inspector(season, pair.inspector, organiser=organiser)
    for n in range(3):
        problem, _c = record_problem(seat, pair, report(place=f"{n + 1}楼"),
                                     [photo((n * 60, 10, 10))], uuid.uuid4())  # fmt: skip
        review(problem, organiser, accept=True)
    received = Indicator.objects.get(season=season, name="被查出问题")
    client = client_for(organiser)
    url = reverse("inspection-draw-counts", args=[season.pk, march.pk])
    client.post(url, {"indicator": found.pk, "side": "found"})
    client.post(url, {"indicator": received.pk, "side": "received"})
    values = {(v.subject_id, v.indicator_id): v.value for v in march.values.all()}
    assert values[(pair.inspector_id, found.pk)] == 3
    assert values[(pair.inspected_id, received.pk)] == 3
    assert values[(pair.inspected_id, found.pk)] == 0  # it found nothing: a 0, not a gap
    cards = {line.subject.pk: line.card for line in period_standing(march)}
    inspection_dim = Dimension.objects.get(season=season, name="交叉检查").pk
    part = {p.key: p for p in cards[pair.inspector_id].parts}[inspection_dim]
    assert part.value == 1  # (3 − 1) × 0.5 found, nothing found at it
    hit = {p.key: p for p in cards[pair.inspected_id].parts}[inspection_dim]
    assert hit.value == Fraction(-3, 2)  # 3 found at it × −0.5


@pytest.mark.parametrize("size", [3, 40])
def test_the_review_list_takes_the_same_queries_for_any_number_of_problems(
    size, django_assert_max_num_queries
):
    season, organiser, _u, march, _d, pair, seat = _world()
    for n in range(size):
        record_problem(seat, pair, report(place=f"{n}号"), [photo((n % 250, 5, 5))], uuid.uuid4())
    client = client_for(organiser)
    url = reverse("inspection-review", args=[season.pk, march.pk])
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.status_code == 200 and f"{size} 个问题" in page.content.decode()


@pytest.mark.libreoffice
@engines
def test_the_inspection_workbook_recounts_the_counts_and_points(engine, tmp_path):
    """COUNTIFS over the problem list gives each unit's accepted problems, found and received;
    the count rule's formula gives the points of the values the season holds; both recounted in
    LibreOffice and Gnumeric equal what the tool says."""
    from inspection.domain.counts import take_counts
    from inspection.exports.problems import count_rows
    from inspection.exports.record import draw_record_bytes
    from tests.recount import recalculated

    season, organiser, _units = units_season(6, code="wb-2026", preset="cross_inspection")
    found = Indicator.objects.get(season=season, name="发现问题")
    found.params = dict(found.params, base=1, points="0.3")  # 0.3 × n: binary fractions
    found.save(update_fields=["params"])
    march = month_of(season, 3)
    draw = drawn(march, organiser, per_inspected=2)
    for k, pair in enumerate(draw.pairs.order_by("order")[:4]):
        seat = inspector(season, pair.inspector, f"员{k}", organiser)
        for n in range(k + 2):
            problem, _c = record_problem(seat, pair, report(place=f"{k}-{n}"),
                                         [photo((k * 40, n * 30, 9))], uuid.uuid4())  # fmt: skip
            if n:  # the first of each stays waiting: not counted
                review(problem, organiser, accept=True)
    take_counts(march, found, "found", organiser)
    take_counts(march, Indicator.objects.get(season=season, name="被查出问题"), "received",
                organiser)  # fmt: skip
    data = draw_record_bytes(march)
    sheets = recalculated(data, tmp_path, engine)
    _h, _rows, expected = count_rows(march, "问题清单", Problem.objects.count())

    def numbers(rows):
        # Gnumeric shows a minus sign as U+2212
        return [[Decimal(c.replace("\u2212", "-")) if c else None for c in row] for row in rows]

    assert numbers(row[2:] for row in sheets["计数"]) == numbers(expected)
    assert any(row[2] not in ("0", "") for row in expected)


def test_the_inspected_unit_sees_its_accepted_problems_and_rectifies_them():
    season, organiser, units, _m, _d, pair, seat = _world()
    contact = make_user("unit-contact")
    inspected = next(u for u in units if u.pk == pair.inspected_id)
    inspected.contact = contact
    inspected.save(update_fields=["contact"])
    waiting, _c = record_problem(seat, pair, report(place="一楼"), [photo()], uuid.uuid4())
    accepted, _c = record_problem(seat, pair, report(place="二楼"), [photo((0, 9, 9))],
                                  uuid.uuid4())  # fmt: skip
    review(accepted, organiser, accept=True)
    client = client_for(contact)
    listed = visible_text(client.get(reverse("inspection-found", args=[season.pk])).content
                          .decode())  # fmt: skip
    assert "二楼" in listed and "一楼" not in listed  # only what was accepted
    season_page = client.get(reverse("season", args=[season.pk])).content.decode()
    assert reverse("inspection-found", args=[season.pk]) in season_page
    upload = io.BytesIO(jpeg(colour=(10, 200, 10)))
    upload.name = "after.jpg"
    client.post(reverse("inspection-rectify", args=[season.pk, accepted.pk]),
                {"after": upload, "note": "已清理"})  # fmt: skip
    accepted.refresh_from_db()
    assert accepted.status == "rectified" and accepted.photos.filter(kind="after").count() == 1

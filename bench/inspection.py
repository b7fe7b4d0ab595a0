"""The review list of a big cross-inspection month: 5,000 problems, paginated.

    python bench/inspection.py [--problems 5000] [--units 100]

Builds a units season in a scratch SQLite database with a made draw and ``--problems`` problems
(each with a photo row), then times the review list through the site — its first page and a
page in the middle — against the bare SQL fetch of one page's rows, and counts its queries at
this size and at a tenth of it (they must not grow)."""

import argparse
import os
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5


def build(units: int, problems: int, code: str):
    from django.core.management import call_command
    from django.db import transaction

    from common.models import Unit
    from inspection.domain.draws import Constraints, commit, make
    from inspection.domain.inspectors import add_inspector
    from inspection.models import Photo, Problem
    from season.domain.seasons import create_season
    from tests.factories.accounts import make_user

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        organiser = make_user(f"organiser-{code}", staff=True)
        made = Unit.objects.bulk_create(Unit(name=f"{code}单位{i:04d}") for i in range(units))
        season = create_season(code=code, name="基准交叉检查", kind="units", actor=organiser,
                               subjects=made, preset="cross_inspection")  # fmt: skip
        march = season.periods.get(order=3)
        commit(march, Constraints(per_inspected=3), organiser)
        draw = make(march, organiser)
        pairs = list(draw.pairs.all())
        seats = {p.inspector_id: None for p in pairs}
        for unit_id in seats:
            seats[unit_id] = add_inspector(season, season.subjects.get(pk=unit_id), "检查员",
                                           organiser)  # fmt: skip
        rows = Problem.objects.bulk_create(
            Problem(pair=pairs[n % len(pairs)], inspector=seats[pairs[n % len(pairs)].inspector_id],
                    key=uuid.uuid4(), category="environment", description=f"问题{n}",
                    place=f"{n}号", responsible="张三", phone="13800000000",
                    status=("submitted", "accepted", "sent_back")[n % 3])
            for n in range(problems)
        )  # fmt: skip
        Photo.objects.bulk_create(
            Photo(problem=p, image=f"inspection/photos/{p.key.hex}.jpg", digest=p.key.hex,
                  width=1600, height=1200)
            for p in rows
        )  # fmt: skip
    return season, march, organiser


def measure(season, march, organiser, pages) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    client.force_login(organiser)
    url = f"/seasons/{season.pk}/periods/{march.pk}/review/"
    timings = {}
    for label, query in (("first page", ""), ("middle page", f"?page={pages // 2}")):
        best = None
        for _ in range(ROUNDS):
            started = time.perf_counter()
            response = client.get(url + query, secure=True)
            took = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            best = took if best is None else min(best, took)
        timings[label] = best
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    from common.models import Unit

    unit = Unit._meta.db_table  # the contest app's table, adopted by common
    best = None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT p.id, p.category, p.place, p.status, pi.name, pd.name "
                "FROM inspection_problem p JOIN inspection_pair r ON r.id = p.pair_id "
                "JOIN season_subject si ON si.id = r.inspector_id "
                f"JOIN {unit} pi ON pi.id = si.unit_id "
                "JOIN season_subject sd ON sd.id = r.inspected_id "
                f"JOIN {unit} pd ON pd.id = sd.unit_id "
                "WHERE r.draw_id IN (SELECT id FROM inspection_draw WHERE period_id = %s) "
                "ORDER BY p.status, p.created_at, p.id LIMIT 50", [march.pk])  # fmt: skip
            cursor.fetchall()
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    return {**timings, "queries": len(queries), "bare": best}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=5000)
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
    with tempfile.TemporaryDirectory() as scratch:
        # The test settings: production's less the HTTPS redirect and the collected-static
        # manifest (as bench/leaderboard.py), on a scratch database.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings_test")
        os.environ["ALLOWED_HOSTS"] = "localhost"
        os.environ["SQLITE_PATH"] = str(Path(scratch) / "bench.sqlite3")
        import django

        django.setup()
        season, march, organiser = build(args.units, args.problems, "big")
        pages = max(1, args.problems // 50)
        big = measure(season, march, organiser, pages)
        small_season, small_march, small_organiser = build(
            max(8, args.units // 10), max(10, args.problems // 10), "small"
        )
        small = measure(small_season, small_march, small_organiser, 2)
    print(f"review list: {args.problems:,} problems of {args.units} units, 50 a page")
    for label in ("first page", "middle page"):
        print(f"{label:<34}: {big[label] * 1000:8.0f} ms   target < 300 ms; "
              f"×{big[label] / big['bare']:.0f} the bare SQL fetch of a page's rows "
              f"({big['bare'] * 1000:.1f} ms)")  # fmt: skip
    print(f"SQL queries of the page           : {big['queries']:8d}     "
          f"({small['queries']} for a tenth of the problems)")  # fmt: skip
    if big["queries"] > small["queries"]:
        sys.exit("FAILED: the review list's queries grow with the problems")


if __name__ == "__main__":
    main()

"""How a big season holds up: 300 subjects × 12 periods × 40 indicators (144,000 values).

    python bench/season.py [--subjects 300] [--periods 12] [--indicators 40] [--clerks 20]

Builds the season in a scratch SQLite database (11 periods' values generated in bulk), then
measures: the import of the last period from its template (the path a person uploads through);
the cumulative standing against the bare SQL fetch of the same values, with its query count at
this size and at a tenth of it; the year-end workbook's time and peak memory in a fresh process;
and ``--clerks`` data-entry people saving the grid at once through the site (threads, each its
own login), failing if any value typed is missing afterwards.
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from export import peak_rss_mib, setup_django  # noqa: E402

ROUNDS = 3

RULES = (
    ("linear", {"floor": "0", "target": "300", "points": "100"}),
    ("bands", {"bands": [{"lower": None, "upper": "90", "points": "60"},
                         {"lower": "90", "upper": "95", "points": "80"},
                         {"lower": "95", "upper": None, "points": "100"}]}),
    ("count", {"base": 100, "step": "1", "points": "0.5", "cap": 200}),
    ("rank", {"table": ["100", "95", "90", "85", "80"], "rest": "75"}),
    ("manual", {"low": "0", "high": "100"}),
)  # fmt: skip


def value_for(rule: str, rng: random.Random) -> Decimal:
    if rule == "linear":
        return Decimal(rng.randint(100, 320))
    if rule == "bands":
        return Decimal(rng.randint(8500, 10000)) / 100
    if rule == "count":
        return Decimal(rng.randint(60, 260))
    if rule == "rank":
        return Decimal(rng.randint(500, 1000)) / 10
    return Decimal(rng.randint(70, 100))


def generate(subjects: int, periods: int, indicators: int, seed: int = 1):
    from django.core.management import call_command
    from django.db import transaction

    from common.models import Contestant, Unit
    from season.domain.seasons import create_season
    from season.models import Dimension, Indicator, Period, Value
    from tests.factories.accounts import make_user

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    with transaction.atomic():
        organiser = make_user(f"bench-organiser-{rng.randrange(10**6)}", staff=True)
        unit = Unit.objects.create(name=f"基准中心{rng.randrange(10**6)}")
        people = Contestant.objects.bulk_create(
            Contestant(name=f"人员{i}", unit=unit) for i in range(subjects)
        )
        season = create_season(code=f"bench-{rng.randrange(10**6)}", name="基准考核年度",
                               kind="people", actor=organiser, subjects=people)  # fmt: skip
        Indicator.objects.filter(season=season).delete()
        dims = list(Dimension.objects.filter(season=season))
        made = Indicator.objects.bulk_create(
            Indicator(season=season, dimension=dims[i % len(dims)], order=i, name=f"指标{i}",
                      rule=RULES[i % len(RULES)][0], params=RULES[i % len(RULES)][1])
            for i in range(1, indicators + 1)
        )  # fmt: skip
        subs = list(season.subjects.all())
        for period in Period.objects.filter(season=season, order__lt=periods):
            Value.objects.bulk_create(
                (Value(period=period, subject=s, indicator=i, value=value_for(i.rule, rng))
                 for s in subs for i in made),
                batch_size=5000,
            )  # fmt: skip
    return season.pk, organiser.pk


def template_filled(period, rng) -> bytes:
    from openpyxl import load_workbook

    from season.exports.template import template_bytes
    from season.models import Indicator

    inds = list(Indicator.objects.filter(season=period.season))
    wb = load_workbook(io.BytesIO(template_bytes(period)))
    ws = wb[period.name]
    for row in ws.iter_rows(min_row=2):
        for cell, indicator in zip(row[2:], inds, strict=False):
            cell.value = float(value_for(indicator.rule, rng))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def measure_import_and_standing(season_pk: int, organiser_pk: int, periods: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from season.imports.values import import_values
    from season.models import Period, Season
    from season.queries.standing import cumulative_standing

    season = Season.objects.get(pk=season_pk)
    organiser = get_user_model().objects.get(pk=organiser_pk)
    last = Period.objects.get(season=season, order=periods)
    data = template_filled(last, random.Random(2))
    started = time.perf_counter()
    changed = len(import_values(last, data, organiser, reason="基准录入"))
    imported = time.perf_counter() - started
    with CaptureQueriesContext(connection) as queries:
        lines = cumulative_standing(season)
    standing, bare, read = [], [], []
    for _ in range(ROUNDS):  # the best of a few rounds each, taken in turn: a steadier ratio
        started = time.perf_counter()
        cumulative_standing(season)
        standing.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT v.period_id, v.subject_id, v.indicator_id, v.value "
                           "FROM season_value v JOIN season_period p ON p.id = v.period_id "
                           "WHERE p.season_id = %s", [season_pk])  # fmt: skip
            fetched = len(cursor.fetchall())
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        every_card(cumulative_standing(season))
        read.append(time.perf_counter() - started)
    standing, bare, read = min(standing), min(bare), min(read)
    return {"imported": changed, "import_s": imported, "standing_s": standing,
            "queries": len(queries), "values": fetched, "bare_s": bare,
            "ranked": sum(line.rank is not None for line in lines),
            "read_s": read}  # fmt: skip


def every_card(lines) -> int:
    """Reads every period's card of every line with its dimensions, as the year-end workbook
    does (the standing makes a card's ``Stage`` when it is first read)."""
    return sum(len(card.parts) for line in lines for card in line.periods.values())


def measure_workbook(season_pk: int) -> dict:
    from season.exports.workbook import season_workbook_bytes
    from season.models import Season

    season = Season.objects.get(pk=season_pk)
    before = peak_rss_mib()
    started = time.perf_counter()
    data = season_workbook_bytes(season)
    return {"workbook_s": time.perf_counter() - started, "peak_rss_mib": peak_rss_mib(),
            "rss_before_mib": before, "bytes": len(data)}  # fmt: skip


def clerks_at_once(season_pk: int, organiser_pk: int, clerks: int) -> dict:
    """``clerks`` people each save their own rows of the open period's grid at the same moment,
    every one through the site (login, CSRF-exempt test client, the grid's POST)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from common.domain import roles
    from season.domain.roles import SEASON
    from season.models import Indicator, Period, Season, Value

    season = Season.objects.get(pk=season_pk)
    open_period = Period.objects.filter(season=season).order_by("-order").first()
    Value.objects.filter(period=open_period).delete()
    inds = list(Indicator.objects.filter(season=season, rule="manual"))[:5]
    subjects = list(season.subjects.all())
    per_clerk = max(1, len(subjects) // clerks)
    organiser = get_user_model().objects.get(pk=organiser_pk)
    users = []
    for k in range(clerks):
        user = get_user_model().objects.create_user(f"clerk-{season_pk}-{k}", password="x")
        roles.grant(SEASON, season, user, "operator", organiser)
        users.append(user)
    connection.close()
    barrier, failures, latencies = threading.Barrier(clerks), [], []
    url = f"/seasons/{season_pk}/periods/{open_period.pk}/grid/"

    def work(k):
        client = Client(HTTP_HOST="localhost")
        client.force_login(users[k])
        mine = subjects[k * per_clerk : (k + 1) * per_clerk]
        data = {f"v-{s.pk}-{i.pk}": str(70 + (s.order + i.order) % 30) for s in mine for i in inds}
        data |= {f"was-{s.pk}-{i.pk}": "" for s in mine for i in inds} | {"reason": "录入"}
        barrier.wait()
        started = time.perf_counter()
        response = client.post(url, data, secure=True)
        latencies.append(time.perf_counter() - started)
        if response.status_code != 302:
            failures.append((k, response.status_code))
        connection.close()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = Value.objects.filter(period=open_period).count()
    expected = per_clerk * clerks * len(inds)
    return {"clerks": clerks, "expected": expected, "stored": stored, "failures": failures,
            "slowest_s": max(latencies or [0])}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=300)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: db path:season id
    args = parser.parse_args()
    if args.measure:
        db, season_pk = args.measure.rsplit(":", 1)
        setup_django(Path(db))
        print(json.dumps(measure_workbook(int(season_pk))))
        return
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.sqlite3"
        os.environ["ALLOWED_HOSTS"] = "localhost"
        setup_django(db)
        started = time.perf_counter()
        season_pk, organiser_pk = generate(args.subjects, args.periods, args.indicators)
        built = time.perf_counter() - started
        m = measure_import_and_standing(season_pk, organiser_pk, args.periods)
        small_pk, _o = generate(
            max(2, args.subjects // 10), 2, max(5, args.indicators // 10), seed=2
        )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from season.models import Season
        from season.queries.standing import cumulative_standing

        with CaptureQueriesContext(connection) as small:
            cumulative_standing(Season.objects.get(pk=small_pk))
        out = subprocess.run([sys.executable, __file__, "--measure", f"{db}:{season_pk}"],
                             check=True, capture_output=True, text=True)  # fmt: skip
        w = json.loads(out.stdout.strip().splitlines()[-1])
        c = clerks_at_once(season_pk, organiser_pk, args.clerks)
    size = f"{args.subjects} subjects × {args.periods} periods × {args.indicators} indicators"
    print(f"season: {size} = {m['values']:,} values (built in {built:.1f} s)")
    print(f"import of one period ({m['imported']:,} values): {m['import_s'] * 1000:8.0f} ms"
          "   target < 5,000 ms")  # fmt: skip
    print(f"bare SQL fetch of the values      : {m['bare_s'] * 1000:8.0f} ms")
    print(f"cumulative standing               : {m['standing_s'] * 1000:8.0f} ms"
          f"   target < 1,000 ms; ×{m['standing_s'] / m['bare_s']:.1f} the bare fetch "
          "(target ≤ 2)")  # fmt: skip
    print(f"  … and every period's card read : {m['read_s'] * 1000:8.0f} ms"
          f"   ×{m['read_s'] / m['bare_s']:.1f} the bare fetch")  # fmt: skip
    print(f"SQL queries of the standing       : {m['queries']:8d}     "
          f"({len(small)} for a season a tenth the size)")  # fmt: skip
    print(f"year-end workbook                 : {w['workbook_s'] * 1000:8.0f} ms"
          f"   target < 15,000 ms; {w['bytes'] / 1024:.0f} KiB")  # fmt: skip
    print(f"peak memory (process RSS)         : {w['peak_rss_mib']:8.0f} MiB  target < 500 MiB"
          f" (before the workbook {w['rss_before_mib']:.0f} MiB)")  # fmt: skip
    print(f"{c['clerks']} clerks saving the grid at once: {c['stored']:,} of {c['expected']:,}"
          f" values kept, {len(c['failures'])} refused; slowest save "
          f"{c['slowest_s'] * 1000:.0f} ms")  # fmt: skip
    if c["failures"] or c["stored"] != c["expected"] or m["queries"] > len(small):
        sys.exit("FAILED: a value was lost or refused, or the queries grew with the season")


if __name__ == "__main__":
    main()

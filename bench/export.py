"""How fast and how lean is the results workbook for a big event?

    python bench/export.py [--appearances 1000] [--judges 25] [--criteria 5]

Builds the event in a scratch SQLite database, then measures, in a fresh process so the memory
figure is the export's own: the wall time of the export (fetch + score + write the workbook), the
process's peak resident memory, the number of SQL queries, and the time of the bare SQL query that
fetches the same scores — the floor no export can beat.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(db_path: Path):
    os.environ["DJANGO_SETTINGS_MODULE"] = "saima.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-key")
    os.environ["SQLITE_PATH"] = str(db_path)
    import django

    django.setup()


def generate(appearances: int, judges: int, criteria: int, seed: int = 1):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from common.models import Contestant, Unit
    from review.models import (
        Appearance,
        Criterion,
        Event,
        Judge,
        Score,
        ScoreSheet,
        first_round,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    now = timezone.now()
    tag = f"{appearances}x{judges}x{criteria}-{rng.randrange(10**6)}"  # several events, one db
    with transaction.atomic():
        event = Event.objects.create(name=f"基准测试 {tag}", status="closed")
        round_ = first_round(event.pk)
        segment = round_.segments.get()
        crits = Criterion.objects.bulk_create(
            Criterion(event=event, segment=segment, name=f"标准{i}", max_score=Decimal(20), order=i)
            for i in range(1, criteria + 1)
        )
        units = Unit.objects.bulk_create(
            Unit(name=f"{tag}-单位{i}") for i in range(appearances + judges)
        )
        people = Contestant.objects.bulk_create(
            Contestant(name=f"述职人{i}", post="处长", unit=units[i]) for i in range(appearances)
        )
        subs = Appearance.objects.bulk_create(
            Appearance(
                event=event, round=round_, contestant=c, order=i + 1, title=f"述职报告{i + 1}"
            )
            for i, c in enumerate(people)
        )
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-{tag}-{i}") for i in range(judges)
        )
        seats = Judge.objects.bulk_create(
            Judge(event=event, user=u, display_name=f"评委{i + 1}", seat=i + 1,
                  unit=units[appearances + i])
            for i, u in enumerate(users)
        )  # fmt: skip
        sheets = ScoreSheet.objects.bulk_create(
            (
                ScoreSheet(judge=j, appearance=s, segment=segment, status="submitted",
                           submitted_at=now, is_generated=True)
                for s in subs
                for j in seats
            ),
            batch_size=5000,
        )  # fmt: skip
        Score.objects.bulk_create(
            (
                Score(sheet=sheet, criterion=c, value=Decimal(rng.randint(20, 40)) / 2)
                for sheet in sheets
                for c in crits
            ),
            batch_size=5000,
        )
    return event.pk


def peak_rss_mib() -> float:
    """This address space's high-water mark. (``ru_maxrss`` would not do: Linux keeps it across
    ``execve``, so a fresh child reports its parent's peak.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(event_pk: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from review.exports.event import event_workbook
    from review.models import Event
    from review.queries.round_results import round_results
    from review.queries.structure import current_round

    event = Event.objects.get(pk=event_pk)
    rss_before = peak_rss_mib()
    started = time.perf_counter()
    round_results(event, current_round(event))
    scored = time.perf_counter() - started
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        data = event_workbook(event)  # scores the round again: the download as a user gets it
        total = time.perf_counter() - started
    peak = peak_rss_mib()

    bare_sql = (
        "SELECT s.judge_id, s.submission_id, c.criterion_id, c.value FROM review_score c "
        "JOIN review_scoresheet s ON s.id = c.sheet_id "
        "JOIN review_submission b ON b.id = s.submission_id "
        "WHERE b.event_id = %s AND s.status = 'submitted'"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(bare_sql, [event_pk])
        fetched = len(cursor.fetchall())
    bare = time.perf_counter() - started
    return {
        "scores": fetched,
        "bare_query_s": bare,
        "results_s": scored,
        "export_s": total,
        "queries": len(queries),
        "peak_rss_mib": peak,
        "rss_before_mib": rss_before,
        "bytes": len(data),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appearances", type=int, default=1000)
    parser.add_argument("--judges", type=int, default=25)
    parser.add_argument("--criteria", type=int, default=5)
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: db path:event id
    args = parser.parse_args()

    if args.measure:
        db, event_pk = args.measure.rsplit(":", 1)
        setup_django(Path(db))
        print(json.dumps(measure(int(event_pk))))
        return

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.sqlite3"
        setup_django(db)
        started = time.perf_counter()
        event_pk = generate(args.appearances, args.judges, args.criteria)
        built = time.perf_counter() - started
        out = subprocess.run(
            [sys.executable, __file__, "--measure", f"{db}:{event_pk}"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        m = json.loads(out.stdout.strip().splitlines()[-1])

    size = f"{args.appearances} appearances × {args.judges} judges × {args.criteria} criteria"
    print(f"event: {size} = {m['scores']:,} scores (built in {built:.1f} s)")
    print(f"bare SQL fetch of the scores : {m['bare_query_s'] * 1000:8.0f} ms")
    print(f"results (fetch + score)      : {m['results_s'] * 1000:8.0f} ms")
    print(f"export (results + workbook)  : {m['export_s'] * 1000:8.0f} ms   target < 10,000 ms")
    print(f"export / bare fetch          : {m['export_s'] / m['bare_query_s']:8.1f} ×")
    print(f"peak memory (process RSS)    : {m['peak_rss_mib']:8.0f} MiB  target < 300 MiB "
          f"(before export {m['rss_before_mib']:.0f} MiB)")  # fmt: skip
    print(f"SQL queries                  : {m['queries']:8d}     (independent of size)")
    print(f"workbook size                : {m['bytes'] / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()

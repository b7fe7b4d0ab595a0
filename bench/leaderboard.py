"""The leaderboard and the big screen at scale.

    python bench/leaderboard.py [--sizes 100,1000,5000] [--judges 25] [--criteria 5]
                                [--tree-sizes 100,1000]

For each size, builds an event in a scratch SQLite database (or DATABASE_URL when set) and
prints, for the full ranking page and for the big-screen fragment, each computed (cache
cleared) and then served from the shared cache: the SQL query count and the wall time (best of
--repeat), beside the time of the bare SQL query that fetches all the scores — the floor — and
the ratio. Then the same for a contest-tree round (3 segments × 2 weighted panels of 25 and 50
judges, ``bench/tree.py``), with its time per score beside the flat shape's.
"""

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.export import generate  # noqa: E402
from bench.tree import generate_tree  # noqa: E402


def best(fn, repeat: int):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(event_pk: int, repeat: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from review.models import Event

    event = Event.objects.get(pk=event_pk)
    event.status = Event.Status.PUBLISHED
    event.live_show = True
    event.presenting = event.appearances.order_by("order").first()
    event.save()
    staff = get_user_model().objects.filter(username="bench-staff").first()
    if staff is None:
        staff = get_user_model().objects.create_user("bench-staff", is_staff=True)
    client = Client()
    client.force_login(staff)

    class QueryCounter:
        """Counts every SQL statement, whatever DEBUG says."""

        def __init__(self):
            self.count = 0

        def __call__(self, execute, sql, params, many, context):
            self.count += 1
            return execute(sql, params, many, context)

    with connection.cursor() as cursor:
        sql = (
            "SELECT s.judge_id, s.submission_id, c.criterion_id, c.value FROM review_score c "
            "JOIN review_scoresheet s ON s.id = c.sheet_id "
            "JOIN review_submission b ON b.id = s.submission_id "
            "WHERE b.event_id = %s AND s.status = 'submitted'"
        )

        def fetch_all():
            cursor.execute(sql, [event_pk])
            return cursor.fetchall()

        bare = best(fetch_all, repeat)

    def page():
        response = client.get(f"/events/{event_pk}/results/")
        assert response.status_code == 200, (response.status_code, response.get("Location"))

    def screen():
        response = client.get(f"/events/{event_pk}/screen/state/")
        assert response.status_code == 200, (response.status_code, response.get("Location"))

    figures = {"bare": bare}
    runs = [
        ("page", page, True),
        ("page cached", page, False),
        ("screen", screen, True),
        ("screen cached", screen, False),
    ]
    for name, fn, clear in runs:
        if clear:
            cache.clear()
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            fn()
        if clear:
            figures[name] = best(lambda fn=fn: (cache.clear(), fn()), repeat)
        else:
            fn()
            figures[name] = best(fn, repeat)
        figures[f"{name} queries"] = queries.count
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--judges", type=int, default=25)
    parser.add_argument("--criteria", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree-sizes", default="100,1000")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
    scratch = tempfile.TemporaryDirectory()
    # Production settings less the HTTPS redirect and the collected-static manifest.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings_test")
    os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test client
    os.environ["SQLITE_PATH"] = str(Path(scratch.name) / "bench.sqlite3")
    import django

    django.setup()
    from django.db import connection

    print(f"database: {connection.vendor}; {args.judges} judges × {args.criteria} criteria; "
          f"best of {args.repeat}")  # fmt: skip
    header = (
        f"{'N':>6} {'scores':>8} {'bare SQL':>9} │ {'page':>8} {'q':>3} {'×bare':>6} │ "
        f"{'cached':>8} {'q':>3} │ {'screen':>8} {'q':>3} │ {'cached':>8} {'q':>3}"
    )
    print(header)
    print("─" * len(header))
    for n in (int(x) for x in args.sizes.split(",")):
        event_pk = generate(n, args.judges, args.criteria)
        f = measure(event_pk, args.repeat)
        print(
            f"{n:>6} {n * args.judges * args.criteria:>8,} {f['bare'] * 1000:>7.0f}ms │ "
            f"{f['page'] * 1000:>6.0f}ms {f['page queries']:>3} {f['page'] / f['bare']:>6.1f} │ "
            f"{f['page cached'] * 1000:>6.0f}ms {f['page cached queries']:>3} │ "
            f"{f['screen'] * 1000:>6.0f}ms {f['screen queries']:>3} │ "
            f"{f['screen cached'] * 1000:>6.0f}ms {f['screen cached queries']:>3}"
        )
    print("targets: the same query count for every N; the 1,000-report page under 500 ms on "
          "SQLite; cost growing linearly with N")  # fmt: skip
    flat_per_score = f["page"] / (n * args.judges * args.criteria)
    tree_rows(args, flat_per_score, n)
    scratch.cleanup()


def tree_rows(args, flat_per_score: float, flat_n: int) -> None:
    """The contest-tree shape: 3 segments × 2 criteria, panels of 25 and 50 judges."""
    judges, criteria = 75, 6
    print("\ncontest tree: 3 segments × 2 criteria, panels of 25 (trimmed, ×0.7) and "
          "50 (mean, ×0.3) judges")  # fmt: skip
    header = (
        f"{'N':>6} {'scores':>9} {'bare SQL':>9} │ {'page':>8} {'q':>3} {'×bare':>6} │ "
        f"{'cached':>8} {'q':>3} │ {'µs/score':>8} {'×flat':>6}"
    )
    print(header)
    print("─" * len(header))
    for n in (int(x) for x in args.tree_sizes.split(",")):
        event_pk = generate_tree(n)
        f = measure(event_pk, args.repeat)
        scores = n * judges * criteria
        per_score = f["page"] / scores
        print(
            f"{n:>6} {scores:>9,} {f['bare'] * 1000:>7.0f}ms │ "
            f"{f['page'] * 1000:>6.0f}ms {f['page queries']:>3} {f['page'] / f['bare']:>6.1f} │ "
            f"{f['page cached'] * 1000:>6.0f}ms {f['page cached queries']:>3} │ "
            f"{per_score * 1e6:>8.2f} {per_score / flat_per_score:>6.2f}"
        )
    print(f"×flat: the computed ranking's time per score against the flat shape's at "
          f"N={flat_n:,}; target ≤ 2, with the same query count at every N")  # fmt: skip


if __name__ == "__main__":
    main()

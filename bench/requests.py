"""One request at a time: what a judge's form, submit and poll cost the server, in-process.

    python bench/requests.py [--judges 40]
    .ci/with-postgres .venv/bin/python bench/requests.py     # the same on PostgreSQL

Builds a live-show event in a scratch database (SQLite, or DATABASE_URL when set) with
production settings, logs each judge in by QR link, then times with Django's test client —
no network, no other load — the scoring form, its submit and the phone's poll, one judge
after another, and prints the medians with the SQL queries each made. These are the service
times the load test's queues are made of (bench/load.py).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judges", type=int, default=40)
    args = parser.parse_args(argv)
    scratch = tempfile.TemporaryDirectory()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "saima.settings",
            "SECRET_KEY": "bench-requests-key",
            "HTTP_ONLY": "1",
            "ALLOWED_HOSTS": "testserver",  # Django's test client
            "SQLITE_PATH": str(Path(scratch.name) / "requests.sqlite3"),
            "STATIC_ROOT": str(Path(scratch.name) / "static"),
        }
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.load import build_event, values_for
    from review.domain.show import open_scoring

    event, criteria, (sub, *_), tokens = build_event(args.judges, 1)
    open_scoring(event, sub, None)
    form_url = f"/events/{event.pk}/judge/{sub.pk}/"
    poll_url = f"/events/{event.pk}/show.json"
    rng = random.Random(7)
    clients = []
    for _seat, token in tokens:
        client = Client()
        client.get(f"/q/{token}/")
        clients.append(client)

    def form(client):
        assert client.get(form_url).status_code == 200

    def poll(client):
        assert client.get(poll_url).status_code == 200

    def submit(client):
        data = {**values_for(rng, criteria), "action": "submit",
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value}  # fmt: skip
        assert client.post(form_url, data).status_code == 302

    warm, timed = clients[:3], clients[3:]
    for client in warm:  # the worker's first requests load what it lazily needs
        poll(client)
        form(client)
        submit(client)
    print(f"database: {connection.vendor}; {len(timed)} judges, one request at a time")
    for name, step in (("poll", poll), ("form", form), ("submit", submit)):
        times, queries = [], []
        for client in timed:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                step(client)
                times.append(time.perf_counter() - started)
            queries.append(len(captured))
        print(f"  {name:7s} median {statistics.median(times) * 1000:5.1f} ms   "
              f"p95 {sorted(times)[int(0.95 * (len(times) - 1))] * 1000:5.1f} ms   "
              f"{statistics.median(queries):.0f} SQL queries")  # fmt: skip
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

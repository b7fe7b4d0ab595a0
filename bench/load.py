"""Nothing lost under load: N judges on the real server submit at the same moment.

    python bench/load.py [--judges 100] [--rounds 3] [--workers 4]
    .ci/with-postgres .venv/bin/python bench/load.py          # the same on PostgreSQL

Starts gunicorn on 127.0.0.1 against a scratch database (SQLite, or DATABASE_URL when set),
then, for each round, opens scoring for one report and has every judge — logged in by their QR
link — load the form and submit. Some judges double-tap (two identical submits at the same
moment); some send a stale second form with other values afterwards. Every request is bounded
by a timeout and the whole run by --limit seconds.

--spread 0 (the default) is the worst case: every judge loads the form at once and, after a
barrier, every judge submits in the same instant. --spread S --think T is the night as it
happens: every phone polls where the show is every 2 s (as the follow script does), picks up
the open report within S seconds, and the judge submits within T seconds after that (default
T = S) as they finish typing, each at a random moment (seeded).

Prints p50/p95/p99 latency of the form and of the submit, and status counts; then checks the
database: exactly one submitted sheet per judge and report, every score equal to what the
winning request sent, no 5xx. Exits 1 if anything was lost, duplicated or failed.
"""

import argparse
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TIMEOUT = 30
POLL_SECONDS = 2  # as static/review/js/follow.js


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


#: A phone closes its side this long after the response has arrived (a Wi-Fi round trip and
#: the phone's own scheduling), emulated on loopback: a server that waits for the client to
#: close after each response (gunicorn 26+'s graceful close) holds a worker that long.
CLOSE_AFTER = float(os.environ.get("BENCH_CLOSE_AFTER_MS", "50")) / 1000


def held_open(response) -> int | None:
    """A duplicate of the response's socket: the phone's side of the connection stays open
    (no FIN) until it is closed, whatever urllib does with its own."""
    try:
        return os.dup(response.fp.raw._sock.fileno())
    except (AttributeError, OSError):
        return None


def close_late(held: int | None) -> None:
    time.sleep(CLOSE_AFTER)
    if held is not None:
        os.close(held)


class Judge:
    """One phone: a cookie jar, its QR link, and what it sent."""

    def __init__(self, base: str, token: str, seat: int):
        self.base, self.token, self.seat = base, token, seat
        self.jar = http.cookiejar.CookieJar()
        self.open = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        ).open

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.open(self.base + path, data=body, timeout=TIMEOUT) as response:
                held = held_open(response)
                status, text = response.status, response.read().decode()
            elapsed = time.perf_counter() - started  # what the person waited for
            close_late(held)
            return status, text, elapsed
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            status, text = error.code, error.read().decode(errors="replace")
        except OSError as error:
            status, text = 0, str(error)
        return status, text, time.perf_counter() - started

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free loopback port with ``env``, answering once it is up."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "saima.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, base


def gunicorn_version() -> str:
    from importlib.metadata import version

    return version("gunicorn")


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()


def build_event(judges: int, rounds: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from common.models import Contestant, Unit
    from review.domain.tokens import issue_token
    from review.models import (
        Appearance,
        Criterion,
        Event,
        Judge,
    )

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `make serve` does
    event = Event.objects.create(
        name="负载测试", code=f"load-{int(time.time())}", status="scoring", live_show=True,
        scoring_seconds=0,
    )  # fmt: skip
    criteria = [
        Criterion.objects.create(event=event, name=f"标准{i}", max_score=Decimal(20), order=i)
        for i in range(1, 6)
    ]
    subs = []
    for i in range(1, rounds + 1):
        unit = Unit.objects.create(name=f"负载单位{event.pk}-{i}")
        person = Contestant.objects.create(name=f"述职人{i}", unit=unit)
        subs.append(Appearance.objects.create(event=event, contestant=person, order=i,
                                              title=f"报告{i}"))  # fmt: skip
    users = get_user_model().objects
    tokens = []
    for seat in range(1, judges + 1):
        user = users.create_user(f"load{event.pk}-{seat}")
        judge = Judge.objects.create(event=event, user=user, display_name=f"评委{seat}", seat=seat)
        tokens.append((seat, issue_token(judge, None)))
    return event, criteria, subs, tokens


def values_for(rng, criteria):
    return {f"c{c.pk}": str(Decimal(rng.randint(20, 40)) / 2) for c in criteria}


def run_round(event, sub, criteria, judges, rng, timings, statuses, sent, spread=0.0, think=0.0):
    """Everyone loads the form, then submits — at once (``spread`` 0) or each at a random
    moment: forms within ``spread`` seconds, submits within ``think`` seconds after them; some
    double-tap, some resend later."""
    from review.domain.show import open_scoring

    open_scoring(event, sub, None)
    path = f"/events/{event.pk}/judge/{sub.pk}/"
    barrier = threading.Barrier(len(judges))
    lock = threading.Lock()
    start = time.monotonic() + 0.2
    moments = {
        judge.seat: (start + rng.uniform(0, spread), start + spread + rng.uniform(0, think))
        for judge in judges
    }
    poll_phase = {judge.seat: start + rng.uniform(0, POLL_SECONDS) for judge in judges}
    poll_path = f"/events/{event.pk}/show.json"

    def wait_until(moment):
        time.sleep(max(0.0, moment - time.monotonic()))

    def note(kind, status, seconds):
        with lock:
            timings.setdefault(kind, []).append(seconds)
            statuses[(kind, status)] += 1

    def poll(judge, done):
        """The phone's follow script: where is the show? every 2 s, until the judge is done."""
        moment = poll_phase[judge.seat]
        while True:
            wait_until(moment)
            if done.is_set():
                return
            status, _text, seconds = judge.request(poll_path)
            note("poll", status, seconds)
            moment += POLL_SECONDS

    def one(judge):
        if spread:  # the night as it goes: the phone follows the show meanwhile
            done = threading.Event()
            poller = threading.Thread(target=poll, args=(judge, done))
            poller.start()
            try:
                act(judge)
            finally:
                done.set()
                poller.join(TIMEOUT + POLL_SECONDS)
        else:
            act(judge)

    def act(judge):
        form_at, submit_at = moments[judge.seat]
        if spread:
            wait_until(form_at)
        status, page, seconds = judge.request(path)
        note("form", status, seconds)
        with lock:
            values = values_for(rng, criteria)
        data = {**values, "action": "submit", "csrfmiddlewaretoken": judge.csrf()}
        copies = 2 if judge.seat % 5 == 0 else 1  # every fifth judge double-taps
        if spread:
            wait_until(submit_at)
        else:
            barrier.wait(timeout=TIMEOUT)
        results = []

        def send():
            results.append(judge.request(path, data))

        threads = [threading.Thread(target=send) for _ in range(copies)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT + 5)
        for status, _text, seconds in results:
            note("submit", status, seconds)
        with lock:
            sent[(judge.seat, sub.pk)] = values
        if judge.seat % 7 == 0:  # a stale second tab with other values
            with lock:
                stale = {**values_for(rng, criteria), "action": "submit",
                         "csrfmiddlewaretoken": judge.csrf()}  # fmt: skip
            status, _text, seconds = judge.request(path, stale)
            note("stale submit", status, seconds)

    threads = [threading.Thread(target=one, args=(j,)) for j in judges]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 3)


def audit(event, subs, judges, sent) -> list[str]:
    from review.models import Score, ScoreSheet

    problems = []
    for sub in subs:
        for judge in judges:
            sheets = ScoreSheet.objects.filter(appearance=sub, judge__seat=judge.seat,
                                               judge__event=event)  # fmt: skip
            if sheets.count() != 1 or not sheets[0].is_submitted:
                problems.append(f"report {sub.order}, judge {judge.seat}: {sheets.count()} sheets")
                continue
            stored = {
                f"c{c}": v
                for c, v in Score.objects.filter(sheet=sheets[0]).values_list(
                    "criterion_id", "value"
                )
            }
            expected = {k: Decimal(v) for k, v in sent[(judge.seat, sub.pk)].items()}
            if stored != expected:
                problems.append(f"report {sub.order}, judge {judge.seat}: {stored} != {expected}")
    return problems


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judges", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--limit", type=int, default=300, help="seconds for the whole run")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which the forms load (0: all at once, then all submit at once)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=None,
        help="seconds over which the submits arrive after the forms (default: --spread)",
    )
    args = parser.parse_args(argv)
    if args.think is None:
        args.think = args.spread
    deadline = time.monotonic() + args.limit

    scratch = tempfile.TemporaryDirectory()
    env = {
        "DJANGO_SETTINGS_MODULE": "saima.settings",
        "SECRET_KEY": "load-test-key",
        "HTTP_ONLY": "1",
        "SQLITE_PATH": str(Path(scratch.name) / "load.sqlite3"),
        "STATIC_ROOT": str(Path(scratch.name) / "static"),
    }
    setup_django(env)
    from django.db import connection

    event, criteria, subs, tokens = build_event(args.judges, args.rounds)
    server, base = start_gunicorn(env, args.workers)
    try:
        judges = [Judge(base, token, seat) for seat, token in tokens]
        statuses, timings, sent = Counter(), {}, {}
        started = time.perf_counter()
        for judge in judges:  # scan the QR code
            status, _text, seconds = judge.request(f"/q/{judge.token}/")
            timings.setdefault("qr login", []).append(seconds)
            statuses[("qr login", status)] += 1
        rng = random.Random(7)
        client_cpu = time.process_time()
        for sub in subs:
            if time.monotonic() > deadline:
                print("stopped: time limit reached")
                break
            run_round(
                event, sub, criteria, judges, rng, timings, statuses, sent, args.spread, args.think
            )
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=20)

    arrival = (
        f"forms over {args.spread:g} s, submits over {args.think:g} s after"
        if args.spread
        else "all at once"
    )
    print(f"{args.judges} judges × {len(subs)} reports on {connection.vendor}, "
          f"gunicorn {args.workers} workers, {arrival}, {wall:.1f} s")  # fmt: skip
    print(f"  gunicorn {gunicorn_version()}; each phone closes {CLOSE_AFTER * 1000:.0f} ms after "
          "its response (a Wi-Fi round trip, emulated on loopback)")  # fmt: skip
    print(f"  the simulated phones themselves used {client_cpu:.1f} s of CPU on the same "
          f"{os.cpu_count()} cores")  # fmt: skip
    for kind, values in timings.items():
        print(f"  {kind:13s} n={len(values):4d}  p50 {percentile(values, 50) * 1000:6.0f} ms  "
              f"p95 {percentile(values, 95) * 1000:6.0f} ms  "
              f"p99 {percentile(values, 99) * 1000:6.0f} ms  mean "
              f"{statistics.mean(values) * 1000:6.0f} ms")  # fmt: skip
    print("  statuses:", ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items())))
    done = [sub for sub in subs if any(pk == sub.pk for _seat, pk in sent)]
    problems = audit(event, done, judges, sent)
    server_errors = sum(n for (_k, s), n in statuses.items() if s >= 500 or s == 0)
    unexpected = sum(
        n for (k, s), n in statuses.items()
        if (k == "submit" and s not in (302, 409)) or (k == "stale submit" and s != 409)
        or (k in ("form", "qr login", "poll") and s not in (200, 302))
    )  # fmt: skip
    print(f"  5xx or no answer: {server_errors}; unexpected statuses: {unexpected}; "
          f"lost or duplicated: {len(problems)}")  # fmt: skip
    for problem in problems[:10]:
        print("   ", problem)
    scratch.cleanup()
    return 1 if problems or server_errors or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())

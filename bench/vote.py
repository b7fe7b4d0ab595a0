"""The audience vote under a hall's worth of phones: nothing lost, nothing counted twice.

    python bench/vote.py [--phones 1000] [--seconds 60] [--workers 4]
    .ci/with-postgres .venv/bin/python bench/vote.py         # the same on PostgreSQL
    REDIS_URL=redis://127.0.0.1:6379/0 python bench/vote.py  # caches in Redis

Starts gunicorn (behind-proxy mode, so each phone's address comes from X-Forwarded-For as nginx
would send it) against a scratch database, opens the 人气奖 vote of a 30-contestant final, and
lets --phones phones arrive: half within the first 5 s after the vote opens, the rest spread
over --seconds. Each phone loads the vote page (its signed cookie and CSRF token) and taps one
contestant; every tenth phone double-taps (two votes at the same moment); one "script" sends
50 votes with fresh cookies from a single address, which the per-address limit must stop. The
big screen polls its vote bars every 2 s meanwhile.

Prints p50/p95/p99 of the page and the vote, and status counts; then checks the database:
every accepted vote stored once with the contestant that phone chose, every double tap counted
once, the script held to the limit, no 5xx. Exits 1 otherwise.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import (  # noqa: E402
    CLOSE_AFTER,
    Judge,
    close_late,
    gunicorn_version,
    held_open,
    percentile,
    setup_django,
    start_gunicorn,
)

#: Half the phones arrive within this many seconds of the vote opening.
RUSH_SECONDS = 5
SCRIPT_VOTES = 50
PER_ADDRESS_LIMIT = 30
SCREEN_POLL_SECONDS = 2


class Phone(Judge):
    """One audience phone: a cookie jar and its own address, as the proxy reports it."""

    def __init__(self, base: str, number: int, address: str):
        super().__init__(base, "", number)
        self.address = address

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"X-Forwarded-For": self.address}
        )
        started = time.perf_counter()
        try:
            with self.open(request, timeout=30) as response:
                held = held_open(response)
                status, text = response.status, response.read().decode()
            elapsed = time.perf_counter() - started  # what the person waited for
            close_late(held)
            return status, text, elapsed
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except OSError as error:
            status, text = 0, str(error)
        return status, text, time.perf_counter() - started


def build_final(contestants: int):
    from django.core.management import call_command

    from common.models import Contestant, Unit
    from review.domain.awards import save_part
    from review.domain.votes import set_poll_options
    from review.models import (
        Appearance,
        AudiencePoll,
        Event,
        SpecialAward,
    )

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    event = Event.objects.create(
        name="投票压力测试", code=f"vote-{int(time.time())}", status=Event.Status.SCORING
    )
    round_ = event.rounds.get()
    subs = []
    for i in range(1, contestants + 1):
        unit = Unit.objects.create(name=f"投票单位{event.pk}-{i}")
        person = Contestant.objects.create(name=f"选手{i}", unit=unit)
        subs.append(Appearance.objects.create(event=event, contestant=person, order=i))
    award = SpecialAward(round=round_, name="最高人气奖", source="audience")
    save_part(event, award, None)
    poll = AudiencePoll.objects.get(award=award)
    set_poll_options(poll, False, PER_ADDRESS_LIMIT, None)
    return event, poll, subs


def arrivals(rng, phones: int, seconds: float) -> list[float]:
    rush = phones // 2
    return sorted(
        [rng.uniform(0, RUSH_SECONDS) for _ in range(rush)]
        + [rng.uniform(RUSH_SECONDS, max(seconds, RUSH_SECONDS)) for _ in range(phones - rush)]
    )


def run(base, event, poll, subs, args):
    """Every phone at its moment; returns timings, statuses and what each accepted vote chose."""
    rng = random.Random(11)
    lock = threading.Lock()
    timings, statuses, chosen = {}, Counter(), []
    path = f"/v/{poll.token}/"
    start = time.monotonic() + 0.5
    moments = arrivals(rng, args.phones, args.seconds)
    picks = [rng.choice(subs[: len(subs) // 2] if rng.random() < 0.6 else subs) for _ in moments]
    finished = threading.Event()

    def note(kind, status, seconds):
        with lock:
            timings.setdefault(kind, []).append(seconds)
            statuses[(kind, status)] += 1

    def phone(number, moment, sub):
        time.sleep(max(0.0, start + moment - time.monotonic()))
        device = Phone(base, number, f"10.{number // 250}.{number % 250}.{7 + number % 3}")
        status, _page, seconds = device.request(path)
        note("page", status, seconds)
        data = {
            "appearance": sub.pk,
            "device": f"device-{number}",
            "csrfmiddlewaretoken": device.csrf(),
        }
        copies = 2 if number % 10 == 0 else 1
        results = []
        taps = [
            threading.Thread(target=lambda: results.append(device.request(path, data)))
            for _ in range(copies)
        ]
        for tap in taps:
            tap.start()
        for tap in taps:
            tap.join(40)
        for status, _text, seconds in results:
            note("vote", status, seconds)
        with lock:
            chosen.extend(sub.pk for status, _t, _s in results if status == 200)
            if copies == 2:
                statuses[("double tap accepted", sum(s == 200 for s, _t, _x in results))] += 1

    def script():
        """Fresh cookies and device ids, one address: the per-address limit must hold."""
        time.sleep(max(0.0, start + 1 - time.monotonic()))
        for i in range(SCRIPT_VOTES):
            bot = Phone(base, 10**6 + i, "203.0.113.9")
            bot.request(path)
            data = {"appearance": subs[-1].pk, "device": f"bot-{i}",
                    "csrfmiddlewaretoken": bot.csrf()}  # fmt: skip
            status, _text, seconds = bot.request(path, data)
            note("script vote", status, seconds)
            if status == 200:
                with lock:
                    chosen.append(subs[-1].pk)

    def screen():
        viewer = Phone(base, -1, "10.255.0.1")
        while not finished.is_set():
            status, _text, seconds = viewer.request(f"/events/{event.pk}/screen/vote/")
            note("screen bars", status, seconds)
            finished.wait(SCREEN_POLL_SECONDS)

    threading.stack_size(256 * 1024)
    threads = [
        threading.Thread(target=phone, args=(n, m, s))
        for n, (m, s) in enumerate(zip(moments, picks, strict=True), start=1)
    ]
    helpers = [threading.Thread(target=script), threading.Thread(target=screen)]
    for t in threads + helpers:
        t.start()
    for t in threads:
        t.join(args.seconds + 120)
    helpers[0].join(120)
    finished.set()
    helpers[1].join(10)
    return timings, statuses, chosen


def audit(poll, chosen, statuses) -> list[str]:
    from review.models import AudienceVote

    problems = []
    stored = Counter(AudienceVote.objects.filter(poll=poll).values_list("appearance_id", flat=True))
    if stored != Counter(chosen):
        problems.append(f"stored {sum(stored.values())} votes, accepted {len(chosen)}")
    if statuses[("double tap accepted", 2)]:
        problems.append(f"{statuses[('double tap accepted', 2)]} double taps counted twice")
    if statuses[("double tap accepted", 0)]:
        problems.append(f"{statuses[('double tap accepted', 0)]} double taps lost both votes")
    script_ok = statuses[("script vote", 200)]
    if script_ok != PER_ADDRESS_LIMIT:
        problems.append(f"the script got {script_ok} votes past a limit of {PER_ADDRESS_LIMIT}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--contestants", type=int, default=30)
    args = parser.parse_args(argv)

    scratch = tempfile.TemporaryDirectory()
    env = {
        "DJANGO_SETTINGS_MODULE": "saima.settings",
        "SECRET_KEY": "vote-bench-key",
        "HTTP_ONLY": "1",
        "BEHIND_PROXY": "1",
        "SQLITE_PATH": str(Path(scratch.name) / "vote.sqlite3"),
        "STATIC_ROOT": str(Path(scratch.name) / "static"),
    }
    setup_django(env)
    from django.conf import settings
    from django.db import connection

    from review.domain.votes import set_poll_state

    event, poll, subs = build_final(args.contestants)
    server, base = start_gunicorn(env, args.workers)
    try:
        set_poll_state(poll, "open", None)
        started, client_cpu = time.perf_counter(), time.process_time()
        timings, statuses, chosen = run(base, event, poll, subs, args)
        wall, client_cpu = time.perf_counter() - started, time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=20)

    cache = "Redis" if "redis" in settings.CACHES["default"]["BACKEND"].lower() else "database"
    print(f"{args.phones} phones voting on {connection.vendor} (cache: {cache}), gunicorn "
          f"{args.workers} workers, half within {RUSH_SECONDS} s, all within "
          f"{args.seconds:g} s; {wall:.1f} s")  # fmt: skip
    print(f"  gunicorn {gunicorn_version()}; each phone closes {CLOSE_AFTER * 1000:.0f} ms after "
          "its response (a Wi-Fi round trip, emulated on loopback)")  # fmt: skip
    print(f"  the simulated phones themselves used {client_cpu:.1f} s of CPU on the same "
          f"{os.cpu_count()} cores")  # fmt: skip
    for kind, values in timings.items():
        print(f"  {kind:12s} n={len(values):5d}  p50 {percentile(values, 50) * 1000:6.0f} ms  "
              f"p95 {percentile(values, 95) * 1000:6.0f} ms  "
              f"p99 {percentile(values, 99) * 1000:6.0f} ms  mean "
              f"{statistics.mean(values) * 1000:6.0f} ms")  # fmt: skip
    print("  statuses:", ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items())))
    problems = audit(poll, chosen, statuses)
    server_errors = sum(n for (k, s), n in statuses.items() if isinstance(s, int) and
                        (s >= 500 or s == 0) and k != "double tap accepted")  # fmt: skip
    unexpected = sum(
        n for (k, s), n in statuses.items()
        if (k == "page" and s != 200) or (k == "vote" and s not in (200, 409))
        or (k == "script vote" and s not in (200, 429)) or (k == "screen bars" and s != 200)
    )  # fmt: skip
    print(f"  votes stored: {len(chosen)}; 5xx or no answer: {server_errors}; "
          f"unexpected statuses: {unexpected}; lost or counted twice: {len(problems)}")  # fmt: skip
    for problem in problems:
        print("   ", problem)
    scratch.cleanup()
    return 1 if problems or server_errors or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())

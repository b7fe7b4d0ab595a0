"""Fifty inspectors upload their problems at once: three photos of about 3 MB each, on gunicorn.

    python bench/uploads.py [--inspectors 50] [--photos 3] [--workers 4]
    .ci/with-postgres .venv/bin/python bench/uploads.py          # the same on PostgreSQL

Starts gunicorn on 127.0.0.1 against a scratch database (SQLite, or DATABASE_URL when set) with
a units season, a made draw and one inspector per inspecting unit. Every inspector logs in by
their QR link and opens the form; after a barrier all send their problem at the same moment
(multipart, the photos as a phone that could not shrink them would: ~3 MB JPEGs of noise). Then
half of them send the same problem again (the answer was lost on the way back). Prints p50/p95
of the sends and the statuses; checks the database: one problem per inspector, every photo
kept, re-encoded, none twice. Exits 1 if anything was lost, duplicated or failed."""

import argparse
import io
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import Judge, percentile, setup_django, start_gunicorn  # noqa: E402


def noise_jpeg(rng: random.Random, size=(2048, 1536)) -> bytes:
    """Noise compresses badly: a JPEG of about 3 MB, as a phone camera's."""
    from PIL import Image

    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = f"----saima{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())  # fmt: skip
    for name, filename, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
                     + data + b"\r\n")  # fmt: skip
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Inspector(Judge):
    def send(self, path, body, content_type):
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.base + path, data=body, headers={
            "Content-Type": content_type, "Accept": "application/json",
            "X-CSRFToken": self.csrf(), "Referer": self.base + path,
        })  # fmt: skip
        started = time.perf_counter()
        try:
            with self.open(request, timeout=120) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        return status, time.perf_counter() - started


def build(inspectors: int):
    from django.core.management import call_command

    from common.models import Unit
    from inspection.domain.draws import Constraints, commit, make
    from inspection.domain.inspectors import add_inspector
    from season.domain.seasons import create_season
    from tests.factories.accounts import make_user

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `make serve` does
    organiser = make_user("uploads-organiser", staff=True)
    units = Unit.objects.bulk_create(Unit(name=f"上传单位{i:03d}") for i in range(inspectors))
    season = create_season(code="uploads", name="上传基准", kind="units", actor=organiser,
                           subjects=units, preset="cross_inspection")  # fmt: skip
    march = season.periods.get(order=3)
    commit(march, Constraints(per_inspected=1), organiser)
    draw = make(march, organiser)
    seats = []
    for pair in draw.pairs.order_by("order"):
        seat = add_inspector(season, pair.inspector, f"检查员{pair.order}", organiser)
        seats.append((seat.login_token, season.pk, pair.pk))
    return seats


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspectors", type=int, default=50)
    parser.add_argument("--photos", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    scratch = tempfile.TemporaryDirectory()
    env = {
        "DJANGO_SETTINGS_MODULE": "saima.settings", "SECRET_KEY": "uploads-bench-key",
        "HTTP_ONLY": "1", "SQLITE_PATH": str(Path(scratch.name) / "uploads.sqlite3"),
        "STATIC_ROOT": str(Path(scratch.name) / "static"),
        "MEDIA_ROOT": str(Path(scratch.name) / "media"),
    }  # fmt: skip
    setup_django(env)
    rng = random.Random(7)
    seats = build(args.inspectors)
    photos = [noise_jpeg(rng) for _ in range(args.photos)]
    from django.db import connection

    connection.close()  # the server's workers write to the same SQLite file
    server, base = start_gunicorn(env, args.workers)
    statuses, sends, keys = Counter(), [], {}
    try:
        phones = []
        for token, season_pk, pair_pk in seats:
            phone = Inspector(base, token, 0)
            status, _t, _s = phone.request(f"/i/{token}/")
            statuses[("qr login", status)] += 1
            status, _t, _s = phone.request(f"/seasons/{season_pk}/inspect/{pair_pk}/new/")
            statuses[("form", status)] += 1
            phones.append((phone, f"/seasons/{season_pk}/inspect/{pair_pk}/new/"))
        barrier = threading.Barrier(len(phones))

        def work(n, phone, path, again=False):
            key = keys.setdefault(n, str(uuid.uuid4()))
            body, kind = multipart(
                {"key": key, "category": "safety", "description": f"基准问题{n}",
                 "place": f"{n}号楼", "responsible": "张三", "phone": "13800000000"},
                [("photos", f"p{k}.jpg", data) for k, data in enumerate(photos)],
            )  # fmt: skip
            if not again:
                barrier.wait()
            status, seconds = phone.send(path, body, kind)
            statuses[("send again" if again else "send", status)] += 1
            if not again:
                sends.append(seconds)

        started = time.perf_counter()
        threads = [threading.Thread(target=work, args=(n, p, path))
                   for n, (p, path) in enumerate(phones)]  # fmt: skip
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        for n, (phone, path) in enumerate(phones[::2]):
            work(n * 2, phone, path, again=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    from inspection.models import Photo, Problem

    problems, kept = Problem.objects.count(), Photo.objects.count()
    sizes = {p.image.size for p in Photo.objects.all()[:5]}
    mb = len(photos[0]) / 2**20
    print(f"{len(phones)} inspectors at once, {args.photos} photos of {mb:.1f} MB each "
          f"({len(phones) * args.photos * mb:.0f} MB in {wall:.1f} s), gunicorn "
          f"{args.workers} workers")  # fmt: skip
    p50, p95 = percentile(sends, 50) * 1000, percentile(sends, 95) * 1000
    print(f"  send          n={len(sends):4d}  p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  "
          f"max {max(sends) * 1000:7.0f} ms")  # fmt: skip
    print(f"  statuses: {dict(sorted((f'{k[0]} {k[1]}', v) for k, v in statuses.items()))}")
    print(f"  kept: {problems} problems, {kept} photos (re-encoded: {sorted(sizes)[:2]} bytes)")
    failed = [k for k in statuses if k[1] >= 400 or k[1] == 0]
    if problems != len(phones) or kept != len(phones) * args.photos or failed:
        print(f"FAILED: {problems} problems, {kept} photos, failed statuses {failed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How the draw (抽签) holds up: 1,000 inspecting × 1,000 inspected units with every constraint.

    python bench/draw.py [--units 1000] [--per 3] [--districts 50] [--conflicts 300] [--recent 3]

Each unit is inspected by ``--per`` others; units of one district never meet; ``--conflicts``
declared pairs; no pair of the last ``--recent`` periods again (their draws made first, in a
chain, as a season would); no reciprocal pair. Prints the draw's time (best of three) beside
the time to check its pairs against every constraint, and fails if a pair breaks one."""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.draw import ALGORITHM, Request, draw  # noqa: E402
from common.draw.assign import broken  # noqa: E402


def request(units, per, districts, conflicts, recent) -> Request:
    keys = tuple(f"unit-{i:04d}" for i in range(units))
    return Request(
        keys,
        keys,
        per,
        conflicts=frozenset((keys[i], keys[(i * 7 + 3) % units]) for i in range(conflicts)),
        districts={k: f"district-{i % districts}" for i, k in enumerate(keys)},
        recent=frozenset(recent),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--per", type=int, default=3)
    parser.add_argument("--districts", type=int, default=50)
    parser.add_argument("--conflicts", type=int, default=300)
    parser.add_argument("--recent", type=int, default=3)
    args = parser.parse_args()
    earlier: list[tuple[str, str]] = []
    for period in range(args.recent):
        made = request(args.units, args.per, args.districts, args.conflicts, earlier)
        earlier += draw(made, f"period-{period}".encode())
    final = request(args.units, args.per, args.districts, args.conflicts, earlier)
    times, checks = [], []
    for _ in range(3):
        started = time.perf_counter()
        pairs = draw(final, b"bench seed")
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        problems = broken(final, pairs)
        checks.append(time.perf_counter() - started)
    best, check = min(times), min(checks)
    print(f"draw {ALGORITHM}: {args.units:,} inspecting × {args.units:,} inspected units, "
          f"{args.per} inspectors each, {args.districts} districts, {args.conflicts} declared "
          f"conflicts, {len(earlier):,} pairs of {args.recent} earlier periods barred, no "
          "reciprocal pair")  # fmt: skip
    print(f"pairs drawn                       : {len(pairs):8,d}")
    print(f"draw                              : {best * 1000:8.0f} ms   target < 2,000 ms "
          f"(×{best / 2:.2f} of it)")  # fmt: skip
    print(f"checking its pairs against all    : {check * 1000:8.0f} ms   the draw takes "
          f"×{best / check:.1f} that")  # fmt: skip
    if problems:
        sys.exit(f"FAILED: {problems[:5]}")


if __name__ == "__main__":
    main()

"""The short load test: the real server, judges submitting at once, nothing lost or duplicated.
Runs on whichever database this test run uses (DATABASE_URL), like the rest of the suite."""

import subprocess
import sys

from django.conf import settings


def test_nothing_is_lost_or_duplicated_under_concurrent_submits():
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--judges", "24", "--rounds", "2", "--limit", "120"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lost or duplicated: 0" in result.stdout
    assert "5xx or no answer: 0" in result.stdout
    # Every fifth judge double-tapped: one submit landed (302), the other was refused (409).
    assert "submit 409: 8" in result.stdout, result.stdout


def test_a_short_audience_vote_counts_every_phone_once():
    """bench/vote.py's short form: 150 phones (half in the first 5 s), double taps and a
    single-address script, on gunicorn and this run's database and cache."""
    result = subprocess.run(
        [sys.executable, "bench/vote.py", "--phones", "150", "--seconds", "8"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lost or counted twice: 0" in result.stdout
    assert "5xx or no answer: 0" in result.stdout
    # 15 double taps: one vote each; the script was held to the per-address limit of 30.
    assert "double tap accepted 1: 15" in result.stdout, result.stdout
    assert "script vote 200: 30, script vote 429: 20" in result.stdout, result.stdout
    assert "votes stored: 180" in result.stdout

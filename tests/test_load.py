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

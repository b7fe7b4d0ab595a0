"""Two test runs in one checkout (or on one database server) each have a database of their own:
a second run neither fails on this one's database nor removes it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from common.models import Unit


@pytest.mark.django_db(transaction=True)
def test_a_second_run_meanwhile_leaves_this_runs_database_alone():
    Unit.objects.create(name="本次运行的单位")
    second = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/review/test_models.py",
        ],
        cwd=settings.BASE_DIR,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-2000:]
    if connection.vendor == "sqlite":
        assert Path(connection.settings_dict["NAME"]).exists()
    connection.close()
    assert Unit.objects.filter(name="本次运行的单位").exists()

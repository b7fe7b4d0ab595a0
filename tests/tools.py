"""External programs some tests need. Missing one skips the test on a developer's machine and
fails it in CI (``CI`` set), where `.ci/run` installs it."""

import os
import shutil

import pytest


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{message} — it must be present in CI", pytrace=False)
        pytest.skip(message)
    return path

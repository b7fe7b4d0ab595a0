"""The contest's workbooks and PDFs (``common.exports`` writes their numbers exactly)."""

import common.exports  # noqa: F401 — installs the exact number writer

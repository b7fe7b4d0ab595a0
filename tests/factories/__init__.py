"""Everything tests build, in one place: accounts (``accounts``), contests (``contest``),
seasons (``season``) and browser pages (``browser``). Tests import builders from here, never
from another test module."""

from tests.factories.accounts import PASSWORD, client_for, make_user  # noqa: F401
from tests.factories.contest import (  # noqa: F401
    HALVES,
    build_event,
    give,
    seed_004_contest,
    submit_sheet,
    two_segments_two_panels,
)

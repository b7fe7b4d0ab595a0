"""Imports: the roster workbook, read while it streams in and applied all or nothing.

``import_roster`` is the one entry point, for the roster page and ``manage.py import_roster``:
``columns`` defines the sheets (and the template, ``exports.roster``), ``roster`` reads and
checks every cell, ``domain.roster`` applies a clean roster to one round.
"""


def import_roster(event, data: bytes, round_=None):
    """Check, then apply; raises ``RosterInvalid`` with every problem, saving nothing."""
    # Imported here: ``domain.roster`` itself imports this package's reader.
    from common.models import Unit
    from review.domain.roster import apply_roster
    from review.imports.roster import read_roster

    roster = read_roster(data, set(Unit.objects.values_list("name", flat=True)))
    return apply_roster(event, roster, round_)

"""Workbook helpers every app's exports share. Numbers go into every workbook as exact decimal
text (``numbers``), installed as soon as any export is imported."""

from common.exports import numbers

numbers.install()

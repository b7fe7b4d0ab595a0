"""The workbooks and PDFs we write. Numbers go into every workbook as exact decimal text
(``numbers``)."""

from review.exports import numbers

numbers.install()

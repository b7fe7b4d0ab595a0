import common.exports  # noqa: F401 — installs the exact number writer for every workbook

"""Cells no spreadsheet runs as a formula, for every export of what readers
and editors wrote: the public CSV of comments and the admin's CSV and XLSX.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - or @,
or with a tab or line break; some pass over spaces, quotes and invisible
characters first, and some read full-width and other look-alike forms
(＝ ﹦ ⁼) as the plain sign. Such a cell is kept whole behind an apostrophe,
which every spreadsheet reads as "this is text"."""

import unicodedata

FORMULA_SIGNS = frozenset("=+-@\u2212")  # \u2212 is the minus sign
LINE_STARTS = ("\t", "\r", "\n")
QUOTES = frozenset("\"'`‘’‚‛“”„‟«»")


def runs_as_formula(text):
    """Whether a spreadsheet might run text as a formula."""
    if text.startswith(LINE_STARTS):
        return True
    for character in text:
        folded = unicodedata.normalize("NFKC", character)
        if folded.isspace() or folded in QUOTES:
            continue
        if unicodedata.category(character) in ("Cc", "Cf", "Mn"):
            continue  # invisible, or a mark on nothing
        return folded[0] in FORMULA_SIGNS
    return False


def safe_cell(value):
    """value as a cell no spreadsheet will run as a formula."""
    value = str(value)
    return f"'{value}" if runs_as_formula(value) else value

"""Reading the quick-answer tables and stance tables off a page, as a reader
would: by caption, row by row."""

import html
import re


def tables(page, caption):
    """Every table with this caption: [[row cells as text]] each, head,
    body and foot rows in order."""
    found = []
    for table in re.findall(r"<table.*?</table>", page, re.S):
        match = re.search(r"<caption>(.*?)</caption>", table, re.S)
        if not match or match.group(1).strip() != caption:
            continue
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            rows.append(
                [html.unescape(re.sub(r"<[^>]*>", "", c)).strip() for c in cells]
            )
        found.append(rows)
    return found


def by_label(table):
    """{first cell: the rest} for the rows of a table, head left out."""
    return {row[0]: row[1:] for row in table[1:]}

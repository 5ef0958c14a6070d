"""Log lines an operator can grep and a privacy officer can read: one line a
record, without e-mail addresses, client addresses, comment text, query
strings or the links that carry them."""

import logging
import re
import traceback
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

HEX = "[0-9A-Fa-f]{1,4}"
PREFIX = r"(?:/\d{1,3})?"
REDACTIONS = [
    # a query string may hold anything a reader typed (a search, an address)
    (re.compile(r"(/[^\s?]*)\?\S*"), r"\1"),
    # confirmation and mute links are keys to one commenter's comment or e-mails
    (re.compile(r"(/comments/(?:confirm|mute)/)[^/\s?]+"), r"\1[link]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # client addresses: IPv4, then IPv6 in full, then shortened with "::" (a
    # network's too); times have too few colons to match
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b"), "[address]"),
    (re.compile(rf"(?<![\w:])(?:{HEX}:){{3,7}}{HEX}{PREFIX}(?![\w:])"), "[address]"),
    (
        re.compile(
            rf"(?<![\w:])(?:(?:{HEX}:)*{HEX}::(?:{HEX}:)*(?:{HEX})?|::(?:{HEX}:)*{HEX})"
            rf"{PREFIX}(?![\w:])"
        ),
        "[address]",
    ),
]


def redact(text):
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def where_raised(exception):
    """file:line of the project's innermost frame in the traceback."""
    frames = traceback.extract_tb(exception.__traceback__)
    ours = [
        frame
        for frame in frames
        if frame.filename.startswith(str(PROJECT_ROOT))
        and "site-packages" not in frame.filename
    ]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return ""
    path = Path(frame.filename)
    if path.is_relative_to(PROJECT_ROOT):
        path = path.relative_to(PROJECT_ROOT)
    return f" at {path}:{frame.lineno}"


def summary(exception):
    """ " [ValueError at articles/views.py:112]": the exception's type and where
    it was raised, never its message, which may quote personal data."""
    return f" [{type(exception).__name__}{where_raised(exception)}]"


class OneLineFormatter(logging.Formatter):
    """An exception shows its type and where it was raised: never its message
    (which may quote personal data) and never a multi-line traceback."""

    def format(self, record):
        record.message = redact(record.getMessage())
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        line = self.formatMessage(record)
        if record.exc_info and record.exc_info[1] is not None:
            line += summary(record.exc_info[1])
        return line.replace("\r", "\\r").replace("\n", "\\n")


def logging_settings(level):
    """Django's LOGGING: one line a record on standard output, through
    OneLineFormatter, and errors to ADMINS in the same form, with Django's own
    handlers (tracebacks, unredacted mail to admins) left out."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "one_line": {
                "()": "insight.log.OneLineFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "one_line",
            },
            # to ADMINS, if there are any, through the mail queue
            "mail_admins": {"class": "background.log.QueuedAdminEmailHandler"},
        },
        "root": {"handlers": ["stdout", "mail_admins"], "level": level},
        # Django's own handlers would print tracebacks and e-mail admins.
        "loggers": {"django": {"handlers": [], "level": level, "propagate": True}},
    }

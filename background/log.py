"""Errors e-mailed to ADMINS through the mail queue, never in the request
that failed. Each is the log's own line, with the log's redactions: no
addresses, comment text or tracebacks."""

import logging

from django.conf import settings

from insight.log import OneLineFormatter, redact

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class QueuedAdminEmailHandler(logging.Handler):
    def __init__(self, level=logging.ERROR):
        super().__init__(level)
        self.setFormatter(OneLineFormatter(FORMAT))

    def emit(self, record):
        if (
            not settings.ADMINS
            or record.name.startswith("background")
            or "background.mail" in record.getMessage()
        ):
            return  # nothing asked for, or the queue itself failing
        from django.db import DatabaseError, transaction

        from background.mail import new_event, queue_mail

        if isinstance(record.exc_info and record.exc_info[1], DatabaseError):
            return  # the queue is in the database: it could not be queued
        message = (redact(record.getMessage()).splitlines() or [""])[0][:150]
        try:
            with transaction.atomic():
                queue_mail(
                    new_event("error"),
                    f"[{settings.SITE_NAME}] {record.levelname}: {message}",
                    self.format(record),
                    settings.SERVER_EMAIL,
                    [address for _, address in settings.ADMINS],
                )
        except Exception:
            logging.getLogger("background.log").warning(
                "An error report could not be queued", exc_info=True
            )

"""An e-mail backend that always fails, like an SMTP server that is down."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down (test backend)")


class FailingForOneAddressBackend(BaseEmailBackend):
    """Fails every message to FAILING_ADDRESS, as a full mailbox would, and
    delivers the others to the test outbox."""

    FAILING_ADDRESS = "broken@example.org"

    def send_messages(self, email_messages):
        from django.core import mail

        sent = 0
        for message in email_messages:
            if self.FAILING_ADDRESS in message.recipients():
                raise SMTPRecipientsRefused({self.FAILING_ADDRESS: (552, b"Full")})
            mail.outbox.append(message)
            sent += 1
        return sent

"""The <id:...> and <mailbox:...> path converters, registered on import by the
modules that use them."""

from django.urls import register_converter


class IdConverter:
    """A comment id: digits that fit every database's integer; larger is a 404."""

    regex = "[0-9]{1,18}"
    to_python = staticmethod(int)
    to_url = staticmethod(str)


register_converter(IdConverter, "id")


class MailboxDigestConverter:
    """A commenter: the keyed hash of their mailbox (pending.recipient_digest)."""

    regex = "[0-9a-f]{64}"
    to_python = staticmethod(str)
    to_url = staticmethod(str)


register_converter(MailboxDigestConverter, "mailbox")

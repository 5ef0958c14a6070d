"""The <id:...> path converter, registered on import by the modules that use it."""

from django.urls import register_converter


class IdConverter:
    """A comment id: digits that fit every database's integer; larger is a 404."""

    regex = "[0-9]{1,18}"
    to_python = staticmethod(int)
    to_url = staticmethod(str)


register_converter(IdConverter, "id")

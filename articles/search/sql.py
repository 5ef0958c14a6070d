"""What the search backends share: the marks around matched words in the
text they return, and the querysets' rules as SQL."""

from django.db import connection

# Private-use characters, which no text holds: marked() turns them into <mark>.
START_MARK = "\ue000"
STOP_MARK = "\ue001"


def where_of(queryset):
    """The queryset's WHERE clause and its parameters, so that the backends'
    SQL applies the same rules (who may see what) as the querysets do. It
    names the queryset's tables as they are, without aliases."""
    compiler = queryset.query.get_compiler(connection=connection)
    return compiler.compile(queryset.query.where)

"""Paging for admin lists that grow without end, such as the comments."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts rows only up to a cap: past it, the exact number of a million
    comments is not worth reading them all on every page load. Past the cap
    the list says "more than", and pages beyond it are reached by filtering
    or searching."""

    # Moderators work a page of 50 at a time, oldest first: past a thousand,
    # the exact number changes nothing they do, and counting stops cheaply
    # (a few milliseconds with a million comments, against hundreds for ten
    # thousand).
    cap = 1_000

    @cached_property
    def count(self):
        # which rows are counted does not matter, so neither does the order
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def cap_text(self):
        return f"{self.cap:,}"

    @property
    def is_capped(self):
        return self.count > self.cap

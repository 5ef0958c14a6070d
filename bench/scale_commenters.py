"""The commenters of the seeding at scale: COMMENTERS mailboxes, each
written three ways, so the commenter pages and counts gather every spelling."""

from discussion.models.pending import recipient_digest

COMMENTERS = 40_000

# A commenter's number, and which of three spellings of their mailbox the
# comment came from (the rounds of COMMENTERS ids take turns).
COMMENTER = f"mod(id, {COMMENTERS})"
USER_EMAIL = f"""CASE mod(id / {COMMENTERS}, 3)
    WHEN 0 THEN 'reader' || {COMMENTER} || '@example.org'
    WHEN 1 THEN 'Reader' || {COMMENTER} || '@Example.ORG'
    ELSE 'reader' || {COMMENTER} || '+news@example.org' END"""


def commenter_email(number):
    return f"reader{number}@example.org"


def commenter_digests():
    """Each commenter's mailbox hash, by number, as ArticleComment.save()
    makes it (recipient_digest); checked against the other two spellings."""
    digests = [recipient_digest(commenter_email(n)) for n in range(COMMENTERS)]
    for number in (0, COMMENTERS - 1):
        for other in (
            f"Reader{number}@Example.ORG",
            f"reader{number}+news@example.org",
        ):
            assert recipient_digest(other) == digests[number], other
    return digests

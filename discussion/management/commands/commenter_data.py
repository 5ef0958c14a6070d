import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from discussion.models import (
    ArticleComment,
    CommentReport,
    ModeratorNote,
    PendingComment,
)
from discussion.models.pending import recipient_digest
from discussion.normalise import mailbox

ERASED_NAME = "Removed"


class Command(BaseCommand):
    help = (
        "Answer a privacy request for one commenter, found by e-mail address: "
        "--export prints everything held about them as JSON; --erase removes "
        "their name, e-mail address, IP addresses and comment text, keeping "
        "replies readable under 'comment removed at the author's request'. "
        "Quick answers to points are not linked to an e-mail address, so this "
        "command cannot find them: readers withdraw their own from the "
        "'Withdraw all your answers' page (discussion:withdraw-answers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true")
        action.add_argument("--erase", action="store_true")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, email, export, erase, dry_run, **options):
        email = email.strip()
        if "@" not in email:
            raise CommandError("Give the commenter's e-mail address.")
        addresses = addresses_of_mailbox(email)
        comments = (
            ArticleComment.objects.filter(user_email__in=addresses)
            .select_related("article", "perspective", "point")
            .order_by("submit_date")
        )
        if export:
            pending = PendingComment.objects.filter(user_email__in=addresses)
            self.stdout.write(
                json.dumps(self._export(email, comments, pending), indent=2)
            )
            return
        count = comments.count()
        if dry_run:
            self.stdout.write(f"Would erase {count} comment(s) by this commenter.")
            return
        pending = PendingComment.objects.filter(user_email__in=addresses)
        with transaction.atomic():
            # their links then publish nothing: a used or unknown token never does
            pending.delete()
            CommentReport.objects.filter(comment__in=comments).delete()
            # moderators' notes may name them or quote them
            ModeratorNote.objects.filter(comment__in=comments).delete()
            # and notes on the commenter, kept under their mailbox's digest
            # (taken before erasing, which blanks the comments' digests)
            ModeratorNote.objects.filter(
                commenter__in={recipient_digest(each) for each in {email, *addresses}}
            ).delete()
            # Saved one by one, so the pages showing them are rendered afresh.
            for comment in comments:
                comment.user_name = ERASED_NAME
                comment.user_email = ""
                comment.user_url = ""
                comment.comment = ""
                comment.original_comment = ""
                comment.ip_address = None
                comment.followup = False
                comment.stance = ""
                comment.is_featured = False
                comment.is_removed = True
                comment.is_erased = True
                comment.save()
        self.stdout.write(f"Erased {count} comment(s) by this commenter.")

    def _export(self, email, comments, pending):
        return {
            "email": email,
            "comments": [
                {
                    "article": comment.article.title,
                    "url": comment.get_absolute_url(),
                    "name": comment.user_name,
                    "email": comment.user_email,
                    "comment": comment.comment,
                    "comment_as_first_sent": comment.original_comment,
                    "perspective": str(comment.perspective or ""),
                    "point": comment.point.text if comment.point else "",
                    "stance": comment.get_stance_display() if comment.stance else "",
                    "featured": comment.is_featured,
                    "sent_at": comment.submit_date.isoformat(),
                    "ip_address": comment.ip_address,
                    "follow_up_emails": comment.followup,
                    "status": comment.get_status_display().lower(),
                }
                for comment in comments
            ],
            "comments_not_yet_confirmed": [
                {
                    "article": comment.article.title,
                    "name": comment.user_name,
                    "email": comment.user_email,
                    "comment": comment.comment,
                    "stance": comment.stance,
                    "sent_at": comment.submitted_at.isoformat(),
                    "ip_address": comment.ip_address,
                    "link_expires_at": comment.expires_at.isoformat(),
                }
                for comment in pending.select_related("article")
            ],
        }


def addresses_of_mailbox(email):
    """Every address stored that reaches the same mailbox as email, however it
    was written: "Erin+news@EXAMPLE.org." is Erin's too, as the limits on
    confirmation e-mails already count it."""
    wanted = mailbox(email)
    stored = set(
        ArticleComment.objects.exclude(user_email="").values_list(
            "user_email", flat=True
        )
    ) | set(PendingComment.objects.values_list("user_email", flat=True))
    return {address for address in stored if mailbox(address) == wanted}

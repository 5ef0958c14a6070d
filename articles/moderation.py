from django_comments_xtd.moderation import SpamModerator, moderator


class ArticleModerator(SpamModerator):
    """Decides whether a comment may be posted, and whether it is held.

    SpamModerator refuses e-mail domains on xtd's blocklist.
    """

    def allow(self, comment, content_object, request):
        if not content_object.comments_are_open():
            return False
        return super().allow(comment, content_object, request)

    def moderate(self, comment, content_object, request):
        return super().moderate(comment, content_object, request)


def register():
    from .models import Article

    moderator.register(Article, ArticleModerator)

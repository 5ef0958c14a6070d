"""The discussion under an article, as the article page shows it: one
DiscussionSection, which templates/discussion/_discussion.html renders."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django_comments_xtd.conf import settings as xtd_settings

from articles.models import Article, Perspective

from .forms import CommentForm
from .models import ModerationPolicy, QuickAnswer, Stance
from .small_numbers import counted
from .summary import point_comments, stances_in_words
from .threads import Discussion, discussion_for

# "Showing 3 comments whose writers say they agree with the point"
STANCE_FILTER_PHRASES = {
    Stance.AGREE: "agree with the point",
    Stance.DISAGREE: "disagree with the point",
    Stance.MIXED: "have mixed views on the point",
}


@dataclass
class DiscussionSection:
    """Everything the article page shows of its discussion, for one query
    (a perspective or a point to filter by, a stance, a page, a point to
    respond to)."""

    name = "discussion"
    template_name = "discussion/_discussion.html"

    discussion: Discussion | None  # None when the query names what is not there
    policy: ModerationPolicy
    comments_open: bool
    form: CommentForm | None
    perspectives: list
    shown_perspective: Perspective | None = None
    shown_point: object = None
    shown_stance: str = ""
    respond_to: object = None
    max_thread_level: int = field(
        default_factory=lambda: xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    )
    # the quick-answer buttons: the same for every reader (the benchmark
    # leaves them out to time what they cost)
    answers_shown: bool = True
    answer_choices: list = field(default_factory=lambda: QuickAnswer.Answer.choices)
    # a preview (a draft, a scheduled article or an unsaved form) whose
    # readers will be able to comment once it is published: the form shows,
    # but nothing can be sent from it
    opens_when_published: bool = False

    @property
    def shown_stance_phrase(self):
        return STANCE_FILTER_PHRASES.get(self.shown_stance, "")

    @property
    def stance_links(self):
        """(value, label, comments) for each stance a reader can filter by."""
        counts = self.discussion.stance_counts
        return [(value, label, counts.get(value, 0)) for value, label in Stance.choices]

    @staticmethod
    def linked_query(linked):
        """The query the site's own links make for what is asked: a
        perspective or a point, a stance, then a page number; or a point to
        respond to, alone."""
        if "respond" in linked:
            return {"respond": linked["respond"]}
        if "perspective" in linked:
            linked.pop("point", None)
        return linked

    @property
    def shown_query(self):
        """The query the site's own links make for what the section shows.
        Values the article does not have are simply not shown."""
        shown = {}
        if self.shown_perspective:
            shown["perspective"] = self.shown_perspective.slug
        if self.shown_point:
            shown["point"] = str(self.shown_point.pk)
        if self.shown_stance:
            shown["stance"] = self.shown_stance
        if self.discussion and self.discussion.page > 1:
            shown["page"] = str(self.discussion.page)
        if self.respond_to:
            shown["respond"] = str(self.respond_to.pk)
        return self.linked_query(shown)

    @property
    def filter_query(self):
        """The discussion filter as a query string, for links to other pages."""
        return urlencode(self._filter(("perspective", "point", "stance")))

    @property
    def place_query(self):
        """The filter without the stance, for the stance links."""
        return urlencode(self._filter(("perspective", "point")))

    def _filter(self, names):
        shown = self.shown_query
        return {name: shown[name] for name in names if name in shown}


def discussion_section(article, query):
    """The article's discussion section for the reader's query, as the
    site's links write it. Expects the article's points prefetched with
    their perspectives."""
    policy = ModerationPolicy.current()
    perspectives = list(Perspective.objects.all())
    points = {point.pk: point for point in article.points.all()}
    shown_perspective = next(
        (p for p in perspectives if p.slug == query.get("perspective")), None
    )
    shown_point = points.get(_int_or_none(query.get("point")))
    respond_to = points.get(_int_or_none(query.get("respond")))
    shown_stance = query.get("stance") if query.get("stance") in Stance else ""
    section = DiscussionSection(
        discussion=None,
        policy=policy,
        comments_open=False,
        form=None,
        perspectives=perspectives,
        shown_perspective=shown_perspective,
        shown_point=shown_point,
        shown_stance=shown_stance,
        respond_to=respond_to,
    )
    if (
        ("perspective" in query and shown_perspective is None)
        or ("point" in query and shown_point is None)
        or ("respond" in query and respond_to is None)
    ):
        # a perspective or point the article does not have: the reader is
        # sent on (shown_query leaves it out) before any thread is read
        return section
    section.discussion = discussion = discussion_for(
        article,
        {p.pk: p for p in perspectives},
        points,
        perspective=shown_perspective,
        point=shown_point,
        stance=shown_stance,
        page=_int_or_none(query.get("page")) or 1,
    )
    for point in points.values():
        count = discussion.point_counts.get(point.pk, 0)
        point.comment_count = count
        point.comments_text = counted(count, "comment", "comments")
        point.stances_text = ""
        if count:  # (no comments have no stances to put in words)
            # the same numbers as the summary's: comments are public, so exact
            comments = point_comments(discussion.point_stances.get(point.pk, {}), count)
            point.stances_text = stances_in_words(comments)
    section.form = CommentForm(article, initial={"point": respond_to})
    section.form.use_choices(points.values(), perspectives)
    section.comments_open = policy.takes_comments_on(article)
    section.opens_when_published = (
        not article.is_published and policy.will_take_comments_on(article)
    )
    return section


def preview_section(article):
    """The discussion under the preview of an unsaved article form: the
    saved article's discussion, if it has one, and the comment section as
    it will be once published, from which nothing can be sent."""
    saved = (
        Article.objects.filter(pk=article.pk)
        .prefetch_related("points__perspective")
        .first()
        if article.pk
        else None
    )
    if saved is not None:
        section = discussion_section(saved, {})
    else:
        section = DiscussionSection(
            discussion=Discussion(
                nodes=[], total=0, perspective_counts=[], point_counts={}
            ),
            policy=ModerationPolicy.current(),
            comments_open=False,
            # a form for no article (there is none with id 0): shown, never sent
            form=CommentForm(Article(pk=0)),
            perspectives=list(Perspective.objects.all()),
        )
    # the points the form offers are the previewed ones
    points = [
        point for _, points in article.points_by_perspective() for point in points
    ]
    section.form.use_choices(points, section.perspectives)
    section.comments_open = False
    section.opens_when_published = section.policy.will_take_comments_on(article)
    return section


def one_of_the_stances(value):
    """A stance, as links write it."""
    return value if value in Stance.values else None


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None

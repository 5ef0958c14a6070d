"""The discussion under an article, as the article page shows it."""

from django_comments_xtd.conf import settings as xtd_settings

from articles.models import Perspective

from .forms import CommentForm
from .models import ModerationPolicy, QuickAnswer, Stance
from .threads import discussion_for

# The only query parameters that change an article page; any others (a
# campaign tag, say) leave it as it is.
READER_PARAMETERS = ("page", "perspective", "point", "respond", "stance")


def asked_query(query, parameters=READER_PARAMETERS):
    """The query parameters that can change a page (by default an article
    page), in a fixed order. Page 1 is the same page as no page number."""
    asked = {name: query[name] for name in parameters if query.get(name)}
    if asked.get("page") == "1":
        del asked["page"]
    return asked


def discussion_context(article, query):
    """What the article page needs to show its discussion, for the reader's
    query (a perspective or a point to filter by, a page, a point to respond
    to). Expects the article's points prefetched with their perspectives."""
    policy = ModerationPolicy.current()
    perspectives = list(Perspective.objects.all())
    points = {point.pk: point for point in article.points.all()}
    shown_perspective = next(
        (p for p in perspectives if p.slug == query.get("perspective")), None
    )
    shown_point = points.get(_int_or_none(query.get("point")))
    respond_to = points.get(_int_or_none(query.get("respond")))
    shown_stance = query.get("stance") if query.get("stance") in Stance else ""
    discussion = discussion_for(
        article,
        {p.pk: p for p in perspectives},
        points,
        perspective=shown_perspective,
        point=shown_point,
        stance=shown_stance,
        page=_int_or_none(query.get("page")) or 1,
    )
    for point in points.values():
        point.comment_count = discussion.point_counts.get(point.pk, 0)
        stances = discussion.point_stances.get(point.pk, {})
        point.stance_counts = [
            (Stance(value).label, stances[value])
            for value in Stance
            if value in stances
        ]
    form = CommentForm(article, initial={"point": respond_to})
    form.use_choices(points.values(), perspectives)
    return {
        "discussion": discussion,
        "filter_query": _filter_query(shown_perspective, shown_point, shown_stance),
        "place_query": _filter_query(shown_perspective, shown_point, ""),
        "shown_perspective": shown_perspective,
        "shown_point": shown_point,
        "shown_stance": shown_stance,
        "shown_stance_phrase": STANCE_FILTER_PHRASES.get(shown_stance, ""),
        "stance_links": [
            (value, label, discussion.stance_counts.get(value, 0))
            for value, label in Stance.choices
        ],
        "shown_query": _linked_query(
            shown_perspective, shown_point, shown_stance, respond_to, discussion.page
        ),
        "asked_query": asked_query(query),
        "comments_open": policy.takes_comments_on(article),
        "policy": policy,
        "form": form,
        "respond_to": respond_to,
        # the quick-answer forms: the same for every reader
        "answer_choices": QuickAnswer.Answer.choices,
        "answer_perspectives": perspectives,
        "max_thread_level": xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
    }


# "Showing 3 comments whose writers say they agree with the point"
STANCE_FILTER_PHRASES = {
    Stance.AGREE: "agree with the point",
    Stance.DISAGREE: "disagree with the point",
    Stance.MIXED: "have mixed views on the point",
}


def _linked_query(perspective, point, stance, respond_to, page):
    """The query the site's own links make for what the page shows: a
    perspective or a point, a stance, then a page number; or a point to
    respond to, alone. Values the article does not have are simply not
    shown."""
    if respond_to:
        return {"respond": str(respond_to.pk)}
    linked = {"perspective": perspective.slug} if perspective else {}
    if point and not perspective:
        linked["point"] = str(point.pk)
    if stance:
        linked["stance"] = stance
    if page > 1:
        linked["page"] = str(page)
    return linked


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _filter_query(perspective, point, stance):
    """The discussion filter as a query string, for links to other pages."""
    query = ""
    if perspective:
        query = f"perspective={perspective.slug}"
    elif point:
        query = f"point={point.pk}"
    if stance:
        query = f"{query}&stance={stance}" if query else f"stance={stance}"
    return query

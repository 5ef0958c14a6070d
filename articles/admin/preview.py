"""The admin form's Preview: the unsaved form through the reader's own
article page (articles/previews.py). The Preview button posts the whole
form here, to a new tab; nothing is saved."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.validators import slug_re
from django.http import Http404
from django.urls import path, reverse
from taggit.utils import parse_tags

from .. import markdown
from ..models import Article, Author, Perspective, Topic
from ..previews import PreviewedArticle, PreviewedPoint, PreviewedTopic, unsaved_preview

# how many points a preview shows at most, as Django's formsets allow
MAX_PREVIEWED_POINTS = 1000
# the text fields shown as typed, even when the form would refuse them
TYPED_FIELDS = [
    "title",
    "standfirst",
    "introduction",
    "attribution",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
]
# ids beyond any table's: refused before they reach the database
LARGEST_ID = 2**31 - 1


def an_id(value):
    """A posted id as a number, or None for anything else."""
    if not (isinstance(value, str) and value.isascii() and value.isdigit()):
        return None
    number = int(value[:12])
    return number if 0 < number <= LARGEST_ID else None


def preview_view(model_admin, request, object_id=None):
    """The reader's page for the posted form, of a new article or of the
    article being changed; a 403 for anyone who may not add or change it."""
    article = None
    if object_id is not None:
        article = model_admin.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article")
    allowed = (
        model_admin.has_change_permission(request, article)
        if article
        else model_admin.has_add_permission(request)
    )
    if request.method != "POST" or not allowed:
        raise PermissionDenied
    return unsaved_preview(request, previewed_article(model_admin, request, article))


def previewed_article(model_admin, request, saved):
    """The article as the posted form would save it, never saved."""
    article = saved or Article()
    form_class = model_admin.get_form(request, saved, change=saved is not None)
    # Files are left out: the saved lead image shows unless the form clears it.
    form = form_class(request.POST, instance=article)
    form.is_valid()  # fills the instance with every value the form accepts
    for name in TYPED_FIELDS:
        setattr(article, name, request.POST.get(name, getattr(article, name)))
    if not slug_re.fullmatch(article.slug or ""):
        article.slug = "untitled"
    article.render_markdown()
    article.author = Author.objects.filter(pk=an_id(request.POST.get("author"))).first()
    notes = []
    if request.FILES.get("lead_image"):
        notes.append("The new lead image is not shown until the article is saved.")
    points = previewed_points(request.POST)
    if len(points) < count_points(request.POST):
        notes.append("Points with no perspective chosen are left out.")
    return PreviewedArticle(
        article,
        points,
        previewed_topics(request.POST.get("topics", "")),
        previewed_related(request.POST, saved),
        notes,
    )


def posted_points(form):
    """(position, number, perspective id, text) for each point the form
    keeps, in the form's order."""
    try:
        total = min(int(form.get("points-TOTAL_FORMS", 0)), MAX_PREVIEWED_POINTS)
    except ValueError:
        total = 0
    for number in range(max(total, 0)):
        field = f"points-{number}-"
        text = form.get(field + "text", "").strip()
        if not text or form.get(field + "DELETE"):
            continue
        position = form.get(field + "position", "")
        order = int(position[:12]) if position.isascii() and position.isdigit() else 0
        yield order, number, an_id(form.get(field + "perspective")), text


def count_points(form):
    return sum(1 for _point in posted_points(form))


def previewed_points(form):
    """The points in a posted article form, rendered, in the editor's order
    (position, then the form's); those with no known perspective left out."""
    points = sorted(posted_points(form))
    perspectives = Perspective.objects.in_bulk(
        [perspective for *_, perspective, _text in points if perspective]
    )
    return [
        PreviewedPoint(
            number=number,
            perspective=perspectives[perspective],
            text_html=markdown.render_inline(text),
        )
        for _order, number, perspective, text in points
        if perspective in perspectives
    ]


def previewed_topics(typed):
    """The typed topics: the existing ones link to their page."""
    names = parse_tags(typed)[:50]
    existing = {
        topic.name.lower(): topic for topic in Topic.objects.filter(name__in=names)
    }
    topics_page = reverse("articles:topics")
    return [
        PreviewedTopic(
            name=name,
            url=existing[name.lower()].get_absolute_url()
            if name.lower() in existing
            else topics_page,
        )
        for name in names
    ]


def previewed_related(form, saved):
    """The editor's published picks, or else what the saved article offers."""
    picked = [an_id(value) for value in form.getlist("related_articles")[:10]]
    picks = list(Article.objects.published().filter(pk__in=[p for p in picked if p]))
    if picks:
        return picks
    return saved.related_for_readers() if saved else []


def preview_urls(model_admin):
    """The Preview button's addresses: for a new article, and for one being
    changed (whose saved lead image and discussion the preview shows)."""
    site = model_admin.admin_site

    def preview(request, object_id=None):
        return preview_view(model_admin, request, object_id)

    view = site.admin_view(preview)
    return [
        path("preview/", view, name="articles_article_preview"),
        path("<path:object_id>/preview/", view, name="articles_article_preview_change"),
    ]

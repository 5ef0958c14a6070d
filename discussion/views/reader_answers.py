"""A reader's own answers on one article: the small uncached request the
article page's script marks its buttons from, the page that lists and
changes them without JavaScript, and the perspective they answer from,
asked once per article.

The article page is one cached copy for every reader; nothing here is
cached or shared (Cache-Control private, no-store; Vary: Cookie).
"""

import re
from typing import NamedTuple

from django import forms
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from articles.models import Article, Perspective

from ..answers import (
    NO_PERSPECTIVE,
    answer_from,
    reader_id,
    reader_key,
    readers_answers_on,
    remember_perspective,
    remembered_perspective,
)
from ..limits import too_many
from ..models import ModerationPolicy, QuickAnswer
from .answering import (
    RETURN_TO_MINE,
    _from_elsewhere,
    _refused,
    _wants_json,
    counts_text,
    shown_from,
)


class Unnamed(NamedTuple):
    pk: int
    name: str = ""


class PerspectiveForm(forms.Form):
    perspective = forms.ModelChoiceField(
        queryset=Perspective.objects.all(), required=False
    )


def _readers(request):
    cookie_id = reader_id(request)
    return reader_key(cookie_id) if cookie_id else ""


def _private(response):
    add_never_cache_headers(response)  # private, no-store
    patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def my_answers_state(request, slug):
    """The reader's answers on the article as JSON, with each answered
    point's counts by the small-number rule: two queries at most."""
    mine, counts = readers_answers_on(slug, _readers(request))
    # The answers in all, which is all this shows, come out the same
    # whatever the perspectives' names and order: those counted stand in for
    # the site's list, so the state costs no third query.
    perspectives = [
        Unnamed(pk) for pk in sorted({p for (_pt, p, _a) in counts if p is not None})
    ]
    answers = {}
    for point, (answer, _perspective) in mine.items():
        shown = shown_from(counts, point, perspectives)
        answers[str(point)] = {
            "answer": answer,
            "counts": {value: str(number) for value, number in shown},
            "counts_text": counts_text(shown),
        }
    remembered = remembered_perspective(request)
    return _private(
        JsonResponse(
            {
                "answers": answers,
                # the perspective to show chosen: "" for "prefer not to say"
                "perspective": "" if remembered == NO_PERSPECTIVE else remembered,
            }
        )
    )


def _article(slug):
    article = get_object_or_404(Article, slug=slug)
    if not article.is_published:
        raise Http404("The article is not published")
    return article


@require_safe
def my_answers(request, slug):
    """Your answers on this article: each point answered, its counts and
    buttons to change or withdraw it, and the perspective answered from."""
    article = _article(slug)
    mine, counts = readers_answers_on(slug, _readers(request))
    points = article.points.select_related("perspective").filter(pk__in=mine)
    perspectives = list(Perspective.objects.all())
    answered = []
    for point in points:
        answer, perspective = mine[point.pk]
        answered.append(
            {
                "point": point,
                "answer": answer,
                "label": QuickAnswer.Answer(answer).label.lower(),
                "counts_text": counts_text(shown_from(counts, point.pk, perspectives)),
            }
        )
    return _private(
        render(
            request,
            "discussion/quickanswer_mine.html",
            {
                "article": article,
                "answered": answered,
                "choices": QuickAnswer.Answer.choices,
                "perspectives": perspectives,
                "chosen_perspective": remembered_perspective(request),
                "return_to": RETURN_TO_MINE,
                "answers_open": ModerationPolicy.current().takes_comments_on(article),
            },
        )
    )


@csrf_exempt
@require_POST
def choose_perspective(request, slug):
    """The perspective the reader answers from: given to all their answers
    on this article, and remembered for the next answer and article."""
    if request.user.is_authenticated:
        return _checked_choose(request, slug)
    return _choose(request, slug)


def _choose(request, slug):
    article = _article(slug)
    if _from_elsewhere(request):
        return _refused(request, "This choice was sent from another site", 403)
    if too_many(request, "answer"):
        return _refused(request, "Wait a minute and try again.", 429)
    form = PerspectiveForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Choose a perspective from the list", 400, article)
    perspective = form.cleaned_data["perspective"]
    reader = _readers(request)
    if reader:
        answer_from(reader, slug, perspective)
    message = (
        f"You answer as {perspective.one_person}."
        if perspective
        else "Your perspective is not given with your answers."
    )
    if _wants_json(request):
        response = JsonResponse({"message": message})
    else:
        response = redirect(_back_to(request, slug))
    remember_perspective(response, request, perspective)
    return _private(response)


_checked_choose = csrf_protect(_choose)


def _back_to(request, slug):
    """The reader's page they chose from: an answer page or their answers on
    the article (never an address from elsewhere)."""
    point = request.POST.get("point", "")
    if re.fullmatch(r"[0-9]{1,18}", point):  # as <id:...> takes it
        return reverse("discussion:answer-page", args=[slug, int(point)])
    return reverse("discussion:my-answers", args=[slug])

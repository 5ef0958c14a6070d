"""Quick answers: a reader agrees, disagrees or is unsure about a point.

The article page's answer buttons are the same for every reader (the page is
cached whole), so they post here, and the reader lands on a page of their
own for the point: their answer, the counts, buttons to change or withdraw
it, and the perspective they answer from (asked once per article, then
remembered). With JavaScript, the same post answers with that state as JSON.
The reader's answers on a whole article are in reader_answers.py.
"""

from django import forms
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import get_text_list
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from articles.models import ArgumentPoint, Perspective

from ..answers import (
    NO_PERSPECTIVE,
    TooManyReaders,
    give_answer,
    network_key,
    new_reader_id,
    point_counts,
    reader_id,
    reader_key,
    remember_perspective,
    remember_reader,
    remembered_perspective,
    withdraw_all,
    withdraw_answer,
)
from ..common_ground import point_answers
from ..limits import client_network, too_many
from ..models import ModerationPolicy, QuickAnswer
from .origin import Source, post_source
from .responses import refusal

WITHDRAW = "withdraw"
# where an answer sent from the reader's page for the article goes back to
RETURN_TO_MINE = "mine"


# "Choose agree, disagree or unsure"
CHOOSE_AN_ANSWER = "Choose " + get_text_list(
    [label.lower() for label in QuickAnswer.Answer.labels], "or"
)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[*QuickAnswer.Answer.choices, (WITHDRAW, "Withdraw")],
        error_messages={
            "required": CHOOSE_AN_ANSWER,
            "invalid_choice": CHOOSE_AN_ANSWER,
        },
    )
    perspective = forms.ModelChoiceField(
        queryset=Perspective.objects.all(),
        required=False,
        error_messages={"invalid_choice": "Choose a perspective from the list"},
    )


def _point(slug, point_id):
    """The point, if it belongs to this published article."""
    point = get_object_or_404(
        ArgumentPoint.objects.select_related("article", "perspective"),
        pk=point_id,
        article__slug=slug,
    )
    if not point.article.is_published:
        raise Http404("The article is not published")
    return point


def _from_elsewhere(request):
    """A post another site's page made: the answer forms carry no CSRF token
    (readers' article pages are cached whole), so the browser's own word on
    where the post came from is checked instead (origin.py). One whose
    browser does not say is taken: an answer sends no mail and shows no text."""
    return post_source(request) is Source.ELSEWHERE


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _state(point, answer, message=""):
    """What the reader's page for a point shows, as JSON: the counts as the
    summary shows them (small_numbers), never the exact small ones."""
    shown = shown_counts(point) if answer else None
    return {
        "answer": answer.answer if answer else None,
        "perspective": answer.perspective_id if answer else None,
        "counts": {value: str(number) for value, number in shown} if shown else None,
        "total": str(shown.total) if shown else None,
        "counts_text": counts_text(shown) if shown else "",
        "message": message,
    }


class ShownCounts(list):
    """[(answer, Shown)] over every answer to a point, with .total."""

    total = None


def shown_counts(point):
    """A point's answers in all, as the summary's "All answers" row shows
    them (the small-number rule, by perspective)."""
    return shown_from(point_counts(point), point.pk, list(Perspective.objects.all()))


def shown_from(counts, point_id, perspectives):
    """shown_counts from answer_counts already read."""
    table = point_answers(counts, point_id, perspectives)
    shown = ShownCounts(zip(table.answers, table.columns, strict=True))
    shown.total = table.total
    return shown


def counts_text(shown):
    """ "7 agree, fewer than 5 disagree, 0 unsure" """
    labels = dict(QuickAnswer.Answer.choices)
    return ", ".join(f"{number} {labels[value].lower()}" for value, number in shown)


@require_safe
def answer_page(request, slug, point_id):
    """The reader's own page for a point: never cached, never shared."""
    point = _point(slug, point_id)
    cookie_id = reader_id(request)
    answer = (
        QuickAnswer.objects.filter(point=point, reader=reader_key(cookie_id)).first()
        if cookie_id
        else None
    )
    return _page(request, point, answer, AnswerForm())


def _page(request, point, answer, form, status=200):
    shown = shown_counts(point) if answer else None
    response = render(
        request,
        "discussion/quickanswer_form.html",
        {
            "point": point,
            "article": point.article,
            "answer": answer,
            "counts_text": counts_text(shown) if shown else "",
            "form": form,
            "choices": QuickAnswer.Answer.choices,
            "perspectives": Perspective.objects.all(),
            "chosen_perspective": chosen_perspective(request, answer),
            "answers_open": ModerationPolicy.current().takes_comments_on(point.article),
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def chosen_perspective(request, answer=None):
    """The perspective to show chosen: the answer's, else the remembered one
    (an id, NO_PERSPECTIVE or None)."""
    if answer is not None:
        return answer.perspective_id or NO_PERSPECTIVE
    return remembered_perspective(request)


def _perspective_for(request, form):
    """The perspective an answer is given from, and whether the reader chose
    it now: the form's when it asks (the reader's pages, the script), else
    the one remembered from the reader's last choice."""
    if "perspective" in request.POST:
        return form.cleaned_data["perspective"], True
    remembered = remembered_perspective(request)
    if isinstance(remembered, int):
        return Perspective.objects.filter(pk=remembered).first(), False
    return None, False


def _back(request, point):
    """Where the reader goes after answering without JavaScript."""
    if request.POST.get("return_to") == RETURN_TO_MINE:
        url = reverse("discussion:my-answers", args=[point.article.slug])
        return redirect(f"{url}#{point.anchor}")
    return redirect(
        "discussion:answer-page", slug=point.article.slug, point_id=point.pk
    )


@csrf_exempt
@require_POST
def answer(request, slug, point_id):
    # signed-in staff have a CSRF token on the pages they see: check theirs
    if request.user.is_authenticated:
        return _checked_answer(request, slug, point_id)
    return _answer(request, slug, point_id)


def _answer(request, slug, point_id):
    point = _point(slug, point_id)
    article = point.article
    if _from_elsewhere(request):
        return _refused(request, "This answer was sent from another site", 403)
    if not ModerationPolicy.current().takes_comments_on(article):
        return _refused(
            request,
            "Answers are closed on this article, so yours was not saved.",
            403,
            article,
        )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            message = next(iter(form.errors.values()))[0]
            return _json({"error": message}, status=400)
        return _page(request, point, None, form, status=400)
    if too_many(request, "answer"):
        return _refused(
            request, "You have answered too often. Wait a minute and try again.", 429
        )
    cookie_id = reader_id(request) or new_reader_id()
    reader = reader_key(cookie_id)
    choice = form.cleaned_data["answer"]
    perspective, chosen_now = _perspective_for(request, form)
    if choice == WITHDRAW:
        withdraw_answer(point, reader)
        saved, message = None, "Your answer has been withdrawn."
    else:
        try:
            saved = give_answer(
                point,
                reader,
                network_key(client_network(request)),
                choice,
                perspective,
            )
        except TooManyReaders:
            return _refused(
                request,
                "This point has had as many answers from your network as it "
                "takes. If you have answered before, your answer still counts.",
                429,
            )
        message = f"Your answer is saved: {saved.get_answer_display().lower()}."
    if _wants_json(request):
        response = _json(_state(point, saved, message))
    else:
        response = _back(request, point)
    if saved is not None:
        remember_reader(response, request, cookie_id)
        if chosen_now:
            remember_perspective(response, request, perspective)
    return response


_checked_answer = csrf_protect(_answer)


def _json(data, status=200):
    response = JsonResponse(data, status=status)
    add_never_cache_headers(response)
    return response


def _refused(request, message, status, article=None):
    if _wants_json(request):
        return _json({"error": message}, status=status)
    return refusal(request, "Your answer was not saved", message, status, article)


@csrf_exempt
def withdraw_answers(request):
    """Withdraw every answer this reader has given, on every article."""
    if request.user.is_authenticated:
        return _checked_withdraw(request)
    return _withdraw(request)


def _withdraw(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return refusal(request, "Not allowed", "Use the button on this page.", 405)
    cookie_id = reader_id(request)
    reader = reader_key(cookie_id) if cookie_id else ""
    if request.method == "POST":
        if _from_elsewhere(request):
            return _refused(request, "This request was sent from another site", 403)
        if too_many(request, "answer"):
            return _refused(request, "Wait a minute and try again.", 429)
        withdrawn = withdraw_all(reader) if reader else 0
        template, context = (
            "discussion/quickanswer_withdrawn.html",
            {"withdrawn": withdrawn},
        )
    else:
        answers = QuickAnswer.objects.for_reader(reader).count() if reader else 0
        template, context = "discussion/quickanswer_withdraw.html", {"count": answers}
    context["action"] = reverse("discussion:withdraw-answers")
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


_checked_withdraw = csrf_protect(_withdraw)

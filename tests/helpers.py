"""What tests do as a reader, commenter or moderator would, and how they read
the pages they get back. Fixtures live in conftest.py; test data in
factories.py."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from discussion.forms import CommentForm
from discussion.models import ArticleComment


def clear_caches():
    for cache in caches.all():
        cache.clear()


# --- reading pages -------------------------------------------------------------


def html(response):
    return response.content.decode()


def main_content(response):
    """The HTML inside <main>, where each page says what it is for."""
    page = response.content.decode()
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def listed_titles(response):
    """The article titles on an index page, top to bottom."""
    return re.findall(
        r'class="article-summary__title"><a href="[^"]*">([^<]*)</a>',
        response.content.decode(),
    )


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- commenting ----------------------------------------------------------------


def comment_form_data(article, **fields):
    """What the comment box sends: its signed hidden fields plus the reader's
    input. perspective and point may be objects or pks; followup a bool."""
    initial = CommentForm(article).initial
    data = {
        name: initial[name]
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update(
        reply_to=0,
        comment="A thoughtful comment.",
        name="Alex",
        email="alex@example.org",
        honeypot="",
        perspective="",
        point="",
    )
    followup = fields.pop("followup", False)
    if followup:
        data["followup"] = "on"
    for key, value in fields.items():
        data[key] = getattr(value, "pk", value)
    return data


def post_comment(client, article, **fields):
    """Send the comment box for article, as a reader's browser would."""
    return client.post(reverse("discussion:post"), comment_form_data(article, **fields))


def link_in(mail, name):
    """The path of the site link called name ("confirm" or "mute") in a mail."""
    site = re.escape(settings.SITE_URL.rstrip("/"))
    found = re.search(rf"{site}(/comments/{name}/[^/\s]+/)", mail.body)
    assert found, f"no {name} link in: {mail.body}"
    return found.group(1)


def post_and_confirm(client, mailoutbox, article, **fields):
    """Post a comment as a reader and open the link in the confirmation
    e-mail (which is taken out of the outbox); returns the confirmation page."""
    sent_before = len(mailoutbox)
    response = post_comment(client, article, **fields)
    assert response.status_code == 302, response.content.decode()
    with_link = mailoutbox.pop(sent_before)
    return client.get(link_in(with_link, "confirm"))


def newest_comment():
    return ArticleComment.objects.order_by("-pk").first()


def report_url(comment_or_pk):
    pk = getattr(comment_or_pk, "pk", comment_or_pk)
    return reverse("discussion:report", args=[pk])


# --- moderating ----------------------------------------------------------------


def queue_url():
    return reverse("admin:discussion_articlecomment_changelist")


def queue(client, **params):
    """The comments the moderation queue lists, in its order."""
    response = client.get(queue_url(), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def queue_row(response, comment):
    """The HTML of one comment's row in the queue."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), re.DOTALL)
    found = [row for row in rows if f'value="{comment.pk}"' in row]
    assert len(found) == 1
    return found[0]


def moderate(client, action, comments):
    """Run a moderation action ("approve", "remove") on comments in the queue."""
    return client.post(
        queue_url(),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
    )


def mail_to(mailoutbox, address):
    return [message for message in mailoutbox if address in message.to]


# --- article tests -------------------------------------------------------------


def text_of(markup):
    """What a reader sees of some HTML: the words, without tags or extra spacing."""
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def days_ago(days):
    return timezone.now() - timedelta(days=days)


# --- platform tests ------------------------------------------------------------


def production_env(**overrides):
    """The environment of a production app server, for a subprocess."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_")
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="insight.example.gov.uk",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_BEHIND_PROXY="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run_python(*args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

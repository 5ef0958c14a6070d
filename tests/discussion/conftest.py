"""Fixtures shared by the discussion tests: comments in every state, a thread
to erase, the editable pages, and room for the hostile-input tests' many
comments."""

import pytest
from django.core.management import call_command
from django.test import Client

from discussion.models import CommentReport, ModerationPolicy
from tests.factories import (
    make_article,
    make_comment,
    make_moderator,
    make_perspective,
)


@pytest.fixture
def comments_in_every_state(published_article):
    reported = make_comment(published_article, comment="Reported.")
    CommentReport.objects.create(comment=reported, reason="spam", reporter="a" * 64)
    return {
        "awaiting": make_comment(published_article, is_public=False),
        "published": make_comment(published_article),
        "removed": make_comment(published_article, is_removed=True),
        "reported": reported,
    }


@pytest.fixture
def priya_thread(published_article):
    parent = make_comment(
        published_article,
        user_name="Priya Shah",
        user_email="priya@example.org",
        comment="Words Priya wants gone.",
        ip_address="192.0.2.1",
        followup=True,
    )
    reply = make_comment(
        published_article, parent=parent, user_name="Sam", comment="A kept reply."
    )
    return parent, reply


@pytest.fixture
def pages(db):
    call_command("loaddata", "pages", verbosity=0)


@pytest.fixture
def room_for_many_comments(settings, db):
    """Rate limits no one reaches, every thread on one page and no holding for
    links, so that a test can post hundreds of comments and see them all."""
    settings.DISCUSSION_RATE_LIMITS = dict.fromkeys(
        settings.DISCUSSION_RATE_LIMITS, "10000/m"
    )
    settings.DISCUSSION_CONFIRMATIONS_PER_NETWORK_PER_HOUR = 10_000
    settings.DISCUSSION_THREADS_PER_PAGE = 10_000
    ModerationPolicy.objects.update_or_create(pk=1, defaults={"hold_links_at": None})


@pytest.fixture
def hostile_article(db):
    perspective = make_perspective(name="Frontline staff", slug="frontline-staff")
    return make_article(
        title="Hostile piece", points=[(perspective, "A point to respond to")]
    )


@pytest.fixture
def sam(django_user_model):
    """Sam, a member of the Moderators group."""
    return make_moderator(django_user_model, "sam", "Sam")


@pytest.fixture
def kim(django_user_model):
    """Kim, another member of the Moderators group."""
    return make_moderator(django_user_model, "kim", "Kim")


@pytest.fixture
def sams_browser(sam):
    client = Client()
    client.force_login(sam)
    return client

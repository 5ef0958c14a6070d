"""Dates in the admin read as the rest of the site: "7 December 2026,
4:26pm", in the site's time zone, for a moderator on every screen."""

import datetime
import gettext
import importlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import formats

from discussion.models import ArticleComment
from tests.factories import make_comment
from tests.helpers import html, queue_url

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ABBREVIATED_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
)
# (when, as the site writes it): afternoon in winter, morning in summer time,
# midday and midnight, a single-digit day and minute
TIMES = [
    (datetime.datetime(2026, 12, 7, 16, 26, tzinfo=LONDON), "7 December 2026, 4:26pm"),
    (datetime.datetime(2026, 7, 1, 9, 5, tzinfo=LONDON), "1 July 2026, 9:05am"),
    (datetime.datetime(2026, 3, 15, 12, 0, tzinfo=LONDON), "15 March 2026, 12:00pm"),
    (datetime.datetime(2026, 5, 31, 0, 0, tzinfo=LONDON), "31 May 2026, 12:00am"),
]


@pytest.fixture
def moderator_in_group(client, django_user_model):
    importlib.import_module("discussion.migrations.0004_staff_groups").make_groups(
        apps, None
    )
    user = django_user_model.objects.create_user(
        "sam", "sam@example.org", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


def comments_at(article, moment, moderator):
    comment = make_comment(article, comment="Dated comment.")
    ArticleComment.objects.filter(pk=comment.pk).update(submit_date=moment)
    LogEntry.objects.create(
        user=moderator,
        content_type=ContentType.objects.get_for_model(ArticleComment),
        object_id=str(comment.pk),
        object_repr="Dated comment.",
        action_flag=CHANGE,
        change_message="Approved",
        action_time=moment,
    )
    LogEntry.objects.filter(object_id=str(comment.pk)).update(action_time=moment)
    return comment


def assert_in_site_style(page):
    assert "a.m." not in page and "p.m." not in page
    assert " AM" not in page and " PM" not in page
    assert "noon" not in page and "midnight" not in page
    assert not ABBREVIATED_MONTH.search(page), ABBREVIATED_MONTH.search(page)


@pytest.mark.parametrize(("moment", "expected"), TIMES)
def test_a_moderator_reads_dates_in_the_sites_style_on_every_screen(
    client, moderator_in_group, published_article, moment, expected
):
    comment = comments_at(published_article, moment, moderator_in_group)
    change_url = f"{queue_url()}{comment.pk}/change/"
    for address in (queue_url(), change_url, f"{queue_url()}{comment.pk}/history/"):
        response = client.get(address)
        assert response.status_code == 200, address
        page = html(response)
        assert expected in page, address
        assert_in_site_style(page)


def test_the_date_filter_and_its_choices_read_in_full(client, moderator_in_group):
    page = html(
        client.get(f"{queue_url()}?submit_date__gte=2026-12-01+00%3A00%3A00%2B00%3A00")
    )
    assert_in_site_style(page)


@pytest.mark.parametrize(("moment", "expected"), TIMES)
def test_every_format_the_admin_uses_names_the_month_in_full(moment, expected):
    day = expected.split(",")[0]
    assert formats.date_format(moment.astimezone(LONDON)) == day
    assert formats.date_format(moment.astimezone(LONDON), "SHORT_DATE_FORMAT") == day
    for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
        assert formats.date_format(moment.astimezone(LONDON), name) == expected
    assert formats.time_format(moment.astimezone(LONDON)) == expected.split(", ")[1]
    assert formats.date_format(moment, "YEAR_MONTH_FORMAT") == day.split(" ", 1)[1]


def test_the_admins_clock_offers_times_in_the_sites_style(client, moderator_in_group):
    catalogue = html(client.get("/admin/jsi18n/"))
    assert '"6 a.m.": "6am"' in catalogue
    assert '"6 p.m.": "6pm"' in catalogue
    assert '"Noon": "Midday"' in catalogue


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_says_what_its_source_says(settings, domain):
    folder = settings.LOCALE_PATHS[0] / "en_GB" / "LC_MESSAGES"
    source = (folder / f"{domain}.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', source, re.MULTILINE)
    with (folder / f"{domain}.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert pairs
    for original, translated in pairs:
        assert catalogue.gettext(original) == translated

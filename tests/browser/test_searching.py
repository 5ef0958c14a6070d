"""A reader searches with a misspelling, an American spelling, an author's
name and a perspective's, and finds the article, its points and the way on."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AT_CENTRE = """element => {
    const box = element.getBoundingClientRect();
    return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
        === element;
}"""


def search(page, site_url, words):
    page.goto(site_url + "/search/")
    form = page.locator("#main-content form")
    form.get_by_label("Words to search for").fill(words)
    form.get_by_role("button", name="Search").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_did_you_mean_runs_the_suggested_search(page, site_url, seed, width):
    page.set_viewport_size({"width": width, "height": 800})
    search(page, site_url, "sistems leadr")
    status = page.get_by_role("status")
    assert status.inner_text() == "No results for ‘sistems leadr’."
    link = page.get_by_role("link", name="systems leader")
    paragraph = page.locator("p", has=link)
    assert paragraph.inner_text() == "Did you mean systems leader?"
    assert link.evaluate(AT_CENTRE)
    link.click()
    typed = page.locator("#main-content").get_by_label("Words to search for")
    assert typed.input_value() == "systems leader"
    assert page.get_by_role("link", name="Anyone can be a systems leader").count()
    assert page.get_by_text("Did you mean").count() == 0


@pytest.mark.parametrize(
    "words", ["organizations", "Vize", "councillors", "regulators"]
)
def test_spellings_authors_and_perspectives_find_the_article(
    page, site_url, seed, words
):
    search(page, site_url, words)
    results = page.get_by_role("status").inner_text()
    assert "1 article" in results
    assert page.get_by_role("link", name="Anyone can be a systems leader").count()


def test_a_perspective_finds_every_one_of_its_points(page, site_url, seed):
    search(page, site_url, "councillor")
    points = page.locator("h2:text-is('Points') + ul > li")
    theirs = seed.points.filter(perspective__name="Councillors")
    shown = [points.nth(index).inner_text() for index in range(points.count())]
    assert sum("To councillors" in point for point in shown) == theirs.count()

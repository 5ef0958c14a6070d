"""British and American spellings find each other, both ways, in articles,
points and comments; words that only look like a pair are left alone."""

import pytest
from django.urls import reverse

from articles.search.query import Term, parse
from articles.search.spellings import other_spelling, with_other_spellings
from discussion.models import ArticleComment
from tests.factories import make_article, make_comment
from tests.helpers import main_content, text_of

# (American, British): every family the site's readers meet
PAIRS = [
    ("organization", "organisation"),
    ("organizations", "organisations"),
    ("organizational", "organisational"),
    ("prioritize", "prioritise"),
    ("prioritization", "prioritisation"),
    ("recognized", "recognised"),
    ("specializing", "specialising"),
    ("digitalization", "digitalisation"),  # not in the list: by rule
    ("operationalize", "operationalise"),  # not in the list: by rule
    ("behavior", "behaviour"),
    ("behaviors", "behaviours"),
    ("behavioral", "behavioural"),
    ("neighborhood", "neighbourhood"),
    ("labor", "labour"),
    ("favorite", "favourite"),
    ("honor", "honour"),
    ("color", "colour"),
    ("analyze", "analyse"),
    ("analyzing", "analysing"),
    ("paralyzed", "paralysed"),
    ("defense", "defence"),
    ("offense", "offence"),
    ("license", "licence"),
    ("center", "centre"),
    ("centers", "centres"),
    ("theater", "theatre"),
    ("fiber", "fibre"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("councilor", "councillor"),
    ("fulfill", "fulfil"),
    ("traveling", "travelling"),
    ("pediatric", "paediatric"),
    ("aging", "ageing"),
    ("catalog", "catalogue"),
    ("judgment", "judgement"),
]

# words that look like one of the families and are not
UNCHANGED = [
    "size", "sizes", "downsize", "prize", "prise", "seize", "capsize", "maize",
    "rise", "wise", "advise", "exercise", "compromise", "surprise", "enterprise",
    "revise", "supervise", "our", "four", "hour", "pour", "tour", "your", "flour",
    "for", "sense", "fence", "hence", "here", "there", "acre", "genre", "ogre",
    "draft", "filter", "ton", "meter", "tire", "partnership", "leader",
]  # fmt: skip


@pytest.mark.parametrize(("american", "british"), PAIRS)
def test_each_spelling_gives_the_other(american, british):
    assert other_spelling(american) == british
    assert other_spelling(british) == american
    assert other_spelling(american.capitalize()) == british


@pytest.mark.parametrize("word", UNCHANGED)
def test_words_outside_the_families_keep_their_one_spelling(word):
    assert other_spelling(word) is None


def test_a_british_unit_finds_the_american_spelling_but_not_the_other_way():
    # "meter" is also a British word (a gas meter), "tire" a verb
    assert other_spelling("metre") == "meter"
    assert other_spelling("tyre") == "tire"
    assert other_spelling("meter") is None
    assert other_spelling("tire") is None


def test_a_phrase_and_a_left_out_word_are_widened_too():
    widened = with_other_spellings(parse('"organizational behavior" -color'))
    texts = [term.text for term in widened.groups[0]]
    assert texts[0] == "organizational behavior"
    assert "organisational behaviour" in texts
    assert len(texts) == 4
    assert [term.text for term in widened.excluded] == ["color", "colour"]


def test_a_long_phrase_is_widened_to_a_few_spellings_only():
    widened = with_other_spellings(parse('"color center labor honor defense"'))
    assert len(widened.groups[0]) == 4
    first = Term(("color", "center", "labor", "honor", "defense"))
    assert widened.groups[0][0] == first


def search_text(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return text_of(main_content(response))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("organisations", "organizations"),
        ("organizations", "organisations"),
        ("behaviour", "behavior"),
        ("behavior", "behaviour"),
        ("programme", "program"),
        ("program", "programme"),
        ("defence", "defense"),
        ("centre", "center"),
        ("analysed", "analyzed"),
        ("prioritised", "prioritized"),
    ],
)
def test_a_search_finds_the_article_point_and_comment_in_the_other_spelling(
    client, perspective, written, searched
):
    article = make_article(
        title=f"How {written} change", points=[(perspective, f"Point on {written}")]
    )
    make_comment(article, comment=f"My {written} agree")
    make_article(title="Something else entirely")
    page = search_text(client, searched)
    assert f"How {written} change" in page
    assert f"Point on {written}" in page
    assert f"{written} agree" in page
    assert "Something else entirely" not in page
    assert ArticleComment.objects.count() == 1


@pytest.mark.django_db
def test_a_phrase_in_american_spelling_finds_british_text(client):
    make_article(title="Organisational behaviour in councils")
    make_article(title="Behaviour of organisational charts")
    page = search_text(client, '"organizational behavior"')
    assert "Organisational behaviour in councils" in page
    assert "Behaviour of organisational charts" not in page


@pytest.mark.django_db
def test_leaving_out_a_word_leaves_out_its_other_spelling(client):
    make_article(title="Councils and colour")
    make_article(title="Councils alone")
    page = search_text(client, "councils -color")
    assert "Councils alone" in page
    assert "Councils and colour" not in page


@pytest.mark.django_db
def test_meter_is_a_word_of_its_own_but_metre_finds_the_american_spelling(client):
    make_article(title="Reading the gas meter")
    make_article(title="A hundred metres of road")
    page = search_text(client, "metre")
    assert "A hundred metres of road" in page
    assert "gas meter" in page  # metre also asks for the American "meter"
    page = search_text(client, "meter")
    assert "Reading the gas meter" in page
    assert "A hundred metres" not in page

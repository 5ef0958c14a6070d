"""Held words and duplicates are found however the text is disguised: every
default-ignorable code point, every look-alike Unicode lists for each letter,
width, case and spacing. Ordinary text in English, Welsh, Greek and Russian
is not mistaken for a held word."""

import pytest
from confusable_homoglyphs.utils import load

from discussion.models import ArticleComment
from discussion.moderation import hold_reason
from discussion.normalise import skeletons, text_skeleton
from discussion.spam import contains_phrase
from tests.factories import make_comment, set_policy
from tests.helpers import html, newest_comment, post_and_confirm, post_comment

pytestmark = pytest.mark.django_db

# Default_Ignorable_Code_Point as DerivedCoreProperties.txt lists it
# (Unicode 15.1 and 16.0): written out here so the library is checked against
# the standard, not against itself.
DEFAULT_IGNORABLE_RANGES = [
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
]
DEFAULT_IGNORABLE = [
    chr(code)
    for first, last in DEFAULT_IGNORABLE_RANGES
    for code in range(first, last + 1)
]
# outside the tag and variation-selector supplement blocks, plus a few of those
IGNORABLE_SAMPLE = [ch for ch in DEFAULT_IGNORABLE if ord(ch) < 0xE0000] + [
    "\U000e0001",
    "\U000e0041",
    "\U000e0100",
    "\U000e01ef",
    "\U000e0fff",
]

HELD_WORDS = ["casino", "bitcoin", "free money", "viagra", "payday loan"]


def look_alikes(letter):
    """Every single character Unicode's confusables.txt maps to letter, as the
    library ships it (right-to-left ones shown between direction marks)."""
    entries = load("confusables.json").get(letter, [])
    found = {entry["c"].strip("\u200e\u200f") for entry in entries}
    return sorted(ch for ch in found if len(ch) == 1)


def disguises(word):
    """The word with invisible characters, look-alikes, width, case and
    spacing changed, each in turn."""
    middle = len(word) // 2
    for ignorable in DEFAULT_IGNORABLE:
        yield word[:middle] + ignorable + word[middle:]
    for position, letter in enumerate(word):
        for look_alike in look_alikes(letter):
            yield word[:position] + look_alike + word[position + 1 :]
    yield word.upper()
    yield word.title()
    yield "".join(chr(ord(ch) + 0xFEE0) if ch != " " else ch for ch in word)
    yield "".join(
        chr(ord(ch) + 0xFEE0) if n % 2 and ch != " " else ch
        for n, ch in enumerate(word)
    )
    yield "\u200b".join(word)
    yield "\u00ad".join(word.upper())
    yield word.replace(" ", "  ")
    yield word.replace(" ", "\u3000")
    yield word.replace(" ", "\u00a0\u00a0")
    yield word.replace(" ", " \u3164 ")


def test_the_ignorable_characters_are_unicodes_default_ignorable_code_points():
    assert len(DEFAULT_IGNORABLE) == 4174
    for ignorable in DEFAULT_IGNORABLE:
        assert text_skeleton(f"cas{ignorable}ino") == "casino", hex(ord(ignorable))
        assert text_skeleton(f"a{ignorable}b") == "ab", hex(ord(ignorable))


@pytest.mark.parametrize("word", HELD_WORDS)
def test_every_disguise_of_a_held_word_is_found(word):
    tried = list(disguises(word))
    missed = [
        (text, [hex(ord(ch)) for ch in text if not ch.isascii()])
        for text in tried
        if not contains_phrase(f"Come to our {text} tonight!", word)
    ]
    assert len(tried) > 4200
    assert missed == []


def test_every_look_alike_of_every_latin_letter_reads_as_that_letter():
    tried = 0
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for look_alike in look_alikes(letter):
            tried += 1
            assert letter in skeletons(look_alike), (
                letter,
                hex(ord(look_alike)),
            )
    assert tried > 500


@pytest.mark.parametrize(
    "disguised",
    [
        "Try the casinօ",  # Armenian "օ"
        "Try the cɑsino",  # Latin alpha
        "Try the ϲasino",  # Greek lunate sigma
        "Try the ca\u034fsino",  # combining grapheme joiner
        "Try the c\u200ca\u200dsino",  # zero-width non-joiner and joiner
        "Try the cas\u2060ino",  # word joiner
        "Try the casi\ufe0fno",  # variation selector
        "Try the cas\u1160ino",  # Hangul filler
        "Try the ca\u3164sino",  # Hangul filler
        "Try the CAS\U000e0041INO",  # a tag character
        "Try the ｃａｓｉｎｏ",
        "Try the casin0",
        "Get  free   money",
        "Get free\u3164money",
    ],
)
def test_disguised_held_words_hold_the_comment_sent_through_the_form(
    client, mailoutbox, published_article, disguised
):
    set_policy(held_words="casino\nfree money", hold_links_at=None)
    post_and_confirm(client, mailoutbox, published_article, comment=disguised)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It contains a held word or phrase"


def test_many_disguises_hold_the_comment_sent_through_the_form(
    client, mailoutbox, published_article, room_for_many_comments
):
    set_policy(held_words="casino", hold_links_at=None)
    sample = list(disguises("casino"))[::40]
    for number, text in enumerate(sample):
        post_and_confirm(
            client,
            mailoutbox,
            published_article,
            comment=f"Visit the {text}, message {number}.",
            email=f"reader{number}@example.org",
        )
    assert len(sample) > 100
    comments = ArticleComment.objects.filter(comment__startswith="Visit the ")
    assert comments.count() == len(sample)
    assert not comments.filter(is_public=True).exists()


def test_a_disguised_held_word_in_the_name_holds_the_comment(
    client, mailoutbox, published_article
):
    set_policy(held_words="casino", hold_links_at=None)
    post_and_confirm(
        client, mailoutbox, published_article, name="ϲаsіnо Kings", comment="Hello."
    )
    assert newest_comment().is_awaiting_moderation


ORDINARY_TEXT = [
    "I think the council should publish the minutes sooner; residents want to "
    "know what was decided about the bus lanes.",
    "Our neighbourhood team has organised a summer programme for the whole "
    "borough, and the colour-coded timetable is much clearer than last year’s.",
    "The modern corner shop is a cornerstone of the community. I’m in favour.",
    "Can we afford this? The figures in paragraph 3 don’t add up to £1.2m.",
    "Money should go to the GP surgery first: it is free at the point of use.",
    "As a nurse, I’ve seen the casualty department at 2am. It’s not pretty.",
    "I'll be honest: 10 o'clock is too late for the cabinet's decision.",
    "Occasionally, the bin collection is missed on Tuesdays in Llandaff.",
    "Mae'r cyngor wedi cyhoeddi'r cynllun newydd ar gyfer Caerdydd.",
    "Diolch yn fawr am y wybodaeth: rydw i'n cytuno â'r pwynt am y gwasanaeth.",
    "Ŵyr, ŷd, â, ê, î, ô, û: mae'r acenion yn bwysig yn y Gymraeg.",
    "Η δημοτική αρχή πρέπει να δημοσιεύει τα πρακτικά νωρίτερα.",
    "Το κόστος είναι υψηλό, αλλά το σχέδιο είναι καλό για την πόλη.",
    "Συμφωνώ με το σημείο για τα λεωφορεία και τα σχολεία.",
    "Совет должен публиковать протоколы раньше. Это сор, а не решение.",
    "Мы платим налоги и хотим знать, куда идут деньги.",
    "Спасибо за статью, она очень полезная для жителей.",
    "Сор и мусор на улицах — главная проблема нашего района.",
    "Я согласен с пунктом о школах, но не о больницах.",
]
ORDINARY_HELD_WORDS = [
    "casino",
    "free money",
    "viagra",
    "bitcoin",
    "payday loan",
    "cop",
    "pay",
    "mop",
    "xxx",
    "cheap",
]


@pytest.mark.parametrize("text", ORDINARY_TEXT)
def test_ordinary_text_in_english_welsh_greek_and_russian_is_not_held(text):
    policy = set_policy(held_words="\n".join(ORDINARY_HELD_WORDS), hold_links_at=None)
    assert hold_reason(policy, text, "Reader", "reader@example.org") == ""


def test_a_held_word_written_in_greek_or_cyrillic_holds_text_in_that_script():
    policy = set_policy(held_words="καζίνο\nказино", hold_links_at=None)
    for text in ("Πάμε στο Καζίνο απόψε", "Пойдём в казино сегодня"):
        assert hold_reason(policy, text, "Reader", "reader@example.org")


@pytest.mark.parametrize(
    "disguised",
    [
        "SAME WORDS AGAIN.",
        "Same\u200b words again.",
        "Same  words\u00a0again.",
        "Ѕаmе wоrds аgаіn.",  # Cyrillic look-alikes
        "Ｓａｍｅ ｗｏｒｄｓ ａｇａｉｎ．",
        "Sa\u034fme wo\u2060rds ag\ufe0fain.",
        "Same words again.\u200d",
    ],
)
def test_a_disguised_copy_of_a_shown_comment_is_refused_as_a_duplicate(
    client, mailoutbox, published_article, disguised
):
    make_comment(published_article, comment="Same words again.")
    response = post_comment(client, published_article, comment=disguised)
    assert response.status_code == 400
    assert "This comment has already been posted on this article" in html(response)
    assert mailoutbox == []


def test_every_invisible_character_makes_no_new_comment(
    client, mailoutbox, published_article, room_for_many_comments
):
    make_comment(published_article, comment="Same words again.")
    refused = [
        post_comment(
            client, published_article, comment=f"Same words{ignorable} again."
        ).status_code
        for ignorable in IGNORABLE_SAMPLE
    ]
    assert refused == [400] * len(IGNORABLE_SAMPLE)
    assert mailoutbox == []


def test_a_different_comment_in_look_alike_letters_is_not_a_duplicate(
    client, mailoutbox, published_article
):
    make_comment(published_article, comment="Same words again.")
    response = post_comment(client, published_article, comment="Same words, again!")
    assert response.status_code == 302

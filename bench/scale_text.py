"""Words for the benchmark at scale: drawn from the seed fixtures' own text, as
often as they appear there, so searches meet common and rare words alike."""

import json
import re
from collections import Counter

from django.conf import settings

# planted in a few places only: the rare word a search is timed on
RARE_WORD = "ombudsman"
RARE_PLACES = 3
# planted in about one point in fifty: the phrase a search is timed on
PHRASE = "systems leadership"
PHRASE_SHARE = 0.02
# among the most frequent words of the seed article
COMMON_WORD = "leadership"
AUTHORS = ["Richard Vize", "Amina Patel", "Tom Hughes", "Grace Okafor", "Ian Reid"]
# a misspelling of COMMON_WORD that finds nothing, so the page offers
# "Did you mean"; the American spelling of a common word of the fixtures; the
# surname of one of the AUTHORS
MISSPELT_WORD = "leadershp"
US_SPELLING = "organizations"
AUTHOR_SURNAME = "Vize"


def _fixture_texts():
    for name in ("seed.json", "pages.json"):
        for entry in json.loads((settings.FIXTURE_DIRS[0] / name).read_text()):
            for value in entry["fields"].values():
                if isinstance(value, str) and " " in value:
                    yield re.sub(r"<[^>]+>", " ", value)


class Vocabulary:
    """The fixtures' words, each drawn as often as the fixtures use it."""

    def __init__(self, rng):
        counts = Counter(
            word.lower()
            for text in _fixture_texts()
            for word in re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", text)
        )
        counts.pop(RARE_WORD, None)
        self.rng = rng
        self.words = list(counts)
        self.cum_weights = []
        total = 0
        for word in self.words:
            total += counts[word]
            self.cum_weights.append(total)

    def words_of(self, low, high):
        count = self.rng.randint(low, high)
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def sentence(self, low, high):
        text = " ".join(self.words_of(low, high))
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, sentences, low=8, high=22):
        return " ".join(self.sentence(low, high) for _ in range(sentences))

    def title(self):
        return " ".join(self.words_of(4, 9)).capitalize()

    def point(self):
        """An argument point, sometimes with the timed phrase in it."""
        words = self.words_of(15, 45)
        if self.rng.random() < PHRASE_SHARE:
            at = self.rng.randrange(len(words))
            words[at:at] = PHRASE.split()
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def comment_texts(self, count):
        """Texts for the comments to share: a comment is 1 to 6 sentences."""
        return [self.paragraph(self.rng.randint(1, 6), 5, 20) for _ in range(count)]


def with_rare_word(text, rng):
    words = text.split(" ")
    words.insert(rng.randrange(1, len(words)), RARE_WORD)
    return " ".join(words)

"""Is a word ordinary English? Then it is never "corrected" into one of the site's words
("band" is not a typo for "bank", nor "weather" for "whether"), even when no answer uses it.

The list is pyspellchecker's English word frequencies (MIT licence), read once per process and
kept as a set of the words seen at least COMMON times (about 47,000 words, 6 MB), and the
EVERYDAY most used of them.
"""

import gzip
import json
from functools import cache
from importlib import resources

COMMON = 100
EVERYDAY = 1000  # the most used words of English ("last", "night", "keeps", "train")


@cache
def _counts():
    path = resources.files("spellchecker") / "resources" / "en.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return json.load(text)


@cache
def common_words():
    return frozenset(word for word, count in _counts().items() if count >= COMMON)


@cache
def everyday_words():
    counts = _counts()
    return frozenset(sorted(counts, key=counts.get, reverse=True)[:EVERYDAY])


def is_everyday(word):
    """One of the most used words of English: it seldom says what a question is about."""
    return word in everyday_words()


def is_english(word):
    return word in common_words()

"""Is a word ordinary English? Then it is never "corrected" into one of the site's words
("band" is not a typo for "bank", nor "weather" for "whether"), even when no answer uses it.

The list is pyspellchecker's English word frequencies (MIT licence), read once per process and
kept as a set of the words seen at least COMMON times (about 47,000 words, 6 MB).
"""

import gzip
import json
from functools import cache
from importlib import resources

COMMON = 100


@cache
def common_words():
    path = resources.files("spellchecker") / "resources" / "en.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        counts = json.load(text)
    return frozenset(word for word, count in counts.items() if count >= COMMON)


def is_english(word):
    return word in common_words()

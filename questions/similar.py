"""Published answers that may already answer a question, found with the site search."""

import re

from faq.search import STOP_WORDS, search

LIMIT = 5


def _key_words(text, count):
    """The longest distinct words that are not stop words: a question's most telling terms."""
    words = []
    for word in re.findall(r"[\w']+", text.lower()):
        word = word.strip("'")
        if len(word) > 3 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return sorted(words, key=len, reverse=True)[:count]


def similar_answers(text, *, limit=LIMIT):
    """Up to `limit` published answers. The search needs every term to match, so a long
    question is tried whole, then by its four and then two most telling words."""
    attempts = [text, " ".join(_key_words(text, 4)), " ".join(_key_words(text, 2))]
    tried = set()
    for query in attempts:
        if not query.strip() or query in tried:
            continue
        tried.add(query)
        hits = search(query, page=1, page_size=limit).hits
        if hits:
            return [hit.answer for hit in hits]
    return []

"""Published answers that may already answer a question, found with the site search."""

from faq.search import similar_answers as _similar
from faq.translations import language

LIMIT = 5


def similar_answers(text, *, limit=LIMIT):
    """Up to `limit` published answers, best first: the search ranks any of the words, so the
    question is searched as the person wrote it, in the page's language (in Welsh, Welsh
    answers first)."""
    return _similar(text, language=language(), limit=limit)

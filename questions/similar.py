"""Published answers that may already answer a question, found with the site search."""

from django.utils import translation

from faq.search import similar_answers as _similar
from faq.search import welsh

LIMIT = 5


def similar_answers(text, *, limit=LIMIT):
    """Up to `limit` published answers, best first: the search ranks any of the words, so the
    question is searched as the person wrote it (in Welsh on the Welsh pages, Welsh answers
    first)."""
    if translation.get_language() == welsh.LANGUAGE:
        return [hit.answer for hit in welsh.search(text, page=1, page_size=limit).hits]
    return _similar(text, limit=limit)

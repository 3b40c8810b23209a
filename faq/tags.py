"""The cache tags of faq's pages: one function per kind, used both to tag pages and to bump.

`caching` accepts only the `Tag`s made here (and in forces/tags.py), never a plain
string, so a misspelt tag cannot silently leave a page stale. Each tag is also the page's
surrogate key, the name a purge of Varnish or a CDN uses.
"""

from caching.tags import Tag
from forces.tags import all_answers as _all_answers


def all_answers():
    """Pages listing answers across the site (home, topic index, searches, the API lists)."""
    return _all_answers()


def answer(number):
    """Pages showing this answer's question, summary or body (its own, and those linking it)."""
    return Tag(f"answer:{int(number)}")


def all_topics():
    """Pages showing the topic tree or the top-level topics."""
    return Tag("topics")


def topic(pk):
    """Pages showing this topic's name, description or place in the tree."""
    return Tag(f"topic:{int(pk)}")


def topic_answers(pk):
    """Pages listing the answers filed under this topic."""
    return Tag(f"topic-answers:{int(pk)}")


def search_results():
    """Stored search result pages and suggestions (synonyms change them)."""
    return Tag("search")


def for_answer_change(answer_row, extra_numbers=()):
    """Every page that shows this answer: its own, those it links to or lists, its topics,
    the lists. `extra_numbers`: answers it linked to before this change."""
    numbers = {answer_row.number, *extra_numbers}
    numbers.update(answer_row.references_out.values_list("target_number", flat=True))
    topic_ids = set(answer_row.topics.values_list("pk", flat=True))
    if answer_row.primary_topic_id:
        topic_ids.add(answer_row.primary_topic_id)
    return [
        all_answers(),
        *(answer(n) for n in numbers),
        *(topic_answers(pk) for pk in topic_ids),
    ]

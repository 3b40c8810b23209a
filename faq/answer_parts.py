"""The parts of an answer page that are the same for every visitor, rendered once and kept.

Everything the answer page shows but the chosen force's information and the feedback form
depends only on the answer and the page's language: the head (canonical address, JSON-LD), the
breadcrumbs, the question and summary, the contents list, the body with its linked
cross-references and phone numbers, the related information and questions, the review date.
They are rendered from templates/faq/includes/answer_*.html when first asked for and kept in the
page cache (`caching.fragments.cached_fragment`) under the tags of the page itself
(`pages.answer_page_tags`), so whatever makes the page stale makes its parts stale too: every
bump in faq.workflow (an answer or its translation saved, published, archived, merged),
faq.topics (edits, moves) and faq.signals (new topics, deletions) reaches them, and they are
rendered again on the next request. Nothing is built ahead: a missing part (a deploy, an
eviction) is simply rendered.

templates/faq/answer_detail.html puts them together with the per-visitor parts.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from caching.fragments import cached_fragment

from . import pages
from .models import Answer, Live, Status
from .translations import ENGLISH, language

# Tags keep parts right; the timeout only bounds how long one nobody reads stays in Redis.
PARTS_TIMEOUT = 24 * 60 * 60
# What parts are made from besides content: a deploy that changes any of it starts afresh.
LAYOUT_SOURCES = ("templates/**/*.html", "faq/**/*.py", "common/**/*.py", "locale/**/*.po")


@dataclass(frozen=True)
class AnswerParts:
    pk: int
    number: int
    slug: str
    url: str
    jurisdiction: str
    title: str  # plain text, escaped where it is shown
    description: str
    head: str  # the rest are HTML
    breadcrumbs: str
    top: str
    middle: str
    bottom: str
    sensitive: bool
    tags: tuple

    def answer(self):
        """The answer as the per-visitor parts need it (number, jurisdiction): never saved."""
        return Answer(
            pk=self.pk, number=self.number, slug=self.slug, jurisdiction=self.jurisdiction
        )


def current(number, answer=None):
    """The parts of the live answer `number` in the page's language: the kept ones while
    nothing they show has changed, else rendered from `answer` (or read) and kept. None when
    no published answer that has not been merged away has that number."""

    def build():
        live = answer if answer is not None else _live_answer(number)
        if live is None or live.status != Status.PUBLISHED or live.replaced_by_id:
            return None, ()
        parts = render(live)
        return parts, parts.tags

    return cached_fragment(
        f"answer-parts:{_layout()}:{_key_language()}:{number}", build, timeout=PARTS_TIMEOUT
    )


def render(answer):
    """The parts of `answer` (in any state: staff preview drafts) in the page's language."""
    context = pages.answer_page(answer)
    context["SITE_URL"] = settings.SITE_URL

    def part(name):
        html = render_to_string(f"faq/includes/answer_{name}.html", context)
        return mark_safe(html.rstrip("\n"))  # our own templates, autoescaped

    breadcrumbs = render_to_string(
        "includes/breadcrumbs.html", {"crumbs": context["crumbs"], "current": None}
    )
    return AnswerParts(
        pk=answer.pk,
        number=answer.number,
        slug=answer.slug,
        url=answer.get_absolute_url(),
        jurisdiction=answer.jurisdiction,
        title=answer.question,
        description=answer.summary,
        head=part("head"),
        breadcrumbs=mark_safe(breadcrumbs),
        top=part("top"),
        middle=part("middle"),
        bottom=part("bottom"),
        sensitive=context["sensitive"],
        tags=tuple(pages.answer_page_tags(context)),
    )


def _live_answer(number):
    found = Answer.objects.with_sensitivity().resolve(number)
    return found.answer if isinstance(found, Live) else None


def _key_language():
    return language() or ENGLISH


@cache
def _layout():
    """A digest of the templates, code and catalogues parts are made from (once per process)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for pattern in LAYOUT_SOURCES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]

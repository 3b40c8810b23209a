"""Local information on answer pages: the chosen force's note, contact box and law notice.

The faq app calls `local_context(request, answer)`; everything it returns is for the templates
in templates/forces/includes/.
"""

from django.conf import settings
from django.utils import translation

from common.jurisdictions import Jurisdiction

from .choice import chosen_force
from .models import LocalNote, LocalNoteTranslation, Nation

# The legal system each nation's forces work under.
_NATION_JURISDICTION = {
    Nation.ENGLAND: Jurisdiction.ENGLAND_WALES,
    Nation.WALES: Jurisdiction.ENGLAND_WALES,
    Nation.SCOTLAND: Jurisdiction.SCOTLAND,
    Nation.NORTHERN_IRELAND: Jurisdiction.NORTHERN_IRELAND,
}


def law_may_differ(force, answer):
    """True when the answer is written for a different legal system than the force's."""
    if force is None:
        return False
    jurisdiction = _NATION_JURISDICTION.get(force.nation)
    if jurisdiction is None:  # Crown Dependencies make their own laws, even on UK-wide topics
        return True
    return answer.jurisdiction not in (Jurisdiction.UK, jurisdiction)


def local_context(request, answer):
    return local_for_force(chosen_force(request), answer)


def local_for_force(force, answer):
    """The local information of `force` (or None) on `answer`: its note and the law notice."""
    note = None
    if force is not None:
        note = LocalNote.objects.filter(force=force, answer=answer).first()
    if note is not None:
        _in_page_language(note)
    return {
        "local_force": force.in_language(translation.get_language()) if force else None,
        "local_note": note,
        "law_may_differ": law_may_differ(force, answer),
    }


def _in_page_language(note):
    """The note's Welsh text on a Welsh page (for display only); without one the English text
    stays, marked `shown_in = "en"`."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code == settings.LANGUAGE_CODE:
        return
    welsh = LocalNoteTranslation.objects.filter(note=note, language=code).first()
    note.shown_in = code if welsh else "en"
    if welsh:
        note.body = welsh.body

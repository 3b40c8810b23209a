"""Local information on answer pages: the chosen force's note, contact box and law notice.

The faq app calls `local_context(request, answer)`; everything it returns is for the templates
in templates/forces/includes/.
"""

from common.jurisdictions import Jurisdiction

from .choice import chosen_force
from .models import LocalNote, Nation

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
    return {
        "local_force": force,
        "local_note": note,
        "law_may_differ": law_may_differ(force, answer),
    }

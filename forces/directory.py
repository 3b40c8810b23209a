"""Reads behind the force directory and force pages."""

from django.utils import translation
from django.utils.translation import gettext as _

from .models import Force, ForceKind, LocalNote, Nation

NATION_ORDER = [
    Nation.ENGLAND,
    Nation.WALES,
    Nation.SCOTLAND,
    Nation.NORTHERN_IRELAND,
    Nation.CROWN_DEPENDENCIES,
]


def forces_by_nation():
    """[(heading, [forces])]: territorial forces by nation, then the national special forces."""
    language = translation.get_language()
    forces = [force.in_language(language) for force in Force.objects.order_by("name")]
    groups = [
        (nation.label, [f for f in forces if f.nation == nation and not f.is_special])
        for nation in NATION_ORDER
    ]
    special = [f for f in forces if f.kind == ForceKind.SPECIAL]
    groups.append((_("National and specialist forces"), special))
    return [(heading, members) for heading, members in groups if members]


def published_notes(force):
    return list(
        LocalNote.objects.on_published_answers()
        .filter(force=force)
        .select_related("answer")
        .order_by("answer__number")
    )

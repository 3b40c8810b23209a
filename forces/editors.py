"""Who may edit which force: the one rule every forces admin page asks.

A "Force editors" member edits only the force their ForceMembership names. The rule fails
closed: a member with no membership (or a user with a membership but no group) is still a force
editor, and reaches no force at all until a membership is added, never every force.
"""

from .models import ForceMembership

FORCE_EDITORS_GROUP = "Force editors"


def is_force_editor(user):
    if not (user and user.is_authenticated and user.is_active) or user.is_superuser:
        return False
    return (
        user.groups.filter(name=FORCE_EDITORS_GROUP).exists()
        or ForceMembership.objects.filter(user=user).exists()
    )


def editable_force_ids(user):
    """None for staff who are not force editors (their permissions decide); else the ids of the
    forces this force editor may edit: one, or none when their membership is missing."""
    if not is_force_editor(user):
        return None
    return list(ForceMembership.objects.filter(user=user).values_list("force_id", flat=True))


def missing_membership(user):
    """True for a force editor tied to no force: the admin shows it as a problem to fix."""
    return editable_force_ids(user) == []

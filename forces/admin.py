from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from common.admin_side_by_side import SIDE_BY_SIDE, SideBySideAdmin

from .editors import editable_force_ids, missing_membership
from .models import Force, ForceMembership, ImportedPostcode, LocalNote, LocalNoteTranslation

# Identity fields a force editor may not change: they keep the lookup and URLs working.
_IDENTITY_FIELDS = ("name", "name_cy", "slug", "code", "nation", "kind")


def editor_scope(request):
    """None when the user is not a force editor; else the ids of the forces they may edit (one,
    or none at all when their membership is missing: fail closed). Cached on the request."""
    if not hasattr(request, "_editor_scope"):
        request._editor_scope = editable_force_ids(request.user)
    return request._editor_scope


def editor_force_id(request):
    """The one force a force editor may edit (None for others, and for a member with none)."""
    scope = editor_scope(request)
    return scope[0] if scope else None


def is_scoped(request):
    return editor_scope(request) is not None


class ForceScopedAdmin(admin.ModelAdmin):
    """Force editors see and reach only their own force's records; others are a 404.

    A force editor without a membership sees nothing and can change nothing.
    """

    force_lookup = "force_id"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = editor_scope(request)
        if scope is not None:
            queryset = queryset.filter(**{f"{self.force_lookup}__in": scope})
        return queryset

    def _check_reachable(self, request, object_id):
        # get_object() uses the scoped queryset and turns a malformed id ("abc", NUL) into None.
        if object_id is not None and self.get_object(request, unquote(object_id)) is None:
            raise Http404("Not found")

    def has_view_permission(self, request, obj=None):
        return editor_scope(request) != [] and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return editor_scope(request) != [] and super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._check_reachable(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._check_reachable(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._check_reachable(request, object_id)
        return super().history_view(request, object_id, extra_context)


@admin.register(Force)
class ForceAdmin(ForceScopedAdmin):
    force_lookup = "pk"
    list_display = ("name", "short_name", "nation", "kind", "code", "updated_at")
    list_filter = ("nation", "kind")
    search_fields = ("name", "short_name", "slug", "code")
    prepopulated_fields = {"slug": ("short_name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "code", "nation", "kind")}),
        (
            "Contact",
            {
                "fields": (
                    "website",
                    "non_emergency_number",
                    "non_emergency_outside_area",
                    "report_online_url",
                    "contact_url",
                    "textphone",
                    "social_accounts",
                    "questions_email",
                )
            },
        ),
        ("About", {"fields": ("description",)}),
        (
            "In Welsh",
            {
                "description": "Shown on Welsh pages (/cy/). Leave a field blank and the English "
                "is shown there, marked as English.",
                "fields": (
                    "name_cy",
                    "short_name_cy",
                    "description_cy",
                    "non_emergency_outside_area_cy",
                    "textphone_cy",
                ),
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        if is_scoped(request):
            return _IDENTITY_FIELDS
        return ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if is_scoped(request) else self.prepopulated_fields

    def has_add_permission(self, request):
        return not is_scoped(request) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return not is_scoped(request) and super().has_delete_permission(request, obj)


class LocalNoteTranslationInline(admin.StackedInline):
    model = LocalNoteTranslation
    extra = 1  # a blank Welsh version to fill in, without JavaScript
    max_num = 1
    fields = ("body", "review", "last_reviewed")
    verbose_name = verbose_name_plural = "Welsh version (Cymraeg)"


@admin.register(LocalNote)
class LocalNoteAdmin(SideBySideAdmin, ForceScopedAdmin):
    inlines = (LocalNoteTranslationInline,)
    side_by_side_inline = LocalNoteTranslationInline
    side_by_side_pairs = [("body", "body")]
    fieldsets = [
        (None, {"fields": ["force", "answer"]}),
        ("The note", {"fields": ["body"], "classes": [SIDE_BY_SIDE]}),
    ]

    def get_inlines(self, request, obj):
        # The Welsh version is added once the note exists: the add form stays as it was.
        return self.inlines if obj is not None else ()

    list_display = ("__str__", "force", "answer", "updated_at")
    list_filter = ("force",)
    search_fields = ("answer__question", "answer__number", "force__name", "body")
    raw_id_fields = ("answer",)
    list_select_related = ("force", "answer")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = editor_scope(request)
        if scope is not None and db_field.name == "force":
            kwargs["queryset"] = Force.objects.filter(pk__in=scope)
            kwargs["initial"] = scope[0] if scope else None
        elif scope is not None and db_field.name == "answer":
            # Force editors write notes on published answers: they pick one by number and
            # question, and never need to read the answers admin (drafts, history, previews).
            return forms.ModelChoiceField(
                queryset=db_field.related_model.objects.published().order_by("number"),
                label="Answer",
                help_text="Published answers only.",
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request):
        return () if is_scoped(request) else self.list_filter

    def has_add_permission(self, request):
        return editor_scope(request) != [] and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return editor_scope(request) != [] and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        scope = editor_scope(request)
        if scope is not None:
            if not scope:
                raise PermissionDenied("No force membership")
            obj.force_id = scope[0]  # never another force's, whatever was posted
        super().save_model(request, obj, form, change)


@admin.register(ForceMembership)
class ForceMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "force")
    list_select_related = ("user", "force")
    search_fields = ("user__username", "user__email", "force__name")
    autocomplete_fields = ("force",)
    raw_id_fields = ("user",)


@admin.register(ImportedPostcode)
class ImportedPostcodeAdmin(admin.ModelAdmin):
    """Rows loaded by `manage.py import_postcodes`: to look at, not to edit by hand."""

    list_display = ("postcode", "force")
    list_select_related = ("force",)
    search_fields = ("postcode",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The user page: force memberships are edited there too, and a force editor without one is
# shown as a problem (they can edit nothing until it is fixed).


class ForceMembershipInline(admin.StackedInline):
    model = ForceMembership
    extra = 0
    max_num = 1
    autocomplete_fields = ("force",)
    verbose_name = "force membership (Force editors only)"


User = get_user_model()


class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ForceMembershipInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, unquote(object_id))
        if user is not None and request.method == "GET" and missing_membership(user):
            self.message_user(
                request,
                f"{user.get_username()} is in “Force editors” but has no force membership, so "
                "they can see and edit no force. Choose their force under “Force membership” "
                "below, or take them out of the group.",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)

from django.contrib import admin
from django.db import models
from django.http import Http404

from .models import Force, ForceMembership, ImportedPostcode, LocalNote

# Identity fields a force editor may not change: they keep the lookup and URLs working.
_IDENTITY_FIELDS = ("name", "slug", "code", "nation", "kind")


def editor_force_id(request):
    """The force a "Force editors" member is tied to, or None for everyone else."""
    if not hasattr(request, "_editor_force_id"):
        force_id = None
        user = request.user
        if user.is_authenticated and not user.is_superuser:
            force_id = (
                ForceMembership.objects.filter(user=user).values_list("force_id", flat=True).first()
            )
        request._editor_force_id = force_id
    return request._editor_force_id


class ForceScopedAdmin(admin.ModelAdmin):
    """Force editors see and reach only their own force's records; others are a 404."""

    force_lookup = "force_id"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        force_id = editor_force_id(request)
        if force_id is not None:
            queryset = queryset.filter(**{self.force_lookup: force_id})
        return queryset

    def _check_reachable(self, request, object_id):
        if editor_force_id(request) is not None and object_id is not None:
            if not self.get_queryset(request).filter(pk=object_id).exists():
                raise Http404("Not found")

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
    )

    def get_readonly_fields(self, request, obj=None):
        if editor_force_id(request) is not None:
            return _IDENTITY_FIELDS
        return ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if editor_force_id(request) is not None else self.prepopulated_fields

    def has_add_permission(self, request):
        return editor_force_id(request) is None and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return editor_force_id(request) is None and super().has_delete_permission(request, obj)


@admin.register(LocalNote)
class LocalNoteAdmin(ForceScopedAdmin):
    list_display = ("__str__", "force", "answer", "updated_at")
    list_filter = ("force",)
    search_fields = ("answer__question", "answer__number", "force__name", "body")
    raw_id_fields = ("answer",)
    list_select_related = ("force", "answer")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        force_id = editor_force_id(request)
        if db_field.name == "force" and force_id is not None:
            kwargs["queryset"] = Force.objects.filter(pk=force_id)
            kwargs["initial"] = force_id
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request):
        return () if editor_force_id(request) is not None else self.list_filter

    def save_model(self, request, obj, form, change):
        force_id = editor_force_id(request)
        if force_id is not None:
            obj.force_id = force_id  # never another force's, whatever was posted
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

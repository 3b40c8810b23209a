from django.contrib import admin

from . import queue
from .models import Invalidation


@admin.register(Invalidation)
class InvalidationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "target", "tags", "status", "attempts", "next_attempt_at")
    list_filter = ("status", "target")
    readonly_fields = [f.name for f in Invalidation._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("invalidation.change_invalidation")

    @admin.action(description="Retry now", permissions=["retry"])
    def retry_now(self, request, queryset):
        count = queue.retry_now(queryset)
        self.message_user(request, f"{count} invalidations will be sent on the worker's next pass.")

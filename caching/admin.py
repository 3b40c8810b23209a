from django.contrib import admin

from common.outbox import RetryNowAction

from .models import Invalidation


@admin.register(Invalidation)
class InvalidationAdmin(RetryNowAction, admin.ModelAdmin):
    list_display = ("created_at", "target", "tags", "status", "attempts", "next_attempt_at")
    list_filter = ("status", "target")
    readonly_fields = [f.name for f in Invalidation._meta.fields]
    retry_description = "Retry now"
    retried_message = "{count} invalidations will be sent on the worker's next pass."

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

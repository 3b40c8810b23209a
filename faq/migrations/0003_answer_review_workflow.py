"""Review intervals and due dates, answer owners, and the publish permission."""

import calendar

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def add_months(day, months):
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def fill_review_due(apps, schema_editor):
    """Existing answers fall due 12 months after their last review, publication or creation."""
    Answer = apps.get_model("faq", "Answer")
    fields = ("pk", "last_reviewed", "published_at", "created_at", "review_interval_months")
    for answer in Answer.objects.only(*fields):
        start = answer.last_reviewed or (answer.published_at or answer.created_at).date()
        due = add_months(start, answer.review_interval_months)
        Answer.objects.filter(pk=answer.pk).update(review_due=due)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0002_search_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="answer",
            options={
                "ordering": ["number"],
                "permissions": [("publish_answer", "Can publish, archive and merge answers")],
            },
        ),
        migrations.AddField(
            model_name="answer",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                help_text="The editor who keeps this answer correct and gets its review reminders.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="owned_answers",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="review_due",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="review_interval_months",
            field=models.PositiveSmallIntegerField(
                default=12,
                help_text="How often this answer must be checked against the law, in months.",
            ),
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(fields=["status", "review_due"], name="answer_status_review_due"),
        ),
        migrations.RunPython(fill_review_due, migrations.RunPython.noop),
    ]

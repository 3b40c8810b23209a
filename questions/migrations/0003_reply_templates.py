"""Starting points for replies; staff edit them in the admin."""

from django.db import migrations

TEMPLATES = [
    (
        "General answer",
        "Your question $reference",
        "Hello $name,\n\n"
        "Thank you for your question ($reference).\n\n"
        "[Write the answer here.]\n\n"
        "If you or someone else is in danger, call 999. To report a crime that is not an "
        "emergency, call 101.\n\n"
        "$site_name",
    ),
    (
        "Signposted to your local force",
        "Your question $reference",
        "Hello $name,\n\n"
        "Thank you for your question ($reference). Your local police force is best placed to "
        "help with this. You can contact them by calling 101, or through their website.\n\n"
        "[Add the force's details here.]\n\n"
        "If you or someone else is in danger, call 999.\n\n"
        "$site_name",
    ),
    (
        "Not a policing matter",
        "Your question $reference",
        "Hello $name,\n\n"
        "Thank you for your question ($reference). This is not something the police can help "
        "with, but these organisations may be able to:\n\n"
        "[Add the organisations here.]\n\n"
        "$site_name",
    ),
]


def add_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("questions", "ReplyTemplate")
    for name, subject, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(name=name, defaults={"subject": subject, "body": body})


def remove_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("questions", "ReplyTemplate")
    ReplyTemplate.objects.filter(name__in=[name for name, _s, _b in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("questions", "0002_moderators_group")]

    operations = [migrations.RunPython(add_templates, remove_templates)]

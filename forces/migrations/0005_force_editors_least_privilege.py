"""Force editors lose faq.view_answer: it let them read every draft answer, its preview and
history, and other forces' notes through the compare view. They pick the published answer a
note is on from the note's own form, which needs no answer permission."""

from django.db import migrations

GROUP = "Force editors"


def remove_view_answer(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="faq", codename="view_answer")
        )


def restore_view_answer(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="faq", codename="view_answer")
        )


class Migration(migrations.Migration):
    dependencies = [("forces", "0004_force_editors_group")]

    operations = [migrations.RunPython(remove_view_answer, restore_view_answer)]

"""Welsh starting points for replies to questions asked in Welsh (the English ones in 0003)."""

from django.db import migrations

TEMPLATES = [
    (
        "Ateb cyffredinol (Cymraeg)",
        "Eich cwestiwn $reference",
        "Helo,\n\n"
        "Diolch am eich cwestiwn ($reference).\n\n"
        "[Ysgrifennwch yr ateb yma.]\n\n"
        "Os ydych chi neu rywun arall mewn perygl, ffoniwch 999. I riportio trosedd nad yw'n "
        "argyfwng, ffoniwch 101.\n\n"
        "$site_name",
    ),
    (
        "Cyfeirio at eich heddlu lleol (Cymraeg)",
        "Eich cwestiwn $reference",
        "Helo,\n\n"
        "Diolch am eich cwestiwn ($reference). Eich heddlu lleol sydd yn y sefyllfa orau i "
        "helpu gyda hyn. Gallwch gysylltu â nhw drwy ffonio 101, neu drwy eu gwefan.\n\n"
        "[Ychwanegwch fanylion yr heddlu yma.]\n\n"
        "Os ydych chi neu rywun arall mewn perygl, ffoniwch 999.\n\n"
        "$site_name",
    ),
    (
        "Ddim yn fater i'r heddlu (Cymraeg)",
        "Eich cwestiwn $reference",
        "Helo,\n\n"
        "Diolch am eich cwestiwn ($reference). Dydy hyn ddim yn rhywbeth y gall yr heddlu "
        "helpu ag ef, ond efallai y gall y sefydliadau hyn helpu:\n\n"
        "[Ychwanegwch y sefydliadau yma.]\n\n"
        "$site_name",
    ),
]


def add_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("questions", "ReplyTemplate")
    for name, subject, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            name=name, defaults={"subject": subject, "body": body, "language": "cy"}
        )


def remove_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("questions", "ReplyTemplate")
    ReplyTemplate.objects.filter(name__in=[name for name, _s, _b in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("questions", "0004_language")]

    operations = [migrations.RunPython(add_templates, remove_templates)]

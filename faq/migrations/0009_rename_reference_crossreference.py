"""Reference → CrossReference: "reference" also meant an answer's Q-number and a question's
tracking code. A rename (the table and its rows are kept), never a drop and create."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0008_vocabulary_index_without_pending_list"),
    ]

    operations = [
        migrations.RenameModel(old_name="Reference", new_name="CrossReference"),
    ]

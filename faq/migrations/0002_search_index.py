from django.db import migrations


def create_gin_index(apps, schema_editor):
    # Full-text search runs on PostgreSQL only; SQLite keeps the column empty.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS faq_answer_search_vector_gin "
        "ON faq_answer USING gin (search_vector)"
    )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS faq_answer_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]

    operations = [migrations.RunPython(create_gin_index, drop_gin_index)]

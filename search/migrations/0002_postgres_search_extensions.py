"""unaccent and pg_trgm for the database search fallback; a no-op on other databases."""

from django.db import migrations


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalog_search", "0001_initial")]

    operations = [migrations.RunPython(create_extensions, migrations.RunPython.noop)]

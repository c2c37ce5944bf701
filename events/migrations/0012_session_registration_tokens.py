"""Existing session sign-ups get their own cancel-link token, then the token becomes unique.

Apart from 0010 so the rows are updated in their own transaction before the unique index is built."""

import uuid

from django.db import migrations, models


def give_tokens(apps, schema_editor):
    """Existing sign-ups get their own cancel-link token (a callable default would give all one)."""
    registration_model = apps.get_model("events", "SessionRegistration")
    for registration in registration_model.objects.filter(token__isnull=True).only("pk"):
        registration.token = uuid.uuid4()
        registration.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("events", "0011_visitors_meetings_series")]

    operations = [
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sessionregistration",
            name="token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]

"""English is the source language: copy every msgid into its English msgstr (and drop fuzzy marks).

Run after `makemessages`; the Polish catalogue is translated by hand.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fill site/locale/en/LC_MESSAGES/django.po with msgstr = msgid."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "site" / "locale" / "en" / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        changed = 0
        for entry in catalogue:
            # Hints about the previous msgid belong to fuzzy entries; with the mark gone they must go too.
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            if entry.msgid_plural:
                wanted = {0: entry.msgid, 1: entry.msgid_plural}
                if entry.msgstr_plural != wanted:
                    entry.msgstr_plural, changed = wanted, changed + 1
            elif entry.msgstr != entry.msgid:
                entry.msgstr, changed = entry.msgid, changed + 1
        catalogue.save()
        self.stdout.write(f"{changed} English messages filled in {path}.")

from django.core.management.base import BaseCommand, CommandError

from config.core.privacy import erase_personal_data


class Command(BaseCommand):
    help = "Erase or anonymise one person's data on request (RODO art. 17)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="confirm; without it nothing is changed")

    def handle(self, *args, email, yes, **options):
        if not yes:
            raise CommandError(
                "This cannot be undone. Run again with --yes to erase the data of this address."
            )
        for what, count in erase_personal_data(email).items():
            self.stdout.write(f"{what}: {count}")

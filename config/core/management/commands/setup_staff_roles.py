"""Create or complete the staff roles' groups (also done after every `migrate`)."""

from django.core.management.base import BaseCommand

from config.core.staff_roles import STAFF_ROLES, setup_staff_roles


class Command(BaseCommand):
    help = "Create or complete the groups of the staff roles: catalogue moderator, fair staff, editor."

    def handle(self, *args, **options):
        groups = setup_staff_roles()
        for role in STAFF_ROLES:
            group = groups[role.key]
            self.stdout.write(f"{role.key}: {group.name} ({group.permissions.count()} permissions)")

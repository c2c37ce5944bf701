"""The staff roles of the cluster: Django/Wagtail groups with the permissions each job really needs.

Staff are not one all-powerful group. A catalogue moderator verifies organisations' facts, moderates
offers and reviews letter-of-intent signatures and membership applications; fair staff run the fair
(applications, payments, invoices); an editor edits and publishes the brand site's pages, images and
documents and reads the contact messages. Only superusers hold everything (and manage users).

`setup_staff_roles` creates or updates the groups idempotently. It runs after every `migrate`
(post_migrate, so every deployment gets them) and as `manage.py setup_staff_roles`. It only ever adds
the listed permissions to the role's group: permissions an administrator granted by hand stay.

Views and services check the permission of the job (`catalog.change_offer` for moderation, ...), never
`is_staff`, so a role reaches only its own tools; `tests/test_permission_matrix.py` checks each role.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction


@dataclass(frozen=True)
class StaffRole:
    key: str  # stored as a verification's role (catalog.FactVerification.verified_by_role)
    group_name: str  # the Group's name, in Polish as the staff see it in the admin
    permissions: tuple[str, ...]  # "app_label.codename"
    page_permissions: tuple[str, ...] = ()  # Wagtail page permissions on the whole tree
    collection_permissions: tuple[str, ...] = ()  # image/document permissions on the root collection


def _model_permissions(app_label: str, actions: str, *models: str) -> tuple[str, ...]:
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions.split())


ACCESS_ADMIN = "wagtailadmin.access_admin"

CATALOGUE_MODERATOR = StaffRole(
    key="catalogue_moderator",
    group_name="Moderatorzy katalogu",
    permissions=(
        ACCESS_ADMIN,
        *_model_permissions("catalog", "view add change", "organisation", "organisationgalleryimage"),
        *_model_permissions("catalog", "view change", "offer", "offerimage", "factchange"),
        *_model_permissions("catalog", "view add change delete", "category", "cpvcode"),
        *_model_permissions("catalog", "view", "quoterequest", "factverification"),
        *_model_permissions("cms", "view change", "letterofintentsignature", "membershipconflict"),
        # Procurement: the legal-basis texts buyers choose from are maintained here; the rest is read.
        *_model_permissions("procurement", "view add change", "legalbasistemplate"),
        *_model_permissions("procurement", "view", "marketresearchnote", "procurementoutcome", "savedsearch"),
    ),
    collection_permissions=("wagtailimages.add_image", "wagtailimages.choose_image"),
)

FAIR_STAFF = StaffRole(
    key="fair_staff",
    group_name="Zespół targów",
    permissions=(
        ACCESS_ADMIN,
        *_model_permissions(
            "events",
            "view add change delete",
            "fair",
            "standtype",
            "standaddon",
            "pricingrule",
            "eventsession",
            "floorplan",
            "stand",
            "eventseries",
            "meetingslot",
        ),
        *_model_permissions("events", "view change", "exhibitorlisting", "visitorticket"),
        *_model_permissions("events", "view", "fairreminder"),
        *_model_permissions("events", "view change", "exhibitorapplication", "payment", "refund", "invoice"),
        *_model_permissions("events", "view", "sessionregistration", "statementline", "waitlistentry"),
        # Applications name their organisation; fair staff read it, they do not change it.
        "catalog.view_organisation",
    ),
)

EDITOR = StaffRole(
    key="editor",
    group_name="Redaktorzy",
    permissions=(
        ACCESS_ADMIN,
        *_model_permissions("cms", "view change delete", "contactmessage"),
        "cms.change_brandsettings",
    ),
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    collection_permissions=(
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
)

STAFF_ROLES = (CATALOGUE_MODERATOR, FAIR_STAFF, EDITOR)
SUPERUSER_ROLE = "superuser"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def setup_staff_roles() -> dict[str, Group]:
    """Create or complete the group of every staff role; returns them by role key. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role in STAFF_ROLES:
        group, _created = Group.objects.get_or_create(name=role.group_name)
        group.permissions.add(*(_permission(name) for name in role.permissions))
        for codename in role.page_permissions if root_page else ():
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
            )
        for name in role.collection_permissions if root_collection else ():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(name)
            )
        groups[role.key] = group
    return groups


def staff_role_of(user) -> str:
    """The role a staff member acted in (what a verified fact records instead of their name)."""
    if user.is_superuser:
        return SUPERUSER_ROLE
    names = set(user.groups.values_list("name", flat=True))
    for role in STAFF_ROLES:
        if role.group_name in names:
            return role.key
    return "cluster_staff"


def setup_staff_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate receiver: runs once the last app migrated, when every permission exists."""
    from django.apps import apps

    if sender.label != list(apps.get_app_configs())[-1].label:
        return
    setup_staff_roles()

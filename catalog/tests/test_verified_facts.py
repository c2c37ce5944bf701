"""Finding 2: members do not self-certify the facts buyers rely on.

A member's change of a verified fact (NIP, KRS/REGON, legal form, PS status, employee counts,
certificates) waits for staff beside the current value; the profile, the search document and the 30%
rule keep the verified value until staff approve; both steps are in the audit log; the profile says
when each fact was verified, and by the cluster staff (a role, never a name).
"""

import pytest
from wagtail.models import ModelLogEntry

from catalog.fact_models import FactChange, FactVerification
from catalog.models import Organisation
from catalog.tests.factories import OrganisationFactory, UserFactory, _valid_nip
from search.documents import organisation_source

from .test_portal import organisation_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, first_name="Katarzyna", last_name="Staffowa")


@pytest.fixture
def not_eligible(member):
    organisation = OrganisationFactory(employees_total=10, employees_disadvantaged=1)
    organisation.members.add(member)
    assert organisation.reserved_contract_eligible is False
    return organisation


def propose_eligibility(client, member, organisation):
    client.force_login(member)
    return client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/",
        organisation_form(organisation, employees_disadvantaged="3", description="Nowy opis"),
        follow=True,
    )


def test_a_members_change_of_employee_counts_waits_and_the_public_keeps_the_verified_value(
    client, member, not_eligible
):
    response = propose_eligibility(client, member, not_eligible)
    assert response.status_code == 200
    assert "gdy zweryfikuje je zespół klastra" in response.content.decode()

    not_eligible.refresh_from_db()
    assert not_eligible.employees_disadvantaged == 1
    assert not_eligible.reserved_contract_eligible is False
    assert not_eligible.description == "Nowy opis"  # the rest of the profile changed at once
    change = FactChange.objects.get(organisation=not_eligible)
    assert (change.field, change.current_value, change.proposed_value) == ("employees_disadvantaged", 1, 3)
    assert change.status == FactChange.Status.PENDING
    assert ModelLogEntry.objects.filter(
        action="catalog.fact_change_requested", object_id=str(not_eligible.pk), user=member
    ).exists()

    client.logout()
    profile = client.get(not_eligible.get_absolute_url()).content.decode()
    assert "1 z 10 pracowników" in profile and "3 z 10" not in profile  # the Polish profile
    assert organisation_source(not_eligible, [])["reserved"] is False  # the search document too


def test_staff_see_the_change_beside_the_current_value_and_approve_it(client, member, staff, not_eligible):
    propose_eligibility(client, member, not_eligible)
    client.force_login(staff)

    queue = client.get("/admin/katalog/weryfikacja/")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert not_eligible.name in html
    assert '<td data-role="current">1</td>' in html
    assert "<strong>3</strong>" in html

    change = FactChange.objects.get(organisation=not_eligible)
    decided = client.post("/admin/katalog/weryfikacja/", {"change": change.pk, "decision": "approve"})
    assert decided.status_code == 302

    not_eligible.refresh_from_db()
    assert not_eligible.employees_disadvantaged == 3
    assert not_eligible.reserved_contract_eligible is True  # the 30% rule, from the verified value
    assert organisation_source(not_eligible, [])["reserved"] is True
    assert ModelLogEntry.objects.filter(
        action="catalog.fact_change_approved", object_id=str(not_eligible.pk), user=staff
    ).exists()
    assert FactVerification.objects.get(organisation=not_eligible, field="employees_disadvantaged")

    client.logout()
    profile = client.get(not_eligible.get_absolute_url()).content.decode()
    assert "zweryfikowane przez zespół klastra" in profile
    assert "Staffowa" not in profile and "Katarzyna" not in profile
    # A second click decides nothing twice.
    again = client.post("/admin/katalog/weryfikacja/", {"change": change.pk, "decision": "approve"})
    assert again.status_code == 302
    assert ModelLogEntry.objects.filter(action="catalog.fact_change_approved").count() == 1


def test_staff_reject_with_a_reason_and_the_verified_value_stays(client, member, staff, not_eligible):
    propose_eligibility(client, member, not_eligible)
    change = FactChange.objects.get(organisation=not_eligible)
    client.force_login(staff)

    without_reason = client.post("/admin/katalog/weryfikacja/", {"change": change.pk, "decision": "reject"})
    assert without_reason.status_code == 302
    change.refresh_from_db()
    assert change.status == FactChange.Status.PENDING

    client.post(
        "/admin/katalog/weryfikacja/", {"change": change.pk, "decision": "reject", "note": "Brak umów"}
    )
    change.refresh_from_db()
    not_eligible.refresh_from_db()
    assert change.status == FactChange.Status.REJECTED and change.note == "Brak umów"
    assert not_eligible.employees_disadvantaged == 1 and not not_eligible.reserved_contract_eligible
    assert ModelLogEntry.objects.filter(action="catalog.fact_change_rejected", user=staff).exists()


def test_a_members_new_nip_waits_and_a_taken_nip_is_refused_at_the_field(client, member, not_eligible):
    other = OrganisationFactory()
    client.force_login(member)
    taken = client.post(
        f"/katalog/panel/organizacja/{not_eligible.slug}/", organisation_form(not_eligible, nip=other.nip)
    )
    assert taken.status_code == 200 and "nip" in taken.context["form"].errors

    new_nip = _valid_nip(777)
    client.post(
        f"/katalog/panel/organizacja/{not_eligible.slug}/", organisation_form(not_eligible, nip=new_nip)
    )
    assert Organisation.objects.get(pk=not_eligible.pk).nip != new_nip
    assert FactChange.objects.get(organisation=not_eligible, field="nip").proposed_value == new_nip
    page = client.get(f"/katalog/panel/organizacja/{not_eligible.slug}/").content.decode()
    assert "Czeka na weryfikację" in page and new_nip in page


def test_the_verification_queue_is_for_staff_only(client, member):
    client.force_login(member)
    assert client.get("/admin/katalog/weryfikacja/").status_code == 302


def test_who_asked_for_a_change_is_exported_and_erased_with_the_person(client, member, not_eligible):
    from config.core.privacy import erase_personal_data, export_personal_data

    propose_eligibility(client, member, not_eligible)
    exported = export_personal_data(member.email)
    [change] = exported["verified_fact_changes_requested"]
    assert (change["fact"], change["proposed_value"]) == ("employees_disadvantaged", 3)

    erase_personal_data(member.email)
    assert FactChange.objects.get(organisation=not_eligible).requested_by is None


def admin_form_data(form, **changes) -> dict:
    """The admin form's current values as a browser would post them, with `changes` applied."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            value = "on" if value else None
        if value is None:
            continue
        data[name] = [str(item) for item in value] if isinstance(value, (list, tuple)) else value
    for prefix in form.formsets:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0})
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    data.update(changes)
    return data


def test_staff_edits_of_verified_facts_in_the_admin_are_verifications_in_the_audit_log(
    client, member, not_eligible
):
    """Finding 2 in the admin: a catalogue moderator who corrects the employee counts verifies them."""
    from config.core.staff_roles import CATALOGUE_MODERATOR, setup_staff_roles

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(setup_staff_roles()[CATALOGUE_MODERATOR.key])
    FactChange.objects.create(
        organisation=not_eligible, field="employees_disadvantaged", current_value=1, proposed_value=3
    )
    client.force_login(moderator)
    url = f"/admin/katalog/organizacje/edit/{not_eligible.pk}/"
    form = client.get(url).context["form"]
    response = client.post(
        url, admin_form_data(form, employees_disadvantaged=5, description="Nowy opis działalności.")
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    not_eligible.refresh_from_db()
    assert not_eligible.employees_disadvantaged == 5
    assert not_eligible.reserved_contract_eligible is True  # 5 of 10: the 30% rule follows the fact
    verification = FactVerification.objects.get(organisation=not_eligible, field="employees_disadvantaged")
    assert verification.verified_by_role == "catalogue_moderator"
    # Only the facts that changed are verified: the description is no fact; the NIP was not touched.
    assert not FactVerification.objects.filter(organisation=not_eligible, field="nip").exists()
    entry = ModelLogEntry.objects.get(object_id=str(not_eligible.pk), action="catalog.fact_verified_by_staff")
    assert entry.user_id == moderator.pk
    assert entry.data["fields"] == ["employees_disadvantaged"]
    assert entry.data["values"] == {"employees_disadvantaged": 5}
    assert entry.data["role"] == "catalogue_moderator"
    # The member's older proposal of the same fact is superseded, not left to overwrite the staff's value.
    assert FactChange.objects.get(organisation=not_eligible).status == FactChange.Status.REJECTED


def test_an_admin_edit_that_leaves_the_facts_alone_verifies_nothing(client, not_eligible):
    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    url = f"/admin/katalog/organizacje/edit/{not_eligible.pk}/"
    form = client.get(url).context["form"]
    assert client.post(url, admin_form_data(form, description="Tylko opis.")).status_code == 302
    assert not FactVerification.objects.filter(organisation=not_eligible).exists()
    assert not ModelLogEntry.objects.filter(action="catalog.fact_verified_by_staff").exists()


def test_staff_without_the_moderators_role_cannot_verify_facts_in_the_portal(client, not_eligible):
    """An editor is staff, but not the catalogue's: the member portal refuses them (it used to admit any staff)."""
    from config.core.staff_roles import EDITOR, setup_staff_roles

    editor = UserFactory(is_staff=True)
    editor.groups.add(setup_staff_roles()[EDITOR.key])
    client.force_login(editor)
    assert client.get(f"/katalog/panel/organizacja/{not_eligible.slug}/").status_code == 403
    # Wagtail's admin answers a refused permission with a redirect to the dashboard.
    response = client.get("/admin/katalog/weryfikacja/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")

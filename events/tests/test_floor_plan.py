"""The floor plan: SVG sanitising, derived stand statuses, the stand choice under the lock order (with
20 exhibitors racing for one stand through the real view), the priority window and staff moves."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events import services
from events.floor_svg import PlanRejected, sanitise_svg
from events.models import ApplicationStatus, ExhibitorApplication, PricingRule, StandHold, StandType
from events.services import stands

from .floor_fixtures import map_row_of_stands

# --- SVG sanitising -------------------------------------------------------------------------------------


def test_sanitiser_keeps_drawing_and_stand_ids_and_drops_script_links_handlers_and_foreign_content():
    raw = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
        viewBox="0 0 100 100" onload="alert(1)">
      <script>alert(2)</script>
      <style>rect{fill:url(javascript:alert(3))}</style>
      <rect id="s-a1" x="0" y="0" width="10" height="20" onclick="alert(4)" style="fill:red"
            fill="url(http://evil.example/x)" stroke="#000"/>
      <a xlink:href="javascript:alert(5)"><rect id="link" width="5" height="5"/></a>
      <image href="http://evil.example/track.png" width="1" height="1"/>
      <use xlink:href="http://evil.example/sprite.svg#x"/>
      <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
      <g transform="translate(5 5)"><circle id="s-a2" cx="50" cy="60" r="4"/></g>
      <text x="1" y="90">Strefa A &amp; B</text>
    </svg>"""
    svg, shapes = sanitise_svg(raw)
    for forbidden in (
        "script",
        "alert",
        "onload",
        "onclick",
        "style",
        "url(",
        "evil",
        "image",
        "use",
        "foreignObject",
        "xlink",
        "<a",
    ):
        assert forbidden not in svg, forbidden
    assert 'id="s-a1"' in svg and 'stroke="#000"' in svg and "Strefa A &amp; B" in svg
    assert [(s.shape_id, s.x, s.y) for s in shapes] == [("s-a1", 5.0, 10.0), ("s-a2", 50.0, 60.0)]


def test_sanitiser_resolves_no_entities_and_refuses_what_is_not_a_small_svg():
    billion_laughs = b"""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">
      <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <svg xmlns="http://www.w3.org/2000/svg"><text>&b;&xxe;</text></svg>"""
    try:
        svg, _shapes = sanitise_svg(billion_laughs)
    except PlanRejected:
        pass  # refusing the document is as good as keeping it inert
    else:
        assert "aaaa" not in svg and "root:" not in svg
    with pytest.raises(PlanRejected):
        sanitise_svg(b"<html><body>not a plan</body></html>")
    with pytest.raises(PlanRejected):
        sanitise_svg(b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * (600 * 1024) + b"</svg>")
    many = b"".join(b"<rect/>" for _ in range(5001))
    with pytest.raises(PlanRejected):
        sanitise_svg(b"<svg xmlns='http://www.w3.org/2000/svg'>" + many + b"</svg>")


# --- statuses and choosing ------------------------------------------------------------------------------


@pytest.fixture
def big_type(fair):
    return StandType.objects.create(fair=fair, name="Stoisko 3×3 m", capacity=30, price_net=45000)


@pytest.fixture
def row(fair, big_type):
    return map_row_of_stands(fair, big_type)


def test_statuses_are_derived_from_holds_payments_and_the_staff_flag(row, make_application, big_type):
    plan = row["B12"].floor_plan
    assert set(stands.stand_statuses(plan).values()) == {stands.AVAILABLE}
    held = make_application(approved=True, stand=big_type)
    StandHold.objects.create(
        stand_type=big_type,
        application=held,
        stand=row["B11"],
        expires_at=timezone.now() + timedelta(minutes=5),
    )
    StandHold.objects.create(
        stand_type=big_type,
        application=held,
        stand=row["B13"],
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    sold = make_application(approved=True, stand=big_type)
    ExhibitorApplication.objects.filter(pk=sold.pk).update(
        status=ApplicationStatus.CONFIRMED, stand=row["B12"]
    )
    services.set_stand_blocked(row["B14"], True, by=None)
    statuses = {s.number: stands.stand_statuses(plan)[s.pk] for s in row.values()}
    assert statuses == {
        "B10": "available",
        "B11": "held",
        "B12": "sold",
        "B13": "available",
        "B14": "blocked",
    }
    with pytest.raises(services.FairError):
        services.set_stand_blocked(row["B12"], True, by=None)


@pytest.mark.stripe
def test_choosing_a_stand_holds_it_with_the_payment_and_a_taken_stand_offers_the_nearest(
    stripe_api_base, row, make_application, big_type, checkout_urls
):
    first = make_application(approved=True, stand=big_type)
    payment = services.start_checkout(first, stand=row["B12"], **checkout_urls)
    assert payment.hold.stand == row["B12"] and payment.checkout_url
    first.refresh_from_db()
    assert first.stand == row["B12"]
    # A double-click on the same stand returns the same session.
    assert services.start_checkout(first, stand=row["B12"], **checkout_urls).pk == payment.pk

    second = make_application(approved=True, stand=big_type)
    with pytest.raises(services.StandTaken) as taken:
        services.start_checkout(second, stand=row["B12"], **checkout_urls)
    assert [s.number for s in taken.value.nearest] == ["B11", "B13", "B10"]
    assert not StandHold.objects.filter(application=second).exists()


@pytest.mark.stripe
@pytest.mark.django_db(transaction=True)
def test_twenty_exhibitors_choosing_the_same_stand_at_once_one_holds_it_the_others_get_the_nearest(
    stripe_api_base, fair, make_application
):
    """Twenty approved exhibitors press "hold this stand and pay" for B12 (the real view, start_checkout
    and stripe-mock) at the same moment, each on its own database connection."""
    assert connection.vendor == "postgresql"
    big_type = StandType.objects.create(fair=fair, name="Stoisko 3×3 m", capacity=30, price_net=45000)
    row = map_row_of_stands(fair, big_type)
    tokens = [make_application(approved=True, stand=big_type).access_token for _ in range(20)]
    barrier = threading.Barrier(len(tokens))
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()

    def choose(token):
        try:
            barrier.wait()
            response = Client().post(f"/targi/zgloszenie/{token}/stoisko/", {"stand": row["B12"].pk})
            body = response.content.decode()
            if response.status_code == 303 and response.headers["Location"].startswith("http"):
                result = ("checkout", "")
            elif response.status_code == 409 and 'data-testid="nearest-stands"' in body:
                nearest = body.split('data-testid="nearest-stands"')[1].split("</fieldset>")[0]
                told = "B12" in body.split('data-testid="stand-error"')[1].split("</div>")[0]
                result = (
                    "told" if told else "not told",
                    ",".join(n for n in ("B11", "B13", "B10") if n in nearest),
                )
            else:
                result = (f"{response.status_code}", "")
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            result = (repr(error), "")
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=choose, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert outcomes.count(("checkout", "")) == 1, outcomes
    assert outcomes.count(("told", "B11,B13,B10")) == 19, outcomes
    holds = StandHold.objects.filter(
        stand=row["B12"], released_at__isnull=True, expires_at__gt=timezone.now()
    )
    assert holds.count() == 1
    assert ExhibitorApplication.objects.filter(stand=row["B12"]).count() == 1
    assert stands.stand_statuses(row["B12"].floor_plan)[row["B12"].pk] == stands.HELD


@pytest.mark.stripe
def test_priority_window_lets_only_members_choose_until_its_date(
    stripe_api_base, row, make_application, big_type, member_organisation, checkout_urls
):
    plan = row["B12"].floor_plan
    plan.priority_until = timezone.now() + timedelta(days=3)
    plan.priority_eligibility = PricingRule.Eligibility.ACTIVE_MEMBER
    plan.save()
    outsider = make_application(approved=True, stand=big_type)
    with pytest.raises(services.FairError, match="priority"):
        services.start_checkout(outsider, stand=row["B12"], **checkout_urls)
    member = make_application(approved=True, stand=big_type, organisation=member_organisation)
    assert services.start_checkout(member, stand=row["B12"], **checkout_urls).hold.stand == row["B12"]

    plan.priority_until = timezone.now() - timedelta(minutes=1)
    plan.save()
    assert services.start_checkout(outsider, stand=row["B13"], **checkout_urls).hold.stand == row["B13"]


def test_a_free_confirmed_exhibitor_takes_a_stand_and_staff_move_them_with_an_audit_entry(
    row, make_application, big_type, admin_user
):
    PricingRule.objects.create(stand_type=big_type, eligibility="ps_status", discount_percent=100)
    application = make_application(approved=True, stand=big_type)
    ExhibitorApplication.objects.filter(pk=application.pk).update(status=ApplicationStatus.CONFIRMED)
    application.refresh_from_db()
    services.choose_stand(application, row["B12"])
    application.refresh_from_db()
    assert (application.stand, application.stand_number) == (row["B12"], "B12")
    with pytest.raises(services.FairError):
        services.choose_stand(application, row["B13"])  # one stand per exhibitor; staff move them

    services.move_exhibitor(application, row["B14"], by=admin_user)
    application.refresh_from_db()
    assert (application.stand, application.stand_number) == (row["B14"], "B14")
    entry = ModelLogEntry.objects.get(action="events.stand.moved", object_id=str(application.pk))
    assert entry.user == admin_user and entry.data == {"previous": "B12", "stand": "B14"}
    statuses = stands.stand_statuses(row["B12"].floor_plan)
    assert statuses[row["B12"].pk] == "available" and statuses[row["B14"].pk] == "sold"

    other = make_application(approved=True, stand=big_type)
    ExhibitorApplication.objects.filter(pk=other.pk).update(status=ApplicationStatus.CONFIRMED)
    with pytest.raises(services.StandTaken):
        services.move_exhibitor(other, row["B14"], by=admin_user)


def test_the_list_view_works_without_javascript_and_the_plan_is_keyboard_operable(
    client, row, make_application, big_type
):
    application = make_application(approved=True, stand=big_type)
    services.set_stand_blocked(row["B10"], True, by=None)
    response = client.get(f"/targi/zgloszenie/{application.access_token}/stoisko/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert body.count('type="radio" name="stand"') == 4  # B10 is blocked: no radio button
    assert f'id="stand-{row["B12"].pk}"' in body
    assert 'tabindex="0" role="button"' in body and "<script>" not in body
    assert "B10: zablokowane" in body and "Zarezerwuj to stoisko i zapłać" in body


@pytest.mark.stripe
def test_money_after_the_hold_ran_out_confirms_the_place_but_not_a_stand_someone_else_took(
    stripe_api_base, row, make_application, big_type, checkout_urls
):
    from .conftest import session_object

    late = make_application(approved=True, stand=big_type)
    late_payment = services.start_checkout(late, stand=row["B12"], **checkout_urls)
    StandHold.objects.filter(pk=late_payment.hold_id).update(expires_at=timezone.now() - timedelta(minutes=1))
    quick = make_application(approved=True, stand=big_type)
    quick_payment = services.start_checkout(quick, stand=row["B12"], **checkout_urls)

    services.fulfil_payment(session_object(late_payment))
    late.refresh_from_db()
    assert (late.status, late.stand, late.stand_number) == (ApplicationStatus.CONFIRMED, None, "")
    assert ModelLogEntry.objects.filter(action="events.stand.lost", object_id=str(late.pk)).exists()

    services.fulfil_payment(session_object(quick_payment, intent="pi_quick"))
    quick.refresh_from_db()
    assert (quick.status, quick.stand, quick.stand_number) == (ApplicationStatus.CONFIRMED, row["B12"], "B12")
    assert stands.stand_statuses(row["B12"].floor_plan)[row["B12"].pk] == stands.SOLD


def test_staff_upload_through_the_admin_stores_only_the_sanitised_plan_and_audits_it(admin_client, fair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.models import FloorPlan

    raw = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect id="s-a1" width="9" height="9" onclick="x()"/></svg>'
    response = admin_client.post(
        f"/admin/targi/plan/{fair.pk}/",
        {"action": "upload", "svg": SimpleUploadedFile("hala.svg", raw, content_type="image/svg+xml")},
    )
    assert response.status_code == 302
    plan = FloorPlan.objects.get(fair=fair)
    assert 'id="s-a1"' in plan.svg and "script" not in plan.svg and "onclick" not in plan.svg
    assert ModelLogEntry.objects.filter(action="events.floor_plan.uploaded", object_id=str(fair.pk)).exists()
    response = admin_client.post(
        f"/admin/targi/plan/{fair.pk}/",
        {"action": "upload", "svg": SimpleUploadedFile("hala.svg", b"<html/>", content_type="image/svg+xml")},
    )
    assert response.status_code == 200 and FloorPlan.objects.get(fair=fair).svg == plan.svg


def test_at_a_fair_without_approval_the_stand_is_chosen_right_after_applying(client, fair, big_type, row):
    from .conftest import application_data

    fair.requires_approval = False
    fair.save()
    data = {k: v for k, v in application_data().items() if k != "language"}
    response = client.post(f"/targi/{fair.slug}/zgloszenie/", {**data, "stand_type": big_type.pk})
    application = ExhibitorApplication.objects.get(fair=fair)
    assert application.status == ApplicationStatus.APPROVED
    assert response.status_code == 302
    assert response["Location"] == f"/targi/zgloszenie/{application.access_token}/stoisko/"


def test_a_bank_transfer_holds_the_chosen_stand_and_staff_recording_the_money_sell_it(
    client, row, make_application, big_type, admin_user
):
    first = make_application(approved=True, stand=big_type)
    response = client.post(
        f"/targi/zgloszenie/{first.access_token}/stoisko/", {"stand": row["B12"].pk, "method": "transfer"}
    )
    assert response.status_code == 302
    payment = first.payments.get()
    assert payment.method == "transfer" and payment.hold.stand == row["B12"]

    second = make_application(approved=True, stand=big_type)
    with pytest.raises(services.StandTaken) as taken:
        services.choose_bank_transfer(second, stand=row["B12"])
    assert [s.number for s in taken.value.nearest][:2] == ["B11", "B13"]

    services.mark_transfer_paid(first, by=admin_user)
    first.refresh_from_db()
    assert (first.status, first.stand_number) == (ApplicationStatus.CONFIRMED, "B12")
    assert stands.stand_statuses(row["B12"].floor_plan)[row["B12"].pk] == stands.SOLD

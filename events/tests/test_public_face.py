"""The fair as an exhibitor meets it (issue 15): the application form, the status page, the event page."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from events import services
from events.tests.test_views_and_staff import _form_post

pytestmark = pytest.mark.django_db


def apply_page(client, fair, data=None):
    url = f"/targi/{fair.slug}/zgloszenie/"
    response = client.post(url, data) if data is not None else client.get(url)
    return response, response.content.decode()


def test_the_form_opens_with_price_deadline_and_what_happens_next(client, fair, stand_type):
    _response, html = apply_page(client, fair)
    intro = html.split("data-apply-intro")[1].split("</dl>")[0]

    assert "Co dalej" in html and 'class="stepper"' in html
    assert "od " in intro and "zł brutto" in intro
    if fair.application_deadline:
        assert fair.application_deadline.strftime("%d.%m.%Y") in html


def test_stand_options_name_the_stand_and_price_not_the_fair(client, fair, stand_type):
    _response, html = apply_page(client, fair)
    options = re.findall(r'<label for="id_stand_type_\d+">([^<]*)</label>', html)

    assert options and all(fair.name not in option for option in options)
    assert all("zł" in option for option in options)


def test_labels_end_without_a_colon(client, fair, stand_type):
    _response, html = apply_page(client, fair)

    labels = re.findall(r"<label[^>]*>([^<]+)", html)
    assert labels and not [label for label in labels if label.strip().endswith(":")]


def test_an_empty_submit_gets_an_error_summary_that_links_to_each_field_and_no_add_on_error(
    client, fair, stand_type
):
    # A browser always sends the CSRF token, so an "empty" form is never an empty POST.
    response, html = apply_page(client, fair, {"csrfmiddlewaretoken": "x"})

    assert response.status_code == 200
    assert 'id="error-summary"' in html and 'tabindex="-1"' in html
    assert 'href="#id_stand_type"' in html and 'href="#id_nip"' in html
    assert "Wybierz rodzaj stoiska." in html
    assert "dodatki" not in html.split('id="error-summary"')[1].split("</div>")[0].lower()


def test_terms_and_privacy_notice_are_linked_from_their_consents(client, fair, stand_type):
    _response, html = apply_page(client, fair)

    assert 'href="#fair-terms"' in html and 'id="fair-terms"' in html
    assert 'href="#fair-privacy"' in html and 'id="fair-privacy"' in html
    days = settings.DATA_RETENTION_DAYS["rejected_applications"]
    assert f"po {days} dniach" in html


@pytest.mark.parametrize("phone", ["abc", "12", "600-abc-123"])
def test_a_phone_that_is_not_a_number_is_refused(client, fair, stand_type, phone):
    response, html = apply_page(client, fair, _form_post(stand_type, contact_phone=phone))

    assert response.status_code == 200
    assert "Podaj numer telefonu" in html


def test_a_real_phone_number_is_accepted(client, fair, stand_type):
    response, _html = apply_page(client, fair, _form_post(stand_type, contact_phone="+48 (58) 123-45-67"))

    assert response.status_code == 302


def test_the_status_page_makes_paying_primary_and_cancelling_a_danger_action(client, make_application):
    application = make_application(approved=True)
    html = client.get(application.get_absolute_url()).content.decode()

    cancel = re.search(r'<button[^>]*data-testid="cancel-application"[^>]*>', html)[0]
    transfer = re.search(r'<button[^>]*data-testid="pay-transfer"[^>]*>', html)[0]
    assert "button--danger" in cancel
    assert "button--danger" not in transfer
    assert html.index('data-testid="pay-transfer"') < html.index('data-testid="cancel-application"')
    assert 'class="summary-list application-summary"' in html


def test_transfer_details_name_the_recipient_and_the_deadline(client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    with translation.override("pl"):
        html = client.get(application.get_absolute_url()).content.decode()
    hold = application.holds.filter(released_at__isnull=True).order_by("-expires_at").first()

    assert settings.INVOICE_SELLER["name"] in html.split('data-testid="transfer-recipient">')[1]
    deadline = html.split('data-testid="transfer-deadline">')[1]
    from django.utils import timezone

    assert timezone.localtime(hold.expires_at).strftime("%d.%m.%Y") in deadline.split("</dd>")[0]


def test_the_event_page_of_a_fair_leads_with_book_a_stand_and_states_funding_in_polish(client, fair):
    from wagtail.models import Site

    from events.pages import EventIndexPage
    from events.tests.test_event_pages import _event

    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=EventIndexPage(title="Wydarzenia", slug="wydarzenia"))
    event = _event(index, fair=fair)
    html = client.get(event.url).content.decode()

    apply = re.search(r'<a class="button button--large" href="([^"]+)" data-testid="apply-for-stand">', html)
    assert apply and apply[1] == f"/targi/{fair.slug}/zgloszenie/"
    assert html.index('data-testid="apply-for-stand"') < html.index('data-testid="ical"')
    assert "button--quiet" in re.search(r'<a class="[^"]*" href="[^"]*" data-testid="ical">', html)[0]
    assert "Współfinansowane przez Unię Europejską (Interreg)" in html
    assert "Co-funded by the European Union (Interreg)" not in html

from django.urls import path

from . import floor_views, meeting_views, views, visitor_views

app_name = "events"

urlpatterns = [
    path("<slug:slug>/", views.fair_detail, name="fair"),
    path("<slug:slug>/zgloszenie/", views.apply, name="apply"),
    path("<slug:slug>/wystawcy/", floor_views.exhibitor_catalogue, name="exhibitor_catalogue"),
    path("<slug:slug>/katalog-wystawcow.pdf", floor_views.catalogue_pdf, name="catalogue_pdf"),
    path("zgloszenie/<uuid:token>/stoisko/", floor_views.choose_stand, name="choose_stand"),
    path("zgloszenie/<uuid:token>/wizytowka/", floor_views.edit_listing, name="listing"),
    path("zgloszenie/<uuid:token>/", views.application_detail, name="application"),
    path("zgloszenie/<uuid:token>/zaplac/", views.pay_online, name="pay_online"),
    path("zgloszenie/<uuid:token>/przelew/", views.pay_by_transfer, name="pay_by_transfer"),
    path("zgloszenie/<uuid:token>/platnosc/sukces/", views.checkout_success, name="checkout_success"),
    path("zgloszenie/<uuid:token>/platnosc/anulowana/", views.checkout_cancel, name="checkout_cancel"),
    path("zgloszenie/<uuid:token>/anuluj/", views.cancel, name="cancel"),
    path("zgloszenie/<uuid:token>/proforma.pdf", views.proforma_pdf, name="proforma_pdf"),
    path("zgloszenie/<uuid:token>/dokument/<int:invoice_id>.pdf", views.invoice_pdf, name="invoice_pdf"),
]

# Visitors (issue 19): tickets, session sign-up links, buyer–supplier meetings.
urlpatterns += [
    path("wydarzenie/<int:page_id>/rejestracja/", visitor_views.register, name="visitor_register"),
    path("bilet/<uuid:token>/", visitor_views.ticket, name="ticket"),
    path("bilet/<uuid:token>/potwierdz/", visitor_views.ticket_confirm, name="ticket_confirm"),
    path("bilet/<uuid:token>/odbierz/", visitor_views.ticket_claim, name="ticket_claim"),
    path("bilet/<uuid:token>/anuluj/", visitor_views.ticket_cancel, name="ticket_cancel"),
    path("bilet/<uuid:token>/bilet.pdf", visitor_views.ticket_pdf, name="ticket_pdf"),
    path("bilet/<uuid:token>/spotkania/", meeting_views.buyer_meetings, name="buyer_meetings"),
    path("bilet/<uuid:token>/spotkania/rezerwuj/", meeting_views.book, name="book_meeting"),
    path("bilet/<uuid:token>/spotkania.ics", meeting_views.buyer_ics, name="buyer_meetings_ics"),
    path("zapisy/<uuid:token>/anuluj/", visitor_views.session_cancel, name="session_cancel"),
    path("zapisy/<uuid:token>/odbierz/", visitor_views.session_claim, name="session_claim"),
    path("zgloszenie/<uuid:token>/spotkania/", meeting_views.exhibitor_meetings, name="exhibitor_meetings"),
    path("zgloszenie/<uuid:token>/spotkania.ics", meeting_views.exhibitor_ics, name="exhibitor_meetings_ics"),
    path("zgloszenie/<uuid:token>/obsluga-stoiska/", meeting_views.stand_staff, name="stand_staff"),
    path("spotkanie/<uuid:token>/wynik/", meeting_views.meeting_follow_up, name="meeting_follow_up"),
]

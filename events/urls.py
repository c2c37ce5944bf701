from django.urls import path

from . import floor_views, views

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

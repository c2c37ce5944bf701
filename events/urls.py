from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("<slug:slug>/", views.fair_detail, name="fair"),
    path("<slug:slug>/zgloszenie/", views.apply, name="apply"),
    path("zgloszenie/<uuid:token>/", views.application_detail, name="application"),
    path("zgloszenie/<uuid:token>/zaplac/", views.pay_online, name="pay_online"),
    path("zgloszenie/<uuid:token>/przelew/", views.pay_by_transfer, name="pay_by_transfer"),
    path("zgloszenie/<uuid:token>/platnosc/sukces/", views.checkout_success, name="checkout_success"),
    path("zgloszenie/<uuid:token>/platnosc/anulowana/", views.checkout_cancel, name="checkout_cancel"),
    path("zgloszenie/<uuid:token>/anuluj/", views.cancel, name="cancel"),
    path("zgloszenie/<uuid:token>/proforma.pdf", views.proforma_pdf, name="proforma_pdf"),
    path("zgloszenie/<uuid:token>/dokument/<int:invoice_id>.pdf", views.invoice_pdf, name="invoice_pdf"),
]

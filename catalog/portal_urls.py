from django.urls import path

from . import portal_views

urlpatterns = [
    path("", portal_views.dashboard, name="portal"),
    path("organizacja/<slug:slug>/", portal_views.organisation_edit, name="portal_organisation"),
    path("organizacja/<slug:slug>/nowa-oferta/", portal_views.offer_create, name="portal_offer_create"),
    path("oferty/<slug:slug>/", portal_views.offer_edit, name="portal_offer"),
    path("zapytania/<int:pk>/", portal_views.quote_answer, name="portal_quote"),
]

from django.urls import include, path, re_path

from search import views as search_views

from . import views

app_name = "catalog"

urlpatterns = [
    path("", search_views.offer_list, name="offers"),
    path("organizacje/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("oferty/<slug:slug>/", views.offer_detail, name="offer"),
    path("wplyw-spoleczny/", views.impact, name="impact"),
    path("wybrane/", views.shortlist, name="shortlist"),
    path("wybrane/dodaj/", views.shortlist_add, name="shortlist_add"),
    path("wybrane/usun/", views.shortlist_remove, name="shortlist_remove"),
    re_path(r"^wybrane/eksport\.(?P<file_format>csv|xlsx)$", views.shortlist_export, name="shortlist_export"),
    path("zapytanie-ofertowe/", views.quote_request_create, name="quote_request_create"),
    path("zapytania/<str:token>/", views.quote_request_detail, name="quote_request"),
    path("panel/", include("catalog.portal_urls")),
]

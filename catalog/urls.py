from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.offer_list, name="offers"),
    path("organizacje/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("oferty/<slug:slug>/", views.offer_detail, name="offer"),
]

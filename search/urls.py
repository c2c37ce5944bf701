from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_redirect, name="search"),
    path("organizacje/", views.organisation_list, name="organisations"),
]

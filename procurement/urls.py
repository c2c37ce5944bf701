from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("zapytania/<str:token>/porownanie/", views.comparison, name="comparison"),
    path("zapytania/<str:token>/zalacznik/<int:pk>/", views.attachment, name="attachment"),
]

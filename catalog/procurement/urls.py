from django.urls import path, re_path

from . import views

app_name = "procurement"

urlpatterns = [
    path("zapytania/<str:token>/porownanie/", views.comparison, name="comparison"),
    path("zapytania/<str:token>/zalacznik/<int:pk>/", views.attachment, name="attachment"),
    path("zapytania/<str:token>/notatka/", views.note, name="note"),
    re_path(
        r"^zapytania/(?P<token>[^/]+)/notatka\.(?P<language>pl|en)\.(?P<file_format>pdf|docx)$",
        views.note_document,
        name="note_document",
    ),
    path("weryfikacja/<str:token>/", views.verify_note, name="verify"),
    path("wyszukiwania/zapisz/", views.saved_search_create, name="saved_search_create"),
    path("wyszukiwania/potwierdz/<str:token>/", views.saved_search_confirm, name="saved_search_confirm"),
    path("wyszukiwania/wypisz/<str:token>/", views.saved_search_unsubscribe, name="saved_search_unsubscribe"),
    re_path(
        r"^zapytania/(?P<token>[^/]+)/eksport\.(?P<file_format>csv|xlsx)$",
        views.answers_export,
        name="answers_export",
    ),
    path("zapytania/<str:token>/wynik/", views.outcome, name="outcome"),
    re_path(
        r"^zapytania/(?P<token>[^/]+)/kupuj-spolecznie-(?P<year>20\d\d)\.pdf$",
        views.buyer_report,
        name="buyer_report",
    ),
    path("wyniki/<int:pk>/potwierdz/", views.outcome_confirm, name="outcome_confirm"),
    re_path(
        r"^kupuj-spolecznie-(?P<year>20\d\d)\.(?P<file_format>csv|xlsx)$",
        views.ledger_open_data,
        name="ledger_open_data",
    ),
]

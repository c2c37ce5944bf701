"""The public JSON API: same service as the HTML page, clear 400s, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_offers_endpoint_returns_count_results_and_facets(client, search_index):
    response = client.get("/api/v1/offers/", {"q": "sprzatanie biur gdansk"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1
    first = body["results"][0]
    assert first["id"] == "cd-sprzatanie-biur"
    assert first["organisation"] == {"id": "fund-czysty-dom", "name": "Fundacja „Czysty Dom”"}
    assert first["title"] and "highlight" in first
    assert body["facets"]["category"]["sprzatanie"] >= 1
    assert body["simplified"] is False


def test_offers_endpoint_accepts_repeated_filters_and_geo(client, search_index):
    response = client.get(
        "/api/v1/offers/?category=sprzatanie&category=zielen-ogrodnictwo&near=54.46,17.03&radius_km=20&sort=distance"
    )
    assert response.status_code == 200
    ids = [result["id"] for result in response.json()["results"]]
    assert set(ids) == {"so-koszenie-trawy", "so-sprzatanie-slupsk"}


@pytest.mark.parametrize(
    "query",
    [
        "cpv=abc",
        "near=1",
        "sort=distance",
        "page=9999",
        "per_page=0",
        "ps=perhaps",
        "category=nope",
        "town=Paryż",
    ],
)
def test_invalid_parameter_gets_400_with_a_message(client, catalogue, query):
    response = client.get(f"/api/v1/offers/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    name = query.split("=")[0]
    assert body["errors"][name][0]


@pytest.mark.parametrize("q", ['"', "AND(", "😀", "x" * 5000, "a:b OR c~2"])
def test_odd_queries_never_give_a_server_error(client, search_index, q):
    assert client.get("/api/v1/offers/", {"q": q}).status_code == 200
    assert client.get("/api/v1/organisations/", {"q": q}).status_code == 200
    assert client.get("/api/v1/suggest/", {"q": q}).status_code == 200


def test_organisations_endpoint_uses_the_same_filters(client, search_index):
    body = client.get("/api/v1/organisations/", {"legal_form": "wtz"}).json()
    assert [result["id"] for result in body["results"]] == ["wtz-pracownia-tczew"]
    assert body["results"][0]["name"] == "Warsztat Terapii Zajęciowej „Pracownia”"
    assert client.get("/api/v1/organisations/?reserved=sometimes").status_code == 400


def test_suggest_endpoint_completes_titles(client, search_index):
    body = client.get("/api/v1/suggest/", {"q": "catering weg"}).json()
    assert body["results"][0] == {
        "text": "Catering wegański na spotkania firmowe",
        "kind": "offer",
        "id": "zk-catering-weganski",
        "url": "/katalog/oferty/zk-catering-weganski/",
    }


def test_openapi_schema_documents_the_search_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/offers/", "/api/v1/organisations/", "/api/v1/suggest/"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/v1/offers/"]["get"]["parameters"]}
    assert {"q", "category", "near", "radius_km", "sort", "page"} <= names


def test_offer_map_endpoint_returns_every_organisation_with_its_matching_offers(client, search_index):
    response = client.get("/api/v1/offers/map/", {"category": "sprzatanie", "per_page": "1"})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["matched"], body["truncated"], body["simplified"]) == (2, 2, False, False)
    assert body["results"][0] == {
        "id": "fund-czysty-dom",
        "name": "Fundacja „Czysty Dom”",
        "url": "/katalog/organizacje/fund-czysty-dom/",
        "street": "ul. Testowa 1",
        "postal_code": "80-001",
        "city": "Gdańsk",
        "latitude": 54.36,
        "longitude": 18.63,
        "offer_count": 1,
    }
    assert body["results"][1]["id"] == "sps-slupskie-ogrody"


def test_organisation_map_endpoint_uses_the_same_filters(client, search_index):
    body = client.get("/api/v1/organisations/map/", {"subregion": "slupski"}).json()
    assert [(point["id"], point["offer_count"]) for point in body["results"]] == [("sps-slupskie-ogrody", 2)]
    assert body["matched"] == 1


@pytest.mark.parametrize("endpoint", ["/api/v1/offers/map/", "/api/v1/organisations/map/"])
def test_map_endpoints_refuse_invalid_filters_with_messages(client, catalogue, endpoint):
    response = client.get(endpoint, {"cpv": "abc", "near": "1"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"cpv", "near"}


def test_offer_results_name_their_cpv_codes(client, search_index):
    first = client.get("/api/v1/offers/", {"q": "sprzatanie biur gdansk"}).json()["results"][0]
    # The API lives outside the /en/ prefix, so it answers in the default language, Polish.
    assert first["cpv"] == [
        {"code": "90910000-9", "name": "Usługi sprzątania"},
        {"code": "90911200-8", "name": "Usługi sprzątania budynków"},
    ]

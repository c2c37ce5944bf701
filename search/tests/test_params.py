"""The FilterSet validates every parameter once, with messages a person can act on."""

import pytest

from search.filters import InvalidSearchParams, parse_search_params

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cpv": "abc"}, "cpv"),
        ({"near": "north"}, "near"),
        ({"near": "95,18"}, "near"),
        ({"town": "Atlantyda"}, "town"),
        ({"sort": "cheapest"}, "sort"),
        ({"sort": "distance"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "51"}, "page"),
        ({"per_page": "500"}, "per_page"),
        ({"price_min": "50", "price_max": "10"}, "price_max"),
        ({"radius_km": "-3", "town": "Gdańsk"}, "radius_km"),
        ({"legal_form": "corporation"}, "legal_form"),
        ({"ps": "maybe"}, "ps"),
    ],
)
def test_invalid_parameter_is_refused_with_a_message_for_that_field(params, field):
    with pytest.raises(InvalidSearchParams) as error:
        parse_search_params(params)
    assert field in error.value.errors
    assert all(error.value.errors[field])


def test_deep_paging_is_refused_beyond_the_result_window():
    assert parse_search_params({"page": "50"}).offset == 980
    with pytest.raises(InvalidSearchParams) as error:
        parse_search_params({"page": "26", "per_page": "40"})
    assert "page" in error.value.errors


def test_prices_are_given_in_zloty_and_kept_in_grosze():
    params = parse_search_params({"price_min": "12.50", "price_max": "100"})
    assert (params.price_min, params.price_max) == (1250, 10000)


def test_town_gives_the_point_and_default_radius_of_distance_search():
    params = parse_search_params({"town": "gdansk", "sort": "distance"})
    assert params.point == pytest.approx((54.352, 18.646))
    assert params.radius == 30


def test_very_long_query_is_cut_not_refused():
    assert len(parse_search_params({"q": "sprzątanie " * 1000}).q) == 200

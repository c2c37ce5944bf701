"""The public JSON API (django-ninja) with its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from ninja import NinjaAPI

from search.api import router as search_router
from search.api_schema import describe_catalogue_parameters


class CatalogueAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        # The catalogue's parameters exactly as its FilterSet accepts them (with the live categories).
        return describe_catalogue_parameters(super().get_openapi_schema(*args, **kwargs))


api = CatalogueAPI(
    title="Pomorska Ekonomia Społeczna API",
    version="1.0.0",
    description="Catalogue of social-economy suppliers in Pomorskie: offers, organisations and suggestions.",
    urls_namespace="api",
)
api.add_router("/", search_router)

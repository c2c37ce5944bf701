"""The public JSON API (django-ninja) with its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from ninja import NinjaAPI

from search.api import router as search_router

api = NinjaAPI(
    title="Pomorska Ekonomia Społeczna API",
    version="1.0.0",
    description="Catalogue of social-economy suppliers in Pomorskie: offers, organisations and suggestions.",
    urls_namespace="api",
)
api.add_router("/", search_router)

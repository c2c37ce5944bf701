"""schema.org JSON-LD for organisation profiles and offer pages."""

from decimal import Decimal

from config.core.links import absolute_url

from .choices import OfferKind


def _pln(grosze: int) -> str:
    return str((Decimal(grosze) / 100).quantize(Decimal("0.01")))


def organisation_json_ld(organisation, offers=()) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": absolute_url(organisation.get_absolute_url()),
        "name": organisation.name,
        "url": absolute_url(organisation.get_absolute_url()),
        "description": organisation.description,
        "taxID": organisation.nip,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": organisation.street,
            "postalCode": organisation.postal_code,
            "addressLocality": organisation.city,
            "addressRegion": "pomorskie",
            "addressCountry": "PL",
        },
    }
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.latitude is not None and organisation.longitude is not None:
        data["location"] = {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": organisation.latitude,
                "longitude": organisation.longitude,
            },
        }
    if organisation.employees_total:
        data["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": organisation.employees_total}
    if organisation.certificates:
        data["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": label}
            for label in organisation.certificate_labels
        ]
    if offers:
        data["makesOffer"] = [offer_json_ld(offer, nested=True) for offer in offers]
    return data


def offer_json_ld(offer, nested: bool = False) -> dict:
    """An Offer whose itemOffered is a Product or a Service, priced in PLN when a price is given."""
    item = {
        "@type": "Product" if offer.kind == OfferKind.PRODUCT else "Service",
        "name": offer.title,
        "description": offer.description,
        "category": offer.category.name,
    }
    if offer.kind == OfferKind.SERVICE and offer.service_area:
        item["areaServed"] = [{"@type": "Place", "name": place} for place in offer.service_area]
    data = {
        "@type": "Offer",
        "url": absolute_url(offer.get_absolute_url()),
        "itemOffered": item,
    }
    if not nested:
        data = {"@context": "https://schema.org", **data}
        data["offeredBy"] = {
            "@type": "Organization",
            "@id": absolute_url(offer.organisation.get_absolute_url()),
            "name": offer.organisation.name,
        }
    if not offer.is_quote_on_request:
        spec = {"@type": "PriceSpecification", "priceCurrency": "PLN", "valueAddedTaxIncluded": False}
        if offer.price_from is not None:
            spec["minPrice"] = _pln(offer.price_from)
        if offer.price_to is not None:
            spec["maxPrice"] = _pln(offer.price_to)
        if offer.price_unit:
            spec["unitText"] = str(offer.get_price_unit_display())
        data["priceSpecification"] = spec
        data["priceCurrency"] = "PLN"
    return data

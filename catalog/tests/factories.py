"""Factories for catalogue tests: valid, published, active by default."""

import factory
from django.contrib.auth import get_user_model
from stdnum.pl import nip as nip_module

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import Category, Offer, Organisation


def _valid_nip(n: int) -> str:
    # Walk from a base number until the check digit works out (python-stdnum validates).
    candidate = 5840000000 + n * 37
    while not nip_module.is_valid(str(candidate)):
        candidate += 1
    return str(candidate)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.pl")
    password = factory.PostGenerationMethodCall("set_password", "haslo-testowe-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kategoria-{n}")
    name_pl = factory.Sequence(lambda n: f"Kategoria {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organizacja-{n}")
    name = factory.Sequence(lambda n: f"Spółdzielnia Socjalna „Test {n}”")
    legal_form = "spoldzielnia_socjalna"
    ps_status = True
    nip = factory.Sequence(_valid_nip)
    street = "ul. Długa 1"
    postal_code = "80-001"
    city = "Gdańsk"
    powiat = "Gdańsk"
    subregion = "metropolitalny_poludniowy"
    latitude = 54.352
    longitude = 18.646
    email = factory.Sequence(lambda n: f"biuro{n}@spoldzielnia.example.pl")
    phone = "+48 58 000 00 00"
    website = "https://spoldzielnia.example.pl"
    description = "Gotujemy i sprzątamy."
    social_mission = "Zatrudniamy osoby długotrwale bezrobotne."
    employees_total = 10
    employees_disadvantaged = 4
    certificates = factory.LazyFunction(lambda: ["haccp"])
    membership_status = MembershipStatus.ACTIVE
    requires_moderation = True


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    slug = factory.Sequence(lambda n: f"oferta-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = "service"
    title = factory.Sequence(lambda n: f"Catering na konferencje {n}")
    description = "Przerwy kawowe i obiady."
    category = factory.SubFactory(CategoryFactory, slug="gastronomia-catering")
    cpv_codes = factory.LazyFunction(lambda: ["55520000-1"])
    price_from = 3500
    price_to = 9000
    price_unit = "osoba"
    service_area = factory.LazyFunction(lambda: ["Gdańsk"])
    status = OfferStatus.PUBLISHED

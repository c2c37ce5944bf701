"""Closed vocabularies of the catalogue: legal forms, OWES subregions, certificates and price units."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    SPOLDZIELNIA_SOCJALNA = "spoldzielnia_socjalna", _("Social cooperative")
    FUNDACJA = "fundacja", _("Foundation")
    STOWARZYSZENIE = "stowarzyszenie", _("Association")
    SPOLKA_NON_PROFIT = "spolka_non_profit", _("Non-profit company")
    CIS = "cis", _("Social Integration Centre (CIS)")
    KIS = "kis", _("Social Integration Club (KIS)")
    WTZ = "wtz", _("Occupational Therapy Workshop (WTZ)")
    ZAZ = "zaz", _("Vocational Activity Establishment (ZAZ)")
    SPOLDZIELNIA_PRACY = "spoldzielnia_pracy", _("Worker cooperative")


class Subregion(models.TextChoices):
    """The five OWES subregions of Pomorskie."""

    SLUPSKI = "slupski", _("Słupsk subregion")
    METROPOLITALNY_POLNOCNY = "metropolitalny_polnocny", _("Northern metropolitan subregion")
    METROPOLITALNY_POLUDNIOWY = "metropolitalny_poludniowy", _("Southern metropolitan subregion")
    NADWISLANSKI = "nadwislanski", _("Vistula subregion")
    POLUDNIOWY = "poludniowy", _("Southern subregion")


class Certificate(models.TextChoices):
    ZAKUP_PROSPOLECZNY = "zakup_prospoleczny", _("“Zakup Prospołeczny” certificate")
    ZNAK_EKONOMII_SPOLECZNEJ = "znak_ekonomii_spolecznej", _("Social Economy Mark")
    ISO_9001 = "iso_9001", _("ISO 9001")
    HACCP = "haccp", _("HACCP")
    EKOLOGICZNY = "ekologiczny", _("Organic certificate")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACTIVE = "active", _("Active member")
    SUSPENDED = "suspended", _("Suspended")
    NOT_MEMBER = "not_member", _("Not a member")


class OfferKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PriceUnit(models.TextChoices):
    OSOBA = "osoba", _("per person")
    SZT = "szt.", _("per piece")
    GODZ = "godz.", _("per hour")
    M2 = "m2", _("per m²")
    KG = "kg", _("per kg")
    USLUGA = "usługa", _("per service")
    DZIEN = "dzień", _("per day")
    KOMPLET = "komplet", _("per set")


WHOLE_REGION = "województwo pomorskie"


class BuyerType(models.TextChoices):
    COMPANY = "company", _("Company")
    NGO = "ngo", _("Non-governmental organisation")
    PUBLIC_BODY = "public_body", _("Public body")
    PERSON = "person", _("Private person")


class QuoteAnswerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    QUOTED = "quoted", _("Quote sent")
    DECLINED = "declined", _("Cannot take it")

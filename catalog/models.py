"""Catalogue state: categories, member organisations, their offers and quote requests."""

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from config.core.languages import localised, shown_in_polish

from .choices import (
    BuyerType,
    Certificate,
    LegalForm,
    MembershipStatus,
    OfferKind,
    OfferStatus,
    PriceUnit,
    QuoteAnswerStatus,
    Subregion,
)
from .rules import (
    is_reserved_contract_eligible,
    validate_cpv,
    validate_krs,
    validate_nip,
    validate_price_range,
    validate_ps_status,
    validate_regon,
)


class Category(models.Model):
    """A translatable taxonomy node, managed by staff."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_pl"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "pl").startswith("en") else self.name_pl


class CpvCode(models.Model):
    """The curated part of the CPV 2008 dictionary: the codes members use, named in PL and EN."""

    code = models.CharField(_("CPV code"), max_length=10, primary_key=True, validators=[validate_cpv])
    name_pl = models.CharField(_("name (Polish)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "pl").startswith("en") else self.name_pl


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Active members: the only organisations with a public profile, in search and on the map."""
        return self.filter(membership_status=MembershipStatus.ACTIVE)


class Organisation(ClusterableModel):
    """A social-economy entity presented in the catalogue."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    ps_status = models.BooleanField(_("social enterprise (PS) status"), default=False)
    ps_decision_date = models.DateField(_("date of the voivode's PS decision"), null=True, blank=True)
    ps_decision_number = models.CharField(_("number of the voivode's PS decision"), max_length=64, blank=True)
    nip = models.CharField(_("NIP"), max_length=10, unique=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])

    street = models.CharField(_("street"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=120)
    powiat = models.CharField(_("county (powiat)"), max_length=120)
    subregion = models.CharField(_("subregion"), max_length=32, choices=Subregion.choices)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(
        _("description in English"), blank=True, help_text=_("Optional: shown on English pages.")
    )
    social_mission = models.TextField(_("social mission"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    employees_total = models.PositiveIntegerField(_("employees in total"), default=0)
    employees_disadvantaged = models.PositiveIntegerField(
        _("employees at risk of social exclusion"), default=0
    )
    # Derived from the two counts on every save; never typed in (see catalog.rules).
    reserved_contract_eligible = models.BooleanField(
        _("eligible for reserved contracts (art. 94 Pzp)"), default=False, editable=False
    )
    certificates = models.JSONField(_("certificates"), default=list, blank=True)

    membership_status = models.CharField(
        _("membership status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    requires_moderation = models.BooleanField(_("offers need staff review before publishing"), default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations", verbose_name=_("portal users")
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employees_disadvantaged__lte=models.F("employees_total")),
                name="organisation_disadvantaged_lte_total",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def local_description(self) -> str:
        return localised(self.description, self.description_en)

    @property
    def shown_in_polish(self) -> bool:
        """An English page shows this profile's Polish description and says so."""
        return shown_in_polish(self.description_en) and bool(self.description.strip())

    def clean(self):
        errors = {}
        try:
            validate_ps_status(self.legal_form, self.ps_status)
        except ValidationError as error:
            errors["ps_status"] = error.messages
        if (self.employees_disadvantaged or 0) > (self.employees_total or 0):
            errors["employees_disadvantaged"] = [
                _("Employees at risk of exclusion cannot outnumber all employees.")
            ]
        unknown = [c for c in self.certificates or [] if c not in Certificate.values]
        if unknown:
            errors["certificates"] = [_("Unknown certificate: %(values)s.") % {"values": ", ".join(unknown)}]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.reserved_contract_eligible = is_reserved_contract_eligible(
            self.employees_total, self.employees_disadvantaged
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and (
            {"employees_total", "employees_disadvantaged"} & set(update_fields)
        ):
            kwargs["update_fields"] = set(update_fields) | {"reserved_contract_eligible"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalog:organisation", kwargs={"slug": self.slug})

    @property
    def is_member(self) -> bool:
        return self.membership_status == MembershipStatus.ACTIVE

    @property
    def certificate_labels(self) -> list[str]:
        labels = dict(Certificate.choices)
        return [str(labels.get(c, c)) for c in self.certificates]


class OrganisationGalleryImage(Orderable):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=255, blank=True)


class OfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=OfferStatus.PUBLISHED)

    def public(self):
        """Published offers of active members: what buyers can open, find and ask for a quote."""
        return self.published().filter(organisation__membership_status=MembershipStatus.ACTIVE)


class Offer(ClusterableModel):
    """A product or a service of an organisation."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="offers", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OfferKind.choices, default=OfferKind.SERVICE)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    # Optional English text: English pages show it, both search backends index it.
    title_en = models.CharField(
        _("title in English"), max_length=255, blank=True, help_text=_("Optional: shown on English pages.")
    )
    description_en = models.TextField(
        _("description in English"), blank=True, help_text=_("Optional: shown on English pages.")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="offers", verbose_name=_("category")
    )
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    # Prices are integer grosze (1 PLN = 100 gr); both empty means "wycena indywidualna".
    price_from = models.PositiveIntegerField(_("price from (grosze, net)"), null=True, blank=True)
    price_to = models.PositiveIntegerField(_("price to (grosze, net)"), null=True, blank=True)
    price_unit = models.CharField(_("price unit"), max_length=16, choices=PriceUnit.choices, blank=True)
    service_area = models.JSONField(_("service area"), default=list, blank=True)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), null=True, blank=True)
    minimum_order = models.CharField(_("minimum order"), max_length=255, blank=True)
    capacity_note = models.CharField(_("capacity"), max_length=255, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # The database search fallback's stored text (search.backends.fulltext): weighted, folded words of
    # the offer, its category and its organisation, kept up to date by a PostgreSQL trigger
    # (catalog migration 0004); always null on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=OfferStatus.choices, default=OfferStatus.DRAFT, db_index=True
    )
    moderation_note = models.TextField(_("note from the moderator"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_from__isnull=True)
                | models.Q(price_to__isnull=True)
                | models.Q(price_from__lte=models.F("price_to")),
                name="offer_price_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def local_title(self) -> str:
        return localised(self.title, self.title_en)

    @property
    def local_description(self) -> str:
        return localised(self.description, self.description_en)

    @property
    def shown_in_polish(self) -> bool:
        """An English page shows this offer's Polish text and says so."""
        return shown_in_polish(self.title_en + self.description_en)

    def clean(self):
        errors = {}
        for code in self.cpv_codes or []:
            try:
                validate_cpv(code)
            except ValidationError:
                errors.setdefault("cpv_codes", []).append(
                    _("“%(code)s” is not a CPV code in the format NNNNNNNN-N, e.g. 90910000-9.")
                    % {"code": code}
                )
        try:
            validate_price_range(self.price_from, self.price_to)
        except ValidationError as error:
            errors["price_to" if error.code == "inverted_price_range" else "price_from"] = error.messages
        if (self.price_from is not None or self.price_to is not None) and not self.price_unit:
            errors["price_unit"] = [_("Choose the unit the price is given for.")]
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("catalog:offer", kwargs={"slug": self.slug})

    @property
    def is_quote_on_request(self) -> bool:
        return self.price_from is None and self.price_to is None


class OfferImage(Orderable):
    offer = ParentalKey(Offer, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(_("alternative text"), max_length=255)


def new_quote_token() -> str:
    return secrets.token_urlsafe(32)


class QuoteRequest(models.Model):
    """One buyer's request for a quote, sent to one or more suppliers (up to the shortlist limit).

    The buyer sees every answer on a private link built from `token`, which is unguessable and never
    listed anywhere.
    """

    token = models.CharField(max_length=64, unique=True, default=new_quote_token, editable=False)
    buyer_type = models.CharField(_("you are"), max_length=16, choices=BuyerType.choices)
    buyer_name = models.CharField(_("your name"), max_length=160)
    buyer_organisation = models.CharField(_("company or institution"), max_length=255, blank=True)
    buyer_email = models.EmailField(_("email"))
    buyer_phone = models.CharField(_("phone"), max_length=32, blank=True)
    description = models.TextField(_("what do you need?"))
    quantity = models.CharField(_("quantity"), max_length=255)
    deadline = models.DateField(_("needed by"))
    # Answers are due by this date (the reminder job counts back two days from it); empty: `deadline`.
    answers_due = models.DateField(_("answers due by"), null=True, blank=True)
    place = models.CharField(_("place of delivery"), max_length=255)
    # The catalogue filters the shortlist was filled from: the note's "search criteria used".
    search_criteria = models.TextField(_("search criteria used"), blank=True, editable=False)
    consent_given_at = models.DateTimeField(_("personal data consent given at"))
    # A keyed hash of the sender's IP address: enough for rate limits, not a stored IP (GDPR).
    ip_hash = models.CharField(max_length=64, db_index=True, editable=False)
    language = models.CharField(max_length=8, default="pl", editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    # Delivery of the buyer's receipt with the private link: null means "not delivered yet, retry".
    receipt_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The buyer was told that every supplier answered or that the answer date passed (sent once).
    buyer_closing_notice_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")

    def __str__(self) -> str:
        return f"{self.buyer_name}: {self.description[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:quote_request", kwargs={"token": self.token})

    @property
    def answers_due_on(self):
        return self.answers_due or self.deadline


class QuoteRecipient(models.Model):
    """A supplier's copy of a quote request, and its answer: a quote with a price or "cannot take it"."""

    quote_request = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("quote request")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="quote_recipients", verbose_name=_("supplier")
    )
    offers = models.ManyToManyField(Offer, blank=True, related_name="+", verbose_name=_("offers asked about"))
    status = models.CharField(
        _("answer"), max_length=16, choices=QuoteAnswerStatus.choices, default=QuoteAnswerStatus.PENDING
    )
    price = models.PositiveIntegerField(_("price (grosze, net)"), null=True, blank=True)
    vat_rate = models.PositiveSmallIntegerField(_("VAT rate (%)"), null=True, blank=True)
    gross_price = models.PositiveBigIntegerField(_("price (grosze, gross)"), null=True, blank=True)
    unit = models.CharField(_("price unit"), max_length=16, choices=PriceUnit.choices, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), null=True, blank=True)
    valid_until = models.DateField(_("quote valid until"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    # A checked PDF kept in the database, never under MEDIA_URL: only the buyer's private link serves it.
    attachment = models.BinaryField(_("attachment (PDF)"), null=True, blank=True, editable=False)
    attachment_name = models.CharField(_("attachment name"), max_length=120, blank=True, editable=False)
    message = models.TextField(_("message to the buyer"), blank=True)
    # Snapshot of the supplier's standing when the request was sent: later changes never rewrite it.
    reserved_eligible_at_request = models.BooleanField(
        _("eligible for reserved contracts when asked"), null=True, editable=False
    )
    ps_status_at_request = models.BooleanField(_("PS status when asked"), null=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Delivery state of the two emails: a null timestamp means "not delivered yet, retry".
    supplier_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    buyer_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_attempts = models.PositiveIntegerField(default=0, editable=False)
    last_email_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["quote_request", "organisation__name"]
        verbose_name = _("quote request recipient")
        verbose_name_plural = _("quote request recipients")
        constraints = [
            models.UniqueConstraint(fields=["quote_request", "organisation"], name="quote_recipient_once"),
            models.CheckConstraint(
                condition=~models.Q(status="quoted") | models.Q(price__isnull=False),
                name="quote_recipient_quote_has_price",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quote_request} → {self.organisation}"

    @property
    def is_answered(self) -> bool:
        return self.status != QuoteAnswerStatus.PENDING


# Registered with the app through this module; they refer to Organisation by name (no import cycle).
from .fact_models import FactChange, FactVerification  # noqa: E402

__all__ = [
    "Category",
    "CpvCode",
    "FactChange",
    "FactVerification",
    "Offer",
    "OfferImage",
    "Organisation",
    "OrganisationGalleryImage",
    "QuoteRecipient",
    "QuoteRequest",
    "new_quote_token",
]

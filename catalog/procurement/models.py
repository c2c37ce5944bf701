"""The buyer's paperwork after the quotes: legal-basis templates, market-research notes, the outcome
(the social-spend ledger) and saved catalogue searches with their weekly alerts."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.choices import BuyerType, Subregion
from catalog.models import Organisation, QuoteRecipient, QuoteRequest


def new_token() -> str:
    return secrets.token_urlsafe(32)


class LegalBasisKind(models.TextChoices):
    BELOW_THRESHOLD = "below_threshold", _("Below the statutory threshold")
    RESERVED = "reserved", _("Reserved contract (art. 94 Pzp)")
    SOCIAL_CLAUSE = "social_clause", _("Social clauses")


class LegalBasisTemplate(models.Model):
    """A legal-basis paragraph the buyer picks for the note; staff keep the wording current."""

    kind = models.CharField(_("kind"), max_length=24, choices=LegalBasisKind.choices)
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_pl = models.TextField(_("text (Polish)"))
    text_en = models.TextField(_("text (English)"))
    active = models.BooleanField(_("offered to buyers"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("legal-basis template")
        verbose_name_plural = _("legal-basis templates")

    def __str__(self) -> str:
        return self.title_pl

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_pl

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_pl


class EstimateBasis(models.TextChoices):
    MEDIAN = "median", _("median of the quotes (net)")
    LOWEST = "lowest", _("lowest quote (net)")


class MarketResearchNote(models.Model):
    """The note (notatka z rozeznania rynku) generated from one quote request.

    Everything the documents print is frozen here when the note is issued, so a document downloaded
    later, in either language, says the same thing; `content_hash` is what the verification page shows.
    """

    quote_request = models.OneToOneField(
        QuoteRequest,
        on_delete=models.CASCADE,
        related_name="market_research_note",
        verbose_name=_("quote request"),
    )
    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    verification_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    institution = models.CharField(_("buyer's institution"), max_length=255)
    subject = models.TextField(_("subject of the contract"))
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    estimate_basis = models.CharField(_("basis of the estimate"), max_length=8, choices=EstimateBasis.choices)
    estimated_value_net = models.PositiveBigIntegerField(_("estimated value (grosze, net)"))
    eur_rate = models.DecimalField(_("PLN per euro"), max_digits=8, decimal_places=4)
    estimated_value_eur_cents = models.PositiveBigIntegerField(_("estimated value (euro cents, net)"))
    criteria = models.TextField(_("search criteria used"), blank=True)
    chosen = models.ForeignKey(
        QuoteRecipient,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("chosen"),
    )
    justification = models.TextField(_("justification of the choice"))
    legal_basis = models.ForeignKey(
        LegalBasisTemplate,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("legal basis"),
    )
    # The template's wording as chosen (both languages): staff editing a template later change no note.
    legal_basis_title = models.JSONField(default=dict, editable=False)
    legal_basis_text = models.JSONField(default=dict, editable=False)
    content = models.JSONField(default=dict, editable=False)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, editable=False)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("market-research note")
        verbose_name_plural = _("market-research notes")

    def __str__(self) -> str:
        return self.reference

    def get_verification_url(self) -> str:
        return reverse("procurement:verify", kwargs={"token": self.verification_token})


class ContractType(models.TextChoices):
    RESERVED = "reserved", _("Reserved contract (art. 94 Pzp)")
    SOCIAL_CLAUSE = "social_clause", _("Contract with social clauses")
    ORDINARY = "ordinary", _("Ordinary contract")


class OutcomeSource(models.TextChoices):
    QUOTE_REQUEST = "quote_request", _("Quote request")
    # A deal one side of a buyer–supplier meeting reported after the fair. The meeting points to its
    # line (events' MeetingSlot.procurement_outcome): the catalogue never imports the events app.
    FAIR = "fair", _("Fair")


class ProcurementOutcome(models.Model):
    """One line of the social-spend ledger: who the buyer awarded the contract to, for how much, how.

    A line comes from a quote request (the buyer records it) or from a meeting at the fair (recorded
    from the follow-up answers, `ledger.record_fair_deal`); only the former has a quote request.
    """

    source = models.CharField(
        _("Source"), max_length=16, choices=OutcomeSource.choices, default=OutcomeSource.QUOTE_REQUEST
    )
    quote_request = models.OneToOneField(
        QuoteRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcome",
        verbose_name=_("quote request"),
    )
    awarded_to = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="awarded_contracts", verbose_name=_("awarded to")
    )
    value_net = models.PositiveBigIntegerField(_("value (grosze, net)"))
    awarded_on = models.DateField(_("date of the award"))
    contract_type = models.CharField(_("contract type"), max_length=16, choices=ContractType.choices)
    # Copied when recorded, so the ledger's breakdowns keep the year's picture (and survive erasure).
    buyer_type = models.CharField(_("buyer type"), max_length=16, choices=BuyerType.choices)
    buyer_institution = models.CharField(_("buyer's institution"), max_length=255, blank=True)
    subregion = models.CharField(_("supplier's subregion"), max_length=32, choices=Subregion.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    supplier_confirmed_at = models.DateTimeField(_("confirmed by the supplier at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        verbose_name = _("contract outcome")
        verbose_name_plural = _("social-spend ledger")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source=OutcomeSource.QUOTE_REQUEST, quote_request__isnull=False)
                | models.Q(source=OutcomeSource.FAIR, quote_request__isnull=True),
                name="outcome_source_matches_quote_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.awarded_to} · {self.awarded_on}"


class SavedSearch(models.Model):
    """A catalogue search a buyer asked to be alerted about, by email, after confirming the address."""

    email = models.EmailField(_("email"))
    query = models.JSONField(_("search parameters"), default=dict)
    label = models.CharField(_("name"), max_length=200, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(max_length=8, default="pl", editable=False)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    last_alert_at = models.DateTimeField(_("last alert at"), null=True, blank=True)
    # offer slug -> its updated_at (ISO) at the last alert: what counts as new or changed next time.
    seen = models.JSONField(default=dict, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.label or str(self.query)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

"""The models of the brand site, gathered here because Django registers an app's models from this module.

Each is defined by family: page types in `cms.pages.*`, the workflows' records in `cms.records`, the
editors' site settings in `cms.brand_settings`. Code inside cms imports from those modules.
"""

from .brand_settings import BrandSettings
from .pages.base import BrandPage
from .pages.content import ClusterModelPage, StandardPage
from .pages.form_pages import ContactPage, FormPage, LetterOfIntentPage, MembershipPage
from .pages.home import HomePage
from .pages.news import NewsIndexPage, NewsPage, NewsPageTag
from .pages.partners import PartnerIndexPage, PartnerPage
from .records import ContactMessage, LetterOfIntentSignature, MembershipConflict

__all__ = [
    "BrandPage",
    "BrandSettings",
    "ClusterModelPage",
    "ContactMessage",
    "ContactPage",
    "FormPage",
    "HomePage",
    "LetterOfIntentPage",
    "LetterOfIntentSignature",
    "MembershipConflict",
    "MembershipPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PartnerIndexPage",
    "PartnerPage",
    "StandardPage",
]

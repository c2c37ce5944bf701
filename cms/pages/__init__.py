"""Wagtail page types of the brand site, one module per page family.

`cms.models` imports every module here so Django registers the page models under the `cms` app label;
code inside cms imports a page from its own module, code outside may use `cms.models`.
"""

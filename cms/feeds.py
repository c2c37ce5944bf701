"""The Atom feed of a news index page."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return f"{obj.title} · Pomorska Ekonomia Społeczna"

    def link(self, obj):
        return obj.get_full_url(self.request)

    def subtitle(self, obj):
        return obj.intro

    def items(self, obj):
        return obj.news()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

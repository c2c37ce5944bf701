"""Admin deletes that refuse, rather than fail, when other records protect the object.

Wagtail refuses a delete when its reference index knows of protecting references, but it does not
index every relation: a paid fair application is protected by its payments and invoices
(on_delete=PROTECT) and the delete raised ProtectedError, a 500, found by the permission matrix.
Records that the law requires us to keep are never deleted; staff get a message instead.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.models import DeleteView as ModelDeleteView
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView


class ProtectedAwareDeleteMixin:
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("“%(object)s” cannot be deleted: other records (such as payments or invoices) refer to it.")
                % {"object": self.object},
            )
            return redirect(self.get_success_url())


class ProtectedAwareModelDeleteView(ProtectedAwareDeleteMixin, ModelDeleteView):
    pass


class ProtectedAwareSnippetDeleteView(ProtectedAwareDeleteMixin, SnippetDeleteView):
    pass

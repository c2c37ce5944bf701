from django.shortcuts import get_object_or_404, render

from .models import Fair


def fair_detail(request, slug):
    fair = get_object_or_404(Fair.objects.prefetch_related("stand_types"), slug=slug)
    return render(request, "events/fair_detail.html", {"fair": fair})

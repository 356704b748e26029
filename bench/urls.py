from django.http import HttpResponse
from django.urls import path

from citylearn.urls import urlpatterns as site_urlpatterns


def minimal(request):
    """The cheapest page Django can serve through the site's middleware: the yardstick."""
    return HttpResponse("<!DOCTYPE html><title>ok</title><p>ok</p>")


urlpatterns = [path("bench/minimal/", minimal), *site_urlpatterns]

"""The project's URLs plus one that no matrix row covers, for the matrix's own test."""

from django.http import HttpResponse
from django.urls import path

from citylearn.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "unlisted/", lambda request: HttpResponse(), name="unlisted-for-the-matrix-test"
    ),
    *project_urlpatterns,
]

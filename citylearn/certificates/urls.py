from django.urls import path

from citylearn.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("<str:code>/pdf/", views.download, name="download"),
]

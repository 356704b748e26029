from django.urls import path

from citylearn.laws import views

app_name = "laws"

urlpatterns = [
    path("", views.law_index, name="index"),
    path("<slug:key>/", views.provision_page, name="provision"),
]

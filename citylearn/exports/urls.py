from django.urls import path

from citylearn.exports import views

app_name = "exports"
urlpatterns = [
    path("<str:source>/new/", views.create, name="create"),
    path("<int:pk>/", views.export, name="export"),
    path("<int:pk>/download/", views.download, name="download"),
]

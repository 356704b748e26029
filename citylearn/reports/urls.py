from django.urls import path

from citylearn.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", views.provision_figures, name="provision_figures"),
    path("people/<str:employee_id>/record/", views.person_record, name="person_record"),
]

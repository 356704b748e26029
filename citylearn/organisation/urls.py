from django.urls import path

from citylearn.organisation import views

app_name = "organisation"
urlpatterns = [
    path("roster/", views.roster_upload, name="roster_upload"),
    path("roster/template.csv", views.roster_template, name="roster_template"),
    path("roster/<int:upload_id>/", views.roster_preview, name="roster_preview"),
    path(
        "roster/<int:upload_id>/changes.csv",
        views.roster_changes,
        name="roster_changes",
    ),
    path("roster/<int:upload_id>/apply/", views.roster_apply, name="roster_apply"),
    path("people/", views.people, name="people"),
    path("people/<str:employee_id>/", views.person, name="person"),
]

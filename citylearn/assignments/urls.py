from django.urls import path

from citylearn.assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.assignment_list, name="list"),
    path("new/", views.create_assignment, name="create"),
    path("targets/", views.credit_targets, name="targets"),
    path("<int:pk>/", views.assignment_detail, name="detail"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path(
        "<int:pk>/people/<int:user_id>/extend/",
        views.extend_person,
        name="extend_person",
    ),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]

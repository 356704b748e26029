from django.urls import path

from citylearn.assignments import learner_views

app_name = "my_assignments"
urlpatterns = [
    path(
        "assignments/<int:assigned_id>/late-reason/",
        learner_views.late_reason,
        name="late_reason",
    ),
]

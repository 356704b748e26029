from django.urls import path

from citylearn.progress import views

app_name = "progress"

urlpatterns = [
    path("learning/", views.my_learning, name="my_learning"),
    path("courses/<int:course_id>/start/", views.start, name="start_course"),
    path("lessons/<int:lesson_id>/complete/", views.complete, name="complete_lesson"),
    path(
        "lessons/<int:lesson_id>/checkpoints/<int:number>/",
        views.checkpoint,
        name="checkpoint",
    ),
]

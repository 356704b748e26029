from django.urls import path

from citylearn.quizzes import views

app_name = "quizzes"

# Under the course catalogue's path, beside the course's own pages.
urlpatterns = [
    path("<slug:course>/quiz/", views.quiz_overview, name="quiz"),
    path("<slug:course>/quiz/start/", views.start, name="start"),
    path("<slug:course>/quiz/<int:number>/", views.attempt_page, name="attempt"),
    path("<slug:course>/quiz/<int:number>/answers/", views.save, name="save"),
    path("<slug:course>/quiz/<int:number>/submit/", views.submit, name="submit"),
    path("<slug:course>/quiz/<int:number>/result/", views.result, name="result"),
]

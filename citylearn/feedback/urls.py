from django.urls import path

from citylearn.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("thanks/", views.thanks, name="thanks"),
]

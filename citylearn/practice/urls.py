from django.urls import path

from citylearn.practice import views

app_name = "practice"

urlpatterns = [path("practice/", views.daily, name="daily")]

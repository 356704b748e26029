from django.urls import path

from citylearn.reminders import views

app_name = "reminders"
urlpatterns = [
    path("my/notices/<int:reminder_id>/read/", views.read_notice, name="read_notice"),
    path("hr/reminders/", views.deliveries, name="deliveries"),
    path("hr/reminders/departments/<str:code>/", views.remind, name="remind"),
]

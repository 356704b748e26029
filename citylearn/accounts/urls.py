from django.urls import path

from citylearn.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/link/", views.request_password_link, name="password_link"),
    path("password/link/sent/", views.password_link_sent, name="password_link_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordLinkConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "activate/<uidb64>/<token>/",
        views.ActivationConfirmView.as_view(),
        name="activate",
    ),
    path(
        "password/done/", views.PasswordSetDoneView.as_view(), name="password_set_done"
    ),
    path(
        "password/change/", views.PasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "password/change/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data.json", views.my_data_download, name="my_data_download"),
]

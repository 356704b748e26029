from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "citylearn.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from citylearn.accounts import signal_handlers  # noqa: F401 - connects receivers

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "citylearn.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        import citylearn.accounts.personal_data  # noqa: F401 - registers its sections
        from citylearn.accounts import signal_handlers

        signal_handlers.connect()

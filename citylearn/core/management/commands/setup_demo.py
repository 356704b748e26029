from django.core.management.base import BaseCommand

from citylearn.core.demo import create_demo_accounts
from citylearn.transparency.services import refresh_training_snapshot


class Command(BaseCommand):
    help = "Load the demo content and create one demo account per role (idempotent)."

    def handle(self, *args, **options):
        accounts = create_demo_accounts()
        # The nightly task would fill the transparency page only tomorrow.
        refresh_training_snapshot()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo accounts (sign in at http://127.0.0.1:8000/accounts/login/):"
            )
        )
        for account in accounts:
            self.stdout.write(
                f"  {account.role:<14} {account.username:<10} {account.password}"
            )

from django.core.management.base import BaseCommand

from citylearn.core.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Load the demo content and create one demo account per role (idempotent)."

    def handle(self, *args, **options):
        accounts = create_demo_accounts()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo accounts (sign in at http://127.0.0.1:8000/accounts/login/):"
            )
        )
        for account in accounts:
            self.stdout.write(
                f"  {account.role:<14} {account.username:<10} {account.password}"
            )

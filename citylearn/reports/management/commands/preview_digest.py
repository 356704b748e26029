from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from citylearn.organisation.models import StaffProfile
from citylearn.reports.digests import render_digest, weekly_digest


class Command(BaseCommand):
    help = "Print the weekly digest a department head would receive; sends nothing."

    def add_arguments(self, parser):
        parser.add_argument("employee_id", help="The head's employee id.")

    def handle(self, *args, employee_id, **options):
        profile = (
            StaffProfile.objects.select_related("user")
            .filter(employee_id=employee_id)
            .first()
        )
        if profile is None:
            raise CommandError(f"No staff member with employee id {employee_id!r}.")
        digest = weekly_digest(head=profile.user, today=timezone.localdate())
        if digest is None:
            raise CommandError(f"{employee_id} heads no department.")
        subject, body = render_digest(digest)
        self.stdout.write(subject)
        self.stdout.write("")
        self.stdout.write(body)

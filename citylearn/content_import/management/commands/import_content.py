from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citylearn.content_import.services import import_content


class Command(BaseCommand):
    help = "Import content/ (Markdown + front matter) into Wagtail; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CONTENT_DIR))
        parser.add_argument(
            "--dry-run", action="store_true", help="check, write nothing"
        )
        parser.add_argument(
            "--force", action="store_true", help="overwrite pages edited in the admin"
        )

    def handle(self, *args, path, dry_run, force, **options):
        report = import_content(Path(path), dry_run=dry_run, force=force)
        for problem in report.problems:
            self.stderr.write(str(problem))
        for message in report.conflicts + report.unpublished:
            self.stdout.write(message)
        if options["verbosity"] > 1:
            for path_ in report.created:
                self.stdout.write(f"created {path_}")
            for path_ in report.updated:
                self.stdout.write(f"updated {path_}")
        self.stdout.write(("dry run: " if dry_run else "") + report.summary())
        if report.failed:
            raise CommandError(
                f"{len(report.problems)} errors and {len(report.conflicts)} "
                f"conflicts in {path}"
            )

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citylearn.access.permissions import Scope
from citylearn.organisation.imports.applying import apply_rows
from citylearn.organisation.imports.errors import RosterHasErrors
from citylearn.organisation.imports.planning import plan_roster
from citylearn.organisation.imports.reading import read_roster

ACTOR = "manage.py import_roster"


class Command(BaseCommand):
    help = (
        "Preview (default) or apply a staff roster file (CSV in UTF-8/GBK or XLSX) "
        "for the whole district."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--apply", action="store_true", help="write the changes")
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="deactivate active staff who are not in the file",
        )
        parser.add_argument(
            "--send-activation",
            action="store_true",
            help="email each new person a link to activate their account",
        )

    def handle(
        self, *args, file: Path, apply: bool, deactivate_missing: bool, **options
    ):
        send_activation = options["send_activation"]
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        scope = Scope(everything=True)
        rows = read_roster(content, file.name)
        plan = plan_roster(rows, scope=scope)
        for error in plan.errors:
            where = f"row {error.row}, " if error.row else ""
            column = f"column {error.column}: " if error.column else ""
            self.stderr.write(f"{file.name}: {where}{column}{error.message}")
        counts = plan.counts()
        self.stdout.write(
            "create {create}, move {move}, update {update}, unchanged {unchanged}, "
            "missing from file {deactivate} (and {kept} administrators, left active), "
            "errors {errors}".format(**counts)
        )
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} errors: nothing was written.")
        if not apply:
            self.stdout.write("Preview only: run again with --apply to write.")
            return
        try:
            result = apply_rows(
                rows=rows,
                filename=file.name,
                scope=scope,
                deactivate_missing=deactivate_missing,
                actor=None,
                actor_label=ACTOR,
                invite=send_activation,
            )
        except RosterHasErrors as error:
            raise CommandError(
                f"{len(error.errors)} errors appeared while applying: nothing was written."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                "Applied: created {create}, moved {move}, updated {update}, "
                "deactivated {deactivate}.".format(**result.counts)
            )
        )

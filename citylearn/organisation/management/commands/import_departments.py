from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citylearn.organisation.tree_import import import_departments


class Command(BaseCommand):
    help = (
        "Preview (default) or apply a department tree file: CSV or XLSX with the "
        "columns 部门编码, 部门名称 and 上级部门编码 (code, name, parent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--apply", action="store_true", help="write the changes")

    def handle(self, *args, file: Path, apply: bool, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        result = import_departments(
            content=content,
            filename=file.name,
            apply=apply,
            actor_label="manage.py import_departments",
        )
        for error in result.errors:
            where = f"row {error.row}, column {error.column}: " if error.row else ""
            self.stderr.write(f"{file.name}: {where}{error.message}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} errors: nothing was written.")
        summary = (
            "create {create}, rename or move {change}, unchanged {unchanged}".format(
                **result.counts
            )
        )
        if apply:
            self.stdout.write(self.style.SUCCESS(f"Applied: {summary}."))
        else:
            self.stdout.write(
                f"{summary}. Preview only: run again with --apply to write."
            )

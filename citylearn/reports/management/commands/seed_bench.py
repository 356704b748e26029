from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from citylearn.reports.seeding import SCALES, AlreadySeeded, seed_bench


class Command(BaseCommand):
    help = (
        "Build made-up district data for benchmarks: staff, a department tree, courses, "
        "assignments, progress and daily snapshots. The same seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="district")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--staff", type=int, help="another number of staff on the scale's tree"
        )

    def handle(self, *args, scale, seed, staff, **options):
        chosen = SCALES[scale]
        if staff is not None:
            if staff < 1:
                raise CommandError("--staff must be at least 1.")
            chosen = replace(chosen, staff=staff)
        try:
            counts = seed_bench(
                scale=chosen, seed=seed, say=lambda line: self.stdout.write(line)
            )
        except AlreadySeeded as error:
            raise CommandError(
                f"This database already holds bench data (department {error}): "
                "seed a fresh database."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Seeded the {scale} scale: {counts}"))

from django.core.management.base import BaseCommand

from citylearn.search.services import rebuild_index


class Command(BaseCommand):
    help = "Index every public page for the site's search again, from scratch."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"{count} public pages indexed for search.")

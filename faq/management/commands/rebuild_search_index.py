from django.core.management.base import BaseCommand

from faq.models import Answer
from faq.search import rebuild_search_index
from faq.search.welsh import rebuild_welsh_index


class Command(BaseCommand):
    help = "Recompute the search text (and PostgreSQL search vectors) of every answer."

    def handle(self, *args, **options):
        rebuild_search_index()
        rebuild_welsh_index()
        self.stdout.write(self.style.SUCCESS(f"Reindexed {Answer.objects.count()} answers."))

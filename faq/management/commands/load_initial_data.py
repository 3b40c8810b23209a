from django.core.management.base import BaseCommand

from faq.references import label
from faq.search import rebuild_search_index
from faq.search.welsh import rebuild_welsh_index
from faq.starter import load_starter_content
from faq.synonyms import load_synonyms, load_welsh_synonyms


class Command(BaseCommand):
    help = "Load the starter topics and answers (and any other shipped data). Safe to run twice."

    def handle(self, *args, **options):
        report = load_starter_content()
        for problem in report.problems:
            self.stderr.write(self.style.WARNING(problem))
        for number, shipped, here in report.revised_since:
            self.stderr.write(
                self.style.WARNING(
                    f"{label(number)}: the shipped text was revised on {shipped:%d %B %Y}, after "
                    f"this site's copy (reviewed {here:%d %B %Y}); compare them and update the "
                    "answer in the admin (loading never overwrites an existing answer)."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Topics: {report.topics_created} created, "
                f"{report.topics_existing} already there. "
                f"Welsh topic names: {report.welsh_topics_created} created, "
                f"{report.welsh_topics_existing} already there. "
                f"Answers: {report.answers_created} created, "
                f"{report.answers_existing} already there. "
                f"Welsh versions: {report.welsh_created} created, "
                f"{report.welsh_existing} already there."
            )
        )
        created, existing = load_synonyms()
        welsh_created, welsh_existing = load_welsh_synonyms()
        rebuild_search_index()
        rebuild_welsh_index()
        self.stdout.write(
            self.style.SUCCESS(
                f"Synonyms: {created} created, {existing} already there. "
                f"Welsh synonyms: {welsh_created} created, {welsh_existing} already there. "
                "Search index rebuilt."
            )
        )

from django.core.management.base import BaseCommand

from faq.demo import generate_demo_content


class Command(BaseCommand):
    help = "Create a large synthetic corpus for benchmarks (never loaded by `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--answers", type=int, default=1000)
        parser.add_argument("--topics", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, answers, topics, seed, **options):
        topic_count, answer_count = generate_demo_content(answers=answers, topics=topics, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(f"Created {topic_count} topics and {answer_count} answers.")
        )

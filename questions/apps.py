from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Submitted questions"

    def ready(self):
        from . import listeners  # noqa: F401  (connects to faq.events)

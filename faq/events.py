"""Events the faq app sends to whoever listens (other apps never watch its saves).

answer_published(sender=Answer, answer=…): sent by faq.workflow once an answer has just been
put on the site (from draft, review or archive), inside the transaction that saved it.
questions/listeners.py marks the questions it answers and tells the people who asked.
"""

from django.dispatch import Signal

answer_published = Signal()

"""Synthetic content for benchmarks: many topics and answers with cross-references.

Never loaded by `make run`; numbers start high so they never collide with real content.
"""

import random

from django.db import transaction

from .models import Answer, CrossReference, RelatedLink, Status, Topic
from .references import label
from .search import rebuild_search_index

FIRST_NUMBER = 100_000
WORDS = (
    "harassment stalking fraud scam phone online message neighbour noise theft burglary car "
    "driving licence insurance speeding parking knife weapon drugs cannabis arrest custody "
    "search complaint victim support court witness evidence report crime police station "
    "property lost found bicycle dog animal school child parent social media account password "
    "email bank card money doorstep caller letter threat abuse safety advice help local force"
).split()


def _sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


@transaction.atomic
def generate_demo_content(*, answers=1000, topics=40, seed=1):
    rng = random.Random(seed)
    highest = Answer.objects.order_by("-number").values_list("number", flat=True).first() or 0
    start = max(FIRST_NUMBER, highest + 1)
    roots = max(1, topics // 5)
    created_topics = []
    for i in range(roots):
        created_topics.append(
            Topic.objects.add_root(
                create_kwargs={"name": f"Demo topic {i + 1}", "slug": f"demo-{start}-{i + 1}"}
            )
        )
    for i in range(topics - roots):
        parent = created_topics[i % roots]
        parent.refresh_from_db()
        created_topics.append(
            Topic.objects.add_child(
                parent,
                create_kwargs={
                    "name": f"Demo subtopic {i + 1}",
                    "slug": f"demo-sub-{start}-{i + 1}",
                },
            )
        )
    numbers = list(range(start, start + answers))
    rows = []
    for number in numbers:
        refs = rng.sample(numbers, k=min(3, len(numbers)))
        body = (
            "".join(f"<p>{_sentence(rng, 25)} See {label(ref)} for more.</p>" for ref in refs)
            + f"<p>{_sentence(rng, 40)}</p>"
        )
        rows.append(
            Answer(
                number=number,
                question=f"{_sentence(rng, 7)[:-1]}?",
                slug=f"demo-question-{number}",
                summary=_sentence(rng, 15),
                body=body,
                keywords=", ".join(rng.sample(WORDS, 4)),
                status=Status.PUBLISHED,
                primary_topic=rng.choice(created_topics),
            )
        )
    created = Answer.objects.bulk_create(rows, batch_size=500)
    if created and created[0].pk is None:  # databases that cannot return ids
        created = list(Answer.objects.filter(number__in=numbers))
    through = Answer.topics.through
    through.objects.bulk_create(
        [through(answer_id=a.pk, topic_id=a.primary_topic_id) for a in created], batch_size=1000
    )
    CrossReference.objects.bulk_create(
        [
            CrossReference(source_id=a.pk, target_number=int(n))
            for a in created
            for n in sorted({int(x) for x in _refs(a.body)} - {a.number})
        ],
        batch_size=1000,
    )
    RelatedLink.objects.bulk_create(
        [
            RelatedLink(answer_id=a.pk, title="Police.uk", url="https://www.police.uk/", order=0)
            for a in created
        ],
        batch_size=1000,
    )
    rebuild_search_index()
    return len(created_topics), len(created)


def _refs(body):
    from .references import find_references

    return find_references(body)

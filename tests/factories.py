"""Small keyword-only factories for tests."""

import itertools

from faq.models import Answer, RelatedLink, Status, Topic

_counter = itertools.count(1)


def make_topic(*, name=None, parent=None, sensitive=False, description="", display_order=100):
    name = name or f"Topic {next(_counter)}"
    values = {
        "name": name,
        "sensitive": sensitive,
        "description": description,
        "display_order": display_order,
    }
    if parent is None:
        return Topic.objects.add_root(create_kwargs=values)
    topic = Topic.objects.add_child(parent, create_kwargs=values)
    parent.refresh_from_db()
    return topic


def make_answer(
    *,
    question=None,
    number=None,
    summary="A short summary.",
    body="<p>An answer.</p>",
    topics=(),
    status=Status.PUBLISHED,
    keywords="",
    jurisdiction="england-wales",
    links=(),
):
    answer = Answer(
        number=number,
        question=question or f"Question {next(_counter)}?",
        summary=summary,
        body=body,
        keywords=keywords,
        status=status,
        jurisdiction=jurisdiction,
        primary_topic=topics[0] if topics else None,
    )
    answer.save()
    if topics:
        answer.topics.set(topics)
    for order, (title, url) in enumerate(links):
        RelatedLink.objects.create(answer=answer, title=title, url=url, order=order)
    return answer

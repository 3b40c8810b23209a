"""Small keyword-only factories for tests."""

import itertools

from faq import workflow
from faq.models import Answer, AnswerTranslation, RelatedLink, Status, Topic

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
    also_asked="",
    jurisdiction="england-wales",
    links=(),
):
    answer = Answer(
        number=number,
        question=question or f"Question {next(_counter)}?",
        summary=summary,
        body=body,
        keywords=keywords,
        also_asked=also_asked,
        status=status,
        jurisdiction=jurisdiction,
        primary_topic=topics[0] if topics else None,
    )
    workflow.save_answer(answer, topics=topics or None)
    for order, (title, url) in enumerate(links):
        RelatedLink.objects.create(answer=answer, title=title, url=url, order=order)
    return answer


def make_translation(answer, *, language="cy", **values):
    """A translation of `answer`, saved as staff save one (faq.workflow.save_translation): on
    its pages and in its language's search at once."""
    values = {
        "question": f"Cwestiwn {answer.number}?",
        "summary": "Crynodeb byr.",
        "body": "<p>Ateb.</p>",
        **values,
    }
    return workflow.save_translation(AnswerTranslation(answer=answer, language=language, **values))


def edit(answer, **changes):
    """`answer` as it is in the database, with `changes`, saved as staff save it
    (faq.workflow.save_answer)."""
    answer = Answer.objects.get(pk=answer.pk)
    for name, value in changes.items():
        setattr(answer, name, value)
    workflow.save_answer(answer)
    return answer


# Staff roles: the groups are made by data migrations (faq: Editors, Publishers; questions:
# Moderators; forces: Force editors). "staff" is a staff account with no permissions at all.
ROLE_GROUPS = {
    "editor": "Editors",
    "publisher": "Publishers",
    "moderator": "Moderators",
    "force_editor": "Force editors",
}


def make_user(*, role=None, username=None, email=None, password="correct horse battery staple"):
    from django.contrib.auth.models import Group, User

    username = username or f"{role or 'user'}{next(_counter)}"
    user = User.objects.create_user(
        username=username,
        email=email if email is not None else f"{username}@example.police.uk",
        password=password,
        is_staff=role is not None,
        is_superuser=role == "superuser",
    )
    if role in ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        user.groups.add(group)
    return user


def make_submission(*, question=None, status=None, email="", name="", force=None, **fields):
    """A submitted question, saved through the same path as the public form."""
    from questions.models import Submission
    from questions.moderation import receive

    submission, _ = receive(
        question=question or f"How do I ask question number {next(_counter)}?",
        email=email,
        name=name,
        consent=bool(email),
        force=force,
        client_hash=fields.pop("client_hash", ""),
        detail=fields.pop("detail", ""),
    )
    if status or fields:
        Submission.objects.filter(pk=submission.pk).update(
            **({"status": status} if status else {}), **fields
        )
        submission.refresh_from_db()
    return submission


def make_force(*, slug=None, name=None, nation="england", kind="territorial", code="", **fields):
    """A force; the shipped ones already exist (data migration), so slugs default to new ones."""
    from forces.models import Force

    number = next(_counter)
    slug = slug or f"test-force-{number}"
    return Force.objects.create(
        slug=slug,
        name=name or f"Test Force {number}",
        short_name=fields.pop("short_name", f"Test {number}"),
        nation=nation,
        kind=kind,
        code=code,
        **fields,
    )

"""Staff preview a draft at its own address, exactly as the public would see it."""

import pytest
from django.urls import reverse

from faq.models import Status
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import is_login_redirect, login_as

pytestmark = pytest.mark.django_db


def preview_url(answer):
    return reverse("faq:answer_preview", kwargs={"number": answer.number})


def test_draft_preview_renders_the_public_page_with_a_banner(client):
    topic = make_topic(name="Harassment")
    published = make_answer(number=5, question="What is stalking?")
    draft = make_answer(
        number=6,
        question="Can I record calls?",
        body="<p>Yes. See Q5.</p>",
        status=Status.DRAFT,
        topics=[topic],
        links=[("Gov.uk", "https://www.gov.uk/")],
    )
    login_as(client, "editor")
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert "faq/answer_detail.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "Preview \N{EN DASH} not published" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "Can I record calls?" in page
    title = f'<span class="xref__title">: {published.question}</span>'
    assert f'<a href="{published.get_absolute_url()}" class="xref">Q5{title}</a>' in page
    assert "Related information" in page and "https://www.gov.uk/" in page
    assert "Harassment" in page  # breadcrumb


def test_draft_is_not_public(client):
    draft = make_answer(number=7, status=Status.DRAFT)
    assert client.get(f"/q/7/{draft.slug}/").status_code == 404
    assert is_login_redirect(client.get(preview_url(draft)))


@pytest.mark.parametrize("role", ["public", "staff"])
def test_preview_is_404_without_answer_access(client, role):
    draft = make_answer(status=Status.DRAFT)
    login_as(client, role)
    assert client.get(preview_url(draft)).status_code == 404


def test_preview_of_unknown_number_is_404(client):
    login_as(client, "editor")
    assert client.get(reverse("faq:answer_preview", kwargs={"number": 4040})).status_code == 404


def test_change_page_links_to_the_preview(client):
    draft = make_answer(status=Status.DRAFT)
    login_as(client, "editor")
    page = client.get(reverse("admin:faq_answer_change", args=[draft.pk])).content.decode()
    assert f'href="{preview_url(draft)}"' in page


def test_preview_does_not_count_as_a_view(client):
    answer = make_answer()
    login_as(client, "editor")
    client.get(preview_url(answer))
    answer.refresh_from_db()
    assert answer.view_count == 0

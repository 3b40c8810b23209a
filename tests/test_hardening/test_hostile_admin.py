"""The staff admin fuzzed like the public pages: malformed ids, NUL bytes and junk in filters,
sorting, paging, autocomplete and the revision views never give a 500, for any role."""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.urls import reverse

from faq.models import Answer, Status
from forces.models import Force, ForceMembership
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import form_data, login_as

pytestmark = pytest.mark.django_db

OK = (200, 302, 400, 403, 404)
IDS = ["abc", "%00", "1%00", "-1", "1.5", "99999999999999999999", "%FF", quote("<script>")]
QUERIES = [
    "q=%00",
    "q=a%00b",
    "o=abc",
    "o=-99.x",
    "p=abc",
    "p=-1",
    "e=1",
    "status=%00",
    "status__exact=%00",
    "topics__id__exact=abc",
    "force__id__exact=%00",
    "review=%00",
    "references=x",
    "_to_field=password",
    "nation__exact=%FF%FE",
]
ROLES = ["superuser", "editor", "publisher", "moderator", "force_editor"]


@pytest.fixture
def content(db):
    topic = make_topic(name="Harassment")
    return make_answer(number=497, question="What is harassment?", topics=[topic])


def login(client, role):
    user = login_as(client, role)
    if role == "force_editor":
        ForceMembership.objects.create(user=user, force=Force.objects.get(slug="kent"))
    return user


def changelists():
    for model in admin.site._registry:
        meta = model._meta
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


def assert_ok(client, url):
    response = client.get(url)
    assert response.status_code in OK, (url, response.status_code)
    assert "Traceback" not in response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ROLES)
def test_malformed_object_ids(client, content, role):
    login(client, role)
    for base in changelists():
        for object_id in IDS:
            for suffix in ("change/", "delete/", "history/"):
                assert_ok(client, f"{base}{object_id}/{suffix}")


@pytest.mark.parametrize("role", ROLES)
def test_junk_in_filters_sorting_and_paging(client, content, role):
    login(client, role)
    for base in changelists():
        for query in QUERIES:
            assert_ok(client, f"{base}?{query}")


@pytest.mark.parametrize("role", ROLES)
def test_revision_and_compare_views(client, content, role):
    login(client, role)
    base = reverse("admin:faq_answer_changelist")
    for object_id in [str(content.pk), *IDS]:
        assert_ok(client, f"{base}{object_id}/history/1/")
        for query in ("from=abc&to=1", "from=%00&to=%00", "from=1&to=99999999999999999999", ""):
            assert_ok(client, f"{base}{object_id}/history/compare/?{query}")
    assert_ok(client, f"{base}recover/")
    assert_ok(client, f"{base}recover/99999/")


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete(client, content, role):
    login(client, role)
    url = reverse("admin:autocomplete")
    for term in ("%00", "a%00", "%FF", "x" * 500):
        for app, model, field in [
            ("faq", "answer", "replaced_by"),
            ("faq", "answer", "primary_topic"),
            ("forces", "forcemembership", "force"),
            ("nope", "nothing", "x"),
        ]:
            assert_ok(
                client, f"{url}?term={term}&app_label={app}&model_name={model}&field_name={field}"
            )


def test_answer_form_with_a_blank_slug_and_another_error(client, content):
    """The "View on site" link used to be built from the typed (blank) slug: a 500."""
    login_as(client, "publisher")
    url = reverse("admin:faq_answer_change", args=[content.pk])
    data = form_data(client.get(url), slug="", question="")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    draft = make_answer(question="A draft", status=Status.DRAFT)
    url = reverse("admin:faq_answer_change", args=[draft.pk])
    response = client.post(url, form_data(client.get(url), slug="", summary="x" * 5000))
    assert response.status_code == 200
    assert Answer.objects.get(pk=draft.pk).slug


@pytest.mark.parametrize(
    "path", ["/topics/x%00/", "/topics/%00", "/q/497/x%00/", "/%00", "/forces/k%00/"]
)
def test_nul_bytes_in_public_paths(client, content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("query", ["q=%00", "force=a%00", "%00=1"])
def test_nul_bytes_in_query_strings_are_a_kind_400(client, content, query):
    response = client.get("/topics/", QUERY_STRING=query)
    assert response.status_code == 400
    assert "could not read that address" in response.content.decode()

"""Staff edit an answer's Welsh version beside the English: two columns on a wide screen, the
Welsh under the English on a narrow one, with or without JavaScript."""

from django.conf import settings
from django.test import Client

from faq.models import Answer, AnswerTranslation
from tests.factories import make_user

from .conftest import DESKTOP, screenshot

PHONE = {"width": 375, "height": 800}


def log_in(page, site):
    client = Client()
    # A superuser: the layout is under test, not the roles (a transactional test run before
    # this one in the same worker can leave the role groups without their migrated permissions).
    client.force_login(make_user(role="superuser"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}]
    )


def test_welsh_beside_the_english_when_wide_and_under_it_when_narrow(open_page, site):
    answer = Answer.objects.get(number=497)
    assert AnswerTranslation.objects.filter(answer=answer).exists()  # starter Welsh version
    url = f"/{settings.ADMIN_URL}faq/answer/{answer.pk}/change/"
    for viewport, javascript in ((DESKTOP, True), (DESKTOP, False), (PHONE, False)):
        page = open_page(viewport=viewport, javascript=javascript)
        log_in(page, site)
        assert page.goto(url).status == 200
        english = page.locator("#id_question").bounding_box()
        welsh = page.locator("#id_translations-0-question").bounding_box()
        assert english and welsh
        if viewport is DESKTOP:
            assert welsh["x"] >= english["x"] + english["width"], (viewport, english, welsh)
            assert abs(welsh["y"] - english["y"]) < 2
        else:
            assert welsh["y"] >= english["y"] + english["height"], (viewport, english, welsh)
            assert abs(welsh["x"] - english["x"]) < 2
        width = page.evaluate("document.documentElement.clientWidth")
        assert welsh["x"] + welsh["width"] <= width + 1  # nothing beyond the window
        screenshot(page, f"admin-side-by-side-{viewport['width']}")
        page.context.close()

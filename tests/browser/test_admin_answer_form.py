"""The answer form fits the window (issue 28, item 9): at 1280 px every Related Information
column is on screen; on a phone the page never scrolls sideways (a wide table scrolls in its
own box)."""

import pytest
from django.conf import settings
from django.test import Client

from faq.models import Answer, RelatedLink
from tests.factories import make_user


def log_in(page, site):
    """A superuser: the groups made by data migrations do not outlive the live server's flush
    between tests, so a role's rights cannot be relied on in the second test."""
    user = make_user(role="superuser")
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}]
    )


WIDE_PARTS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("#content *")].filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) return false;
    // Inside a box that scrolls sideways on its own: reachable without moving the page.
    for (let up = el.parentElement; up; up = up.parentElement) {
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(up).overflowX);
      if (scrolls && up.getBoundingClientRect().right <= width + 1) return false;
    }
    return true;
  });
  const name = el => `${el.tagName}#${el.id}.${el.className}`;
  const right = el => Math.round(el.getBoundingClientRect().right);
  return {width, scrollWidth: document.documentElement.scrollWidth,
          wide: wide.slice(0, 5).map(el => `${name(el)} right ${right(el)}`)};
}"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 800}], ids=str
)
def test_the_answer_form_fits_the_window(open_page, site, viewport):
    answer = Answer.objects.get(number=497)
    assert RelatedLink.objects.filter(answer=answer).exists()
    page = open_page(viewport=viewport)
    log_in(page, site)
    assert page.goto(f"/{settings.ADMIN_URL}faq/answer/{answer.pk}/change/").status == 200
    assert page.locator("#links-group").count() == 1  # the form itself, not the sign-in page
    # As a person sees it: after the editor's toolbar is built and its icon font has loaded.
    page.locator(".prose-menubar__group").first.wait_for()
    page.evaluate("() => document.fonts.ready.then(() => document.fonts.status)")
    found = page.evaluate(WIDE_PARTS)
    assert found["scrollWidth"] <= found["width"], found
    assert not found["wide"], found
    if viewport["width"] >= 1280:
        headers = page.locator("#links-group th")
        for index in range(headers.count()):
            box = headers.nth(index).bounding_box()
            assert box["x"] + box["width"] <= found["width"] + 1, headers.nth(index).inner_text()

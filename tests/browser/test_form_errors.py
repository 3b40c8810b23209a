"""The question form lists every mistake at once (issue 28, item 3): a person who typed a bad
email address and left the privacy box unticked is told both, not one now and one later."""

import re

import pytest
from playwright.sync_api import expect

from .pagetypes import PLAIN_QUESTION, past_similar_answers
from .people import heading_is

VIEWPORTS = pytest.mark.parametrize(
    "viewport", [{"width": 375, "height": 667}, {"width": 1280, "height": 900}], ids=str
)
EMAIL_ERROR = "Enter an email address in the correct format, like name@example.com"
CONSENT_ERROR = "Select the box to agree to the privacy notice, or leave the email address empty"
NAME_ERROR = "Your name must be"


@VIEWPORTS
def test_every_mistake_on_the_details_step_is_listed_at_once(open_page, viewport):
    page = open_page(viewport=viewport)
    page.goto("/ask/")
    page.get_by_label("Your question").fill(PLAIN_QUESTION)
    page.get_by_role("button", name="Continue").click()
    past_similar_answers(page)
    heading_is(page, "A few more details")
    page.get_by_label("Your name (optional)").fill("x" * 200)
    page.get_by_label("Your email address (optional)").fill("me@@example")
    page.get_by_role("button", name="Send my question").click()

    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.get_by_role("alert")
    for message in (EMAIL_ERROR, CONSENT_ERROR, NAME_ERROR):
        link = summary.get_by_role("link", name=re.compile(re.escape(message)))
        expect(link).to_be_visible()
    # What they typed is kept, and each message links to its own field.
    expect(page.get_by_label("Your email address (optional)")).to_have_value("me@@example")
    summary.get_by_role("link", name=CONSENT_ERROR).click()
    expect(page.get_by_role("checkbox")).to_be_focused()

    # Fixing both at once sends the question: no error was held back for a second round.
    page.get_by_label("Your name (optional)").fill("Sam")
    page.get_by_label("Your email address (optional)").fill("sam@example.com")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Send my question").click()
    heading_is(page, "Question sent")

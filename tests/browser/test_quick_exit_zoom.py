"""The quick exit stays on screen with the browser's text at 200 % (issue 28, item 7): a person
who needs large text must be able to leave as fast as anyone, however far down they have read."""

import pytest
from playwright.sync_api import expect

from .people import check_focus, tab_to
from .test_reflow import DOUBLE_TEXT

VIEWPORTS = pytest.mark.parametrize(
    "viewport", [{"width": 375, "height": 667}, {"width": 1280, "height": 900}], ids=str
)


@VIEWPORTS
@pytest.mark.parametrize("path", ["/q151", "/"])
def test_exit_button_stays_on_screen_at_200_percent_text(open_page, viewport, path):
    page = open_page(viewport=viewport)
    page.context.new_cdp_session(page).send("Page.setFontSizes", DOUBLE_TEXT)
    page.goto(path)
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 32
    exit_button = page.get_by_role("link", name="Exit this page")
    for fraction in (0.5, 1):
        page.evaluate(f"window.scrollTo(0, document.body.scrollHeight * {fraction})")
        expect(exit_button).to_be_in_viewport(ratio=1)
    # It takes no more than a fifth of the screen, so there is still room to read.
    height = page.locator(".quick-exit").bounding_box()["height"]
    assert height <= viewport["height"] / 5, f"the exit bar is {height:.0f}px high"


@VIEWPORTS
def test_a_focused_link_is_not_hidden_under_the_exit_bar_at_200_percent_text(open_page, viewport):
    page = open_page(viewport=viewport)
    page.context.new_cdp_session(page).send("Page.setFontSizes", DOUBLE_TEXT)
    page.goto("/q151")
    tab_to(page, ".site-footer a", limit=200)
    check_focus(page)

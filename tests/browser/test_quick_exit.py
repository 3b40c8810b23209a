"""The quick exit where what a person typed is on the page: search results and the force
finder's answer. Shift pressed 3 times leaves at once and replaces the page in the history,
and Back then shows nothing that was typed (the pages are no-store, and the page before them
is the one the search started from, its box empty). The staff screens have no quick exit and
their own script is not disturbed by it.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import NEUTRAL_TITLE
from .people import heading_is, quick_exit_on_screen
from .test_journeys import PHONE

TYPED = "my partner checks my phone"


def _press_shift_three_times(page):
    page.wait_for_load_state()  # site.js is deferred: the shortcut works once it has run
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_url(settings.QUICK_EXIT_URL)
    expect(page).to_have_title(NEUTRAL_TITLE)


def _nothing_typed_shows(page, typed):
    page.wait_for_load_state()
    assert typed.lower() not in page.url.lower().replace("+", " ").replace("%20", " ")
    assert typed.lower() not in page.locator("body").inner_text().lower()
    values = page.eval_on_selector_all("input, textarea", "els => els.map(e => e.value)")
    assert not any(typed.lower() in value.lower() for value in values), values


@pytest.mark.parametrize("width", [PHONE, {"width": 1280, "height": 900}], ids=["375", "1280"])
def test_leaving_search_results_leaves_nothing_typed_behind(open_page, width):
    page = open_page(viewport=width)
    page.goto("/")
    box = page.get_by_label("Describe what has happened or type a question number")
    box.fill(TYPED)
    box.press("Enter")
    heading_is(page, "Search the advice")
    expect(page.get_by_role("main")).to_contain_text(TYPED)
    quick_exit_on_screen(page)

    _press_shift_three_times(page)

    page.go_back()
    heading_is(page, "Police advice you can trust")  # the page the search started from
    _nothing_typed_shows(page, TYPED)


def test_leaving_the_force_finder_leaves_no_postcode_behind(open_page):
    page = open_page(viewport=PHONE)
    page.goto("/forces/find/")
    page.get_by_label("Enter your town or postcode").fill("SW1A 2AA")
    page.get_by_role("button", name="Find your force").click()
    heading_is(page, "Your local force is Metropolitan Police Service")
    quick_exit_on_screen(page)

    _press_shift_three_times(page)

    page.go_back()
    heading_is(page, "Find your local force")
    _nothing_typed_shows(page, "SW1A 2AA")


def test_the_exit_link_works_without_javascript_on_any_page(open_page):
    page = open_page(javascript=False, viewport=PHONE)
    page.goto("/forces/")
    quick_exit_on_screen(page)
    page.get_by_role("link", name="Exit this page").click()
    expect(page).to_have_title(NEUTRAL_TITLE)


def test_the_footer_says_the_history_is_not_cleared_and_how_to_leave_safely(open_page):
    page = open_page()
    page.goto("/topics/")
    footer = page.get_by_role("contentinfo")
    expect(footer).to_contain_text("does not clear your browsing history")
    footer.get_by_role("link", name="How to leave this site safely").click()
    expect(page.locator("#leave-quickly")).to_be_in_viewport()
    expect(page.locator("#leave-quickly")).to_contain_text(re.compile("Every page has"))


def test_the_staff_sign_in_has_no_quick_exit(open_page):
    page = open_page()
    page.goto(f"/{settings.ADMIN_URL}login/")
    expect(page.get_by_role("link", name="Exit this page")).to_have_count(0)
    expect(page.get_by_label("Username")).to_be_visible()

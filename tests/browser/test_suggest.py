"""Search suggestions: a combobox a person can use with the keyboard alone, announced to
screen readers, and a form that works the same without JavaScript."""

import re

from playwright.sync_api import expect

from .people import heading_is


def test_keyboard_choose_a_suggestion_and_open_it(open_page):
    page = open_page()
    page.goto("/search/")
    page.wait_for_load_state()
    box = page.get_by_role("combobox", name="Search the advice")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.focus()
    page.keyboard.type("stalking scot")
    listbox = page.get_by_role("listbox", name="Suggested questions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+ suggestions? available"))
    expect(listbox.get_by_role("option").first).to_contain_text("Scotland")

    page.keyboard.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(box).to_be_focused()  # focus stays in the box; the option is only highlighted

    page.keyboard.press("ArrowUp")  # back to the text as typed
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile("."))
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("ArrowDown")  # opens the list again
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    heading_is(page, "stalking in Scotland")


def test_enter_without_choosing_searches_as_before(open_page):
    page = open_page()
    page.goto("/")
    page.wait_for_load_state()
    box = page.get_by_role("combobox", name="Describe what has happened")
    box.focus()
    page.keyboard.type("harassment")
    expect(page.get_by_role("listbox", name="Suggested questions")).to_be_visible()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name=re.compile("results? for “harassment”"))
    ).to_be_visible()


def test_without_javascript_the_box_is_a_plain_search_field(open_page):
    page = open_page(javascript=False)
    page.goto("/")
    expect(page.get_by_role("combobox")).to_have_count(0)
    box = page.get_by_role("searchbox", name="Describe what has happened")
    box.fill("stalkng")
    box.press("Enter")
    expect(page.get_by_text("Showing results for")).to_be_visible()
    expect(page.get_by_role("link", name="stalkng")).to_have_attribute(
        "href", "/search/?q=stalkng&exact=1"
    )

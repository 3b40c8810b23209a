"""On a phone, in a hurry: the first screen (375 x 667) shows the answer and the numbers to call.

Every answer page type must show the question's heading without scrolling, with 999 and 101
still on screen as links a person can tap.
"""

import pytest
from playwright.sync_api import expect

from .pagetypes import ANSWER_PAGE_TYPES, PAGE_TYPES

PHONE_SCREEN = {"width": 375, "height": 667}
ANSWER_PAGES = [page_type for page_type in PAGE_TYPES if page_type.name in ANSWER_PAGE_TYPES]


def test_every_answer_page_type_is_checked():
    assert {page_type.name for page_type in ANSWER_PAGES} == set(ANSWER_PAGE_TYPES)


@pytest.mark.parametrize("page_type", ANSWER_PAGES, ids=str)
def test_answer_heading_starts_on_the_first_phone_screen(open_page, page_type):
    page = open_page(viewport=PHONE_SCREEN)
    page_type.open(page)
    page.wait_for_load_state()
    page.evaluate("window.scrollTo(0, 0)")
    box = page.get_by_role("heading", level=1).bounding_box()
    assert box["y"] <= PHONE_SCREEN["height"], f"the heading starts {box['y']:.0f}px down"
    # Its first line is readable too, not just its top edge.
    assert box["y"] + 40 <= PHONE_SCREEN["height"], f"the heading starts {box['y']:.0f}px down"
    emergency = page.get_by_role("region", name="Emergency contacts")
    for number in ("999", "101"):
        link = emergency.get_by_role("link", name=number, exact=True)
        expect(link).to_have_attribute("href", f"tel:{number}")
        expect(link).to_be_in_viewport()
    relay = emergency.get_by_role(
        "link", name="Can't hear or speak on the phone? Use text or relay"
    )
    expect(relay).to_be_in_viewport()


def test_phone_numbers_on_a_force_page_can_be_tapped(open_page):
    page = open_page(viewport=PHONE_SCREEN)
    page.goto("/forces/metropolitan/")
    contact = page.get_by_role("region", name="Contact Metropolitan Police Service")
    emergency = contact.get_by_role("link", name="999", exact=True).first
    expect(emergency).to_have_attribute("href", "tel:999")
    expect(contact.get_by_role("link", name="101", exact=True).first).to_have_attribute(
        "href", "tel:101"
    )
    relay = contact.get_by_role("link", name="18001 101")
    expect(relay).to_have_attribute("href", "tel:18001101")
    # 101 is said once, not "Call 101. Call 101 and ask…".
    not_urgent = contact.locator("dd").nth(1).inner_text()
    assert not_urgent.lower().count("call 101") == 1, not_urgent


def test_helpline_numbers_in_an_answer_can_be_tapped(open_page):
    page = open_page(viewport=PHONE_SCREEN)
    page.goto("/q151")
    body = page.locator(".answer__body")
    expect(body.get_by_role("link", name="999", exact=True).first).to_have_attribute(
        "href", "tel:999"
    )
    helpline = body.get_by_role("link", name="0808 802 0300")
    expect(helpline).to_have_attribute("href", "tel:08088020300")


@pytest.mark.parametrize("viewport", [PHONE_SCREEN, {"width": 1280, "height": 720}], ids=str)
def test_home_search_box_is_on_the_first_screen(open_page, viewport):
    """Issue 28, item 1: someone in a hurry can type without scrolling, on a phone as well."""
    page = open_page(viewport=viewport)
    page.goto("/")
    search = page.get_by_role("search", name="Search the advice")
    # A combobox once the suggestions script has run, a searchbox without it: found by label.
    box = search.get_by_label("Describe what has happened or type a question number")
    expect(box).to_be_in_viewport(ratio=1)
    expect(search.get_by_role("button", name="Search")).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("region", name="Emergency contacts")).to_be_in_viewport()

"""What people come to do, each journey with JavaScript on and with it off.

The keyboard journey runs on a desktop-sized window; finding a force and asking a question
run on a phone-sized one, where the quick exit bar stays on screen and could hide things.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import NEUTRAL_TITLE
from .pagetypes import PLAIN_QUESTION, past_similar_answers
from .people import check_focus, heading_is, main_nav_link, press_enter_on, tab_to

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
PHONE = {"width": 375, "height": 812}
REFERENCE = re.compile(r"Q-[A-Z0-9]{4}-[A-Z0-9]{4}")


@JAVASCRIPT
def test_keyboard_only_find_advice_and_leave_quickly(open_page, javascript):
    page = open_page(javascript=javascript)
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    check_focus(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    # The next stop after skipping is the search box in the main content.
    page.keyboard.press("Tab")
    search = page.get_by_label("Describe what has happened or type a question number")
    expect(search).to_be_focused()
    check_focus(page)
    page.keyboard.type("harassment")
    page.keyboard.press("Enter")
    results = page.get_by_role("heading", name=re.compile("results? for “harassment”"))
    expect(results).to_be_visible()

    press_enter_on(page, "main a[href^='/q/497/']")
    heading_is(page, "What is harassment")
    expect(page.get_by_role("link", name="Exit this page")).to_be_visible()

    # The cross-reference "see Q151" in the body of the answer.
    press_enter_on(page, ".answer__body a[href*='151']")
    heading_is(page, "stalking")
    stalking_url = page.url

    if javascript:
        page.wait_for_load_state()  # site.js is deferred: the shortcut works once it has run
        for _ in range(3):
            page.keyboard.press("Shift")
    else:
        # Without JavaScript the link still works, and it is the second stop on the page.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Exit this page")).to_be_focused()
        check_focus(page)
        page.keyboard.press("Enter")
    expect(page).to_have_url(settings.QUICK_EXIT_URL)
    expect(page).to_have_title(NEUTRAL_TITLE)

    if javascript:
        # The quick exit replaced the page in the history: Back does not show it again.
        page.go_back()
        assert page.url != stalking_url


@JAVASCRIPT
def test_find_my_force_by_postcode_then_by_a_town_in_several_areas(open_page, javascript):
    page = open_page(javascript=javascript, viewport=PHONE)
    page.goto("/")
    main_nav_link(page, "Find your local force").click()
    heading_is(page, "Find your local force")

    page.get_by_label("Enter your town or postcode").fill("SW1A 2AA")
    page.get_by_role("button", name="Find your force").click()
    heading_is(page, "Your local force is Metropolitan Police Service")
    expect(page.get_by_role("heading", name="Contact Metropolitan Police Service")).to_be_visible()

    page.get_by_role("link", name="Find a different force").click()
    page.get_by_label("Enter your town or postcode").fill("Newport")
    page.get_by_role("button", name="Find your force").click()
    heading_is(page, "Choose your local force")
    assert page.get_by_role("radio").count() >= 2
    page.get_by_role("radio", name=re.compile("Newport, Wales: Gwent Police")).check()
    page.get_by_role("button", name="Continue").click()

    # Finding a force remembers nothing until the person asks.
    heading_is(page, "Your local force is Gwent Police")
    assert not [c for c in page.context.cookies() if c["name"] == "force"]
    page.get_by_role("button", name="Remember this force").click()
    heading_is(page, "Your local force is Gwent Police")
    expect(page.get_by_role("heading", name="Remembered on this device")).to_be_visible()
    page.goto("/q497")
    expect(page.get_by_role("heading", name="In your area: Gwent Police")).to_be_visible()


@JAVASCRIPT
def test_find_my_force_none_of_these_then_forget(open_page, javascript):
    page = open_page(javascript=javascript, viewport=PHONE)
    page.goto("/forces/find/")
    page.get_by_label("Enter your town or postcode").fill("Newport")
    page.get_by_role("button", name="Find your force").click()
    heading_is(page, "Choose your local force")
    # Every Newport, with its county, and a way out when none is right.
    for county in ("Essex", "Norfolk", "Pembrokeshire", "Highland"):
        expect(page.get_by_role("radio", name=re.compile(f"Newport, {county}:"))).to_have_count(1)
    page.get_by_role("radio", name="None of these — try your postcode").check()
    page.get_by_role("button", name="Continue").click()
    heading_is(page, "Find your local force")
    expect(page.get_by_text("None of those places? Enter your postcode")).to_be_visible()

    # A postcode the tables do not hold: its district answers, and says so.
    page.get_by_label("Enter your town or postcode").fill("PR4 5SB")
    page.get_by_role("button", name="Find your force").click()
    heading_is(page, "Your local force is Lancashire Constabulary")
    expect(page.get_by_text("We could not find PR4 5SB exactly; PR4 is policed by")).to_be_visible()

    page.get_by_role("button", name="Remember this force").click()
    expect(page.get_by_role("heading", name="Remembered on this device")).to_be_visible()
    assert [c["value"] for c in page.context.cookies() if c["name"] == "force"] == ["lancashire"]
    page.get_by_role("button", name="Forget this force").click()
    heading_is(page, "Your local force is Lancashire Constabulary")
    expect(page.get_by_role("button", name="Remember this force")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == "force"]


@JAVASCRIPT
def test_ask_a_question_fix_a_mistake_and_read_the_reference(open_page, javascript):
    page = open_page(javascript=javascript, viewport=PHONE)
    page.goto("/")
    main_nav_link(page, "Ask a question").click()
    heading_is(page, "Ask a question")

    question = page.get_by_label("Your question")
    question.fill("Help")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("^Error: Ask a question"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(question).to_have_value("Help")
    expect(page.get_by_text("Error: Your question must be at least 10 characters")).to_be_visible()

    error = summary.get_by_role("link", name="Your question must be at least 10 characters")
    if javascript:
        # Focus moves to the summary, so it is read out first; Tab, Enter reaches the field.
        expect(summary).to_be_focused()
        check_focus(page)
        tab_to(page, ".error-summary a", limit=1)
        page.keyboard.press("Enter")
    else:
        error.click()
    expect(question).to_be_focused()
    check_focus(page)

    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(PLAIN_QUESTION)
    page.get_by_role("button", name="Continue").click()
    past_similar_answers(page)
    heading_is(page, "A few more details")
    expect(page.get_by_text(PLAIN_QUESTION)).to_be_visible()
    page.get_by_role("button", name="Send my question").click()

    heading_is(page, "Question sent")
    reference = page.locator(".panel--confirmation strong").inner_text()
    assert REFERENCE.fullmatch(reference), reference
    page.get_by_role("link", name="check the status of your question").click()
    heading_is(page, reference)
    expect(page.get_by_text("Received", exact=True)).to_be_visible()


@JAVASCRIPT
def test_a_to_z_from_the_topics_to_an_answer(open_page, javascript):
    page = open_page(javascript=javascript, viewport=PHONE)
    page.goto("/")
    main_nav_link(page, "Topics").click()
    heading_is(page, "All topics")
    page.get_by_role("main").get_by_role("link", name="A to Z of questions").click()
    heading_is(page, "A to Z of questions")
    page.get_by_role("navigation", name="Letters").get_by_role("link", name="W").click()
    expect(page.get_by_role("heading", name="W", exact=True)).to_be_in_viewport()
    # A letter shows its first questions; the rest are on the letter's own pages (issue 27).
    page.get_by_role("link", name=re.compile(r"^All \d+ questions under W$")).click()
    page.get_by_role("link", name="What is stalking?").click()
    heading_is(page, "What is stalking")

"""Every kind of page a member of the public can reach, and how a person gets to each one.

Each opener drives the page there as a person would (typing, pressing buttons) and checks the
heading, so a page type can never quietly turn into a different page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from .conftest import LOCAL_NOTE_FORCE, LOCAL_NOTE_TEXT

PLAIN_QUESTION = "Can my landlord keep my deposit if I leave before the end of the tenancy?"
EMERGENCY_QUESTION = "My ex is outside my house right now and says he is going to hurt me."
SIMILAR_QUESTION = "What is harassment and can the police do anything about it?"


@dataclass(frozen=True)
class PageType:
    name: str
    open: Callable[[Page], None]

    def __str__(self):
        return self.name


def heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(text))


def goto(page, path, text, status=200):
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    heading(page, text)


def ask(page, question):
    """Step 1 of the form; past the similar answers if any are offered. Ends on step 2."""
    page.goto("/ask/")
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Continue").click()
    past_similar_answers(page)
    heading(page, "A few more details")


def past_similar_answers(page):
    """After step 1: waits for the next page (it may offer similar answers) and goes past them.

    The heading is awaited first: asking whether it is visible straight after the click asks the
    page that is still on screen.
    """
    next_heading = page.get_by_role("heading", level=1)
    expect(next_heading).to_have_text(re.compile("These answers may help|A few more details"))
    if next_heading.inner_text().startswith("These answers may help"):
        page.get_by_role("button", name=re.compile("None of these answer my question")).click()


def send(page, question):
    ask(page, question)
    page.get_by_role("button", name="Send my question").click()


def open_answer_with_local_note(page):
    page.goto("/")  # the force cookie is set for this site, as choosing a force would
    page.context.add_cookies([{"name": "force", "value": LOCAL_NOTE_FORCE, "url": page.url}])
    goto(page, "/q497", "What is harassment")
    expect(page.get_by_text(LOCAL_NOTE_TEXT)).to_be_visible()
    expect(page.get_by_text("The law may be different where you are")).to_be_visible()


def open_ask_with_errors(page):
    page.goto("/ask/")
    page.get_by_role("button", name="Continue").click()
    heading(page, "Ask a question")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()


def open_ask_too_short_crisis(page):
    """'he hit me' is too short to send: the error, and who to call above the form."""
    page.goto("/ask/")
    page.get_by_label("Your question").fill("he hit me")
    page.get_by_role("button", name="Continue").click()
    heading(page, "Ask a question")
    expect(page.get_by_role("heading", name="Do you need the police now?")).to_be_visible()


def open_similar_answers(page):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(SIMILAR_QUESTION)
    page.get_by_role("button", name="Continue").click()
    heading(page, "These answers may help")


def open_triage(page):
    """Issue 22: the emergency page comes straight after step 1, before any suggestion."""
    goto(page, "/ask/", "Ask a question")
    page.get_by_label("Your question").fill(EMERGENCY_QUESTION)
    page.get_by_role("button", name="Continue").click()
    heading(page, "Do you need the police now")


def open_thanks(page):
    send(page, PLAIN_QUESTION)
    heading(page, "Question sent")
    expect(page.get_by_text(re.compile(r"^Q-[A-Z0-9]{4}-[A-Z0-9]{4}$"))).to_be_visible()


def open_status(page):
    open_thanks(page)
    page.get_by_role("link", name="check the status of your question").click()
    heading(page, r"Your question Q-")
    expect(page.get_by_text("Received")).to_be_visible()


def open_search_suggestions(page):
    """The home page with the search box's suggestions open and one chosen by keyboard."""
    goto(page, "/", "Police advice you can trust")
    box = page.get_by_role("combobox", name="Describe what has happened")
    box.click()
    page.keyboard.type("stalk")
    expect(page.get_by_role("listbox", name="Suggested questions")).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", selected=True)).to_have_count(1)


def open_emergency_suggestion(page):
    """A danger typed into the search box: the first suggestion is who to call now."""
    goto(page, "/search/", "Search the advice")
    box = page.get_by_role("combobox", name="Search the advice")
    box.click()
    page.keyboard.type("he is outside with a knife")
    first = page.get_by_role("listbox", name="Suggested questions").get_by_role("option").first
    expect(first).to_contain_text("Call 999")
    page.keyboard.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")


# Every way an answer page can look: plain, sensitive (the quick exit bar), and with a chosen
# force whose law differs (a notice at the top) and who added a note.
ANSWER_PAGE_TYPES = ("answer", "answer-sensitive", "answer-with-local-note")


def _at(path, text, status=200, *, shows=None):
    def opener(page):
        goto(page, path, text, status)
        if shows:
            expect(page.get_by_role("main").get_by_text(shows).first).to_be_visible()

    return opener


def _find(query, text, status=200, *, shows=None):
    return _at(f"/forces/find/?q={query}", text, status, shows=shows)


PAGE_TYPES = [
    PageType("home", _at("/", "Police advice you can trust")),
    PageType("topics", _at("/topics/", "All topics")),
    PageType("a-to-z", _at("/a-z/", "A to Z of questions", shows="questions under W")),
    PageType("topic", _at("/topics/harassment-and-stalking/", "Harassment and stalking")),
    PageType("answer-with-local-note", open_answer_with_local_note),
    PageType("answer", _at("/q111", "When should I call 999")),
    PageType("answer-sensitive", _at("/q151", "What is stalking")),
    PageType(
        "search-results",
        _at(
            "/search/?q=harassment",
            "Search the advice",
            shows=re.compile("results? for “harassment”"),
        ),
    ),
    PageType(
        "search-no-results",
        _at("/search/?q=xylophone+zeppelin", "Search the advice", shows="No answers matched"),
    ),
    PageType("search-empty", _at("/search/", "Search the advice")),
    PageType(
        "search-crisis",
        _at("/search/?q=he+is+outside+with+a+knife", "Search the advice", shows="116 123"),
    ),
    PageType(
        "search-crisis-nothing-matched",
        _at("/search/?q=stabbed", "Search the advice", shows="If someone is in danger now"),
    ),
    PageType("search-suggestions-emergency", open_emergency_suggestion),
    PageType("search-suggestions", open_search_suggestions),
    PageType("force-finder", _at("/forces/find/", "Find your local force")),
    PageType("force-finder-one-result", _find("SW1A+2AA", "Your local force is Metropolitan")),
    PageType(
        "force-finder-candidates",
        _find("Newport", "Choose your local force", shows="Which is yours?"),
    ),
    PageType("force-finder-none-of-these", _find("Newport&choice=none", "Find your local force")),
    PageType(
        "force-finder-district-fallback",
        _find("PR4+5SB", "Your local force is Lancashire", shows="We could not find PR4 5SB"),
    ),
    PageType(
        "force-finder-error",
        _find("XY99+9ZZ", "Find your local force", 400, shows="There is a problem"),
    ),
    PageType("force-list", _at("/forces/", "Police forces in the UK")),
    PageType("force", _at("/forces/police-scotland/", "Police Scotland")),
    PageType("ask", _at("/ask/", "Ask a question")),
    PageType("ask-with-errors", open_ask_with_errors),
    PageType("ask-too-short-crisis", open_ask_too_short_crisis),
    PageType("ask-similar-answers", open_similar_answers),
    PageType("ask-details", lambda page: ask(page, PLAIN_QUESTION)),
    PageType("ask-triage", open_triage),
    PageType("ask-thanks", open_thanks),
    PageType("ask-status", open_status),
    PageType("ask-status-lookup", _at("/ask/status/", "Check on your question")),
    PageType("not-found", _at("/no-such-page/", "Page not found", status=404)),
    PageType("accessibility-statement", _at("/accessibility/", "Accessibility statement")),
    PageType("privacy", _at("/privacy/", "Privacy")),
]

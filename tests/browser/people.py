"""What a keyboard user sees: where focus is, whether it shows, whether anything covers it."""

import re

from playwright.sync_api import expect

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {visible: false, covered: false, what: "nothing"};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
    && !/rgba\\(.*, 0\\)$|transparent/.test(style.outlineColor);
  const shadow = style.boxShadow !== "none";
  const highlight = style.backgroundColor === "rgb(255, 221, 0)";
  const box = el.getClientRects()[0] || el.getBoundingClientRect();  // a wrapped link's first line
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height, 20) / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const covered = !(top && (el.contains(top) || top.contains(el) || top.htmlFor === el.id));
  return {visible: outline || shadow || highlight, covered, what: el.outerHTML.slice(0, 120)};
}"""


# Blurring is not enough: Tab would go on from the element that had focus (an error summary).
START_AT_TOP = """() => {
  const start = document.createElement("span");
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  window.scrollTo(0, 0);
}"""
FOCUSED_HTML = "(el => el === document.body ? null : el.outerHTML)(document.activeElement)"


def check_focus(page):
    """The focused element has a visible focus indicator and nothing sits on top of it."""
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"], f"No visible focus indicator on {state['what']}"
    assert not state["covered"], f"The focused element is hidden behind another: {state['what']}"


def tab_to(page, selector, *, limit=80):
    """Press Tab until `selector` has focus, checking every stop on the way as a person would."""
    page.wait_for_load_state()  # the stylesheet too: focus styles are judged as drawn
    for _ in range(limit):
        page.keyboard.press("Tab")
        check_focus(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector} on {page.url}")


def tab_through(page, *, limit=500):  # the A to Z has a link per question
    """Tab from the top of the page to the end, checking every stop; gives the number of stops."""
    page.wait_for_load_state()
    page.evaluate(START_AT_TOP)
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(FOCUSED_HTML)
        if where is None or (seen and where == seen[0]):
            return len(seen)
        check_focus(page)
        seen.append(where)
    raise AssertionError(f"Tab never reached the end of {page.url} after {limit} stops")


def press_enter_on(page, selector):
    tab_to(page, selector)
    page.keyboard.press("Enter")


def main_nav_link(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name)


def heading_is(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    page.wait_for_load_state()  # and its stylesheet and script, before a person acts on it


def quick_exit_on_screen(page):
    """The quick exit ("Exit this page", in Welsh "Gadael y dudalen hon") is there, once, and on
    screen: one tap away wherever the person is on the site."""
    exit_link = page.get_by_role("link", name=re.compile("^(Exit this page|Gadael y dudalen hon)$"))
    expect(exit_link).to_have_count(1)
    expect(exit_link).to_be_in_viewport()

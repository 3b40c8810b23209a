"""WCAG 1.4.10 reflow with 1.4.4 text resize: at 320px wide, text at 200%, no sideways scrolling."""

from .conftest import screenshot
from .pagetypes import PAGE_TYPES
from .people import check_focus

NARROW = {"width": 320, "height": 640}
# Chromium's default font sizes (16px, and 13px for monospace) doubled: the browser's own text
# size setting, which scales everything the site sizes in rem, as a person's would.
DOUBLE_TEXT = {"fontSizes": {"standard": 32, "fixed": 26}}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const right = el => Math.round(el.getBoundingClientRect().right);
  const wide = [...document.querySelectorAll("body *")].filter(
    el => el.getBoundingClientRect().width > 0 && right(el) > width + 1);
  return {
    width, scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 5).map(el => `${el.outerHTML.slice(0, 100)} (right edge ${right(el)}px)`),
  };
}"""


def test_every_page_reflows_at_320px_with_text_at_200_percent(open_page):
    problems = []
    for page_type in PAGE_TYPES:
        page = open_page(viewport=NARROW)
        page.context.new_cdp_session(page).send("Page.setFontSizes", DOUBLE_TEXT)
        page_type.open(page)
        page.wait_for_load_state()  # stylesheets too, after a form was sent
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 37
        if page.evaluate("document.activeElement !== document.body"):
            check_focus(page)  # the error summary, focused on arrival: shown, not covered
        found = page.evaluate(OVERFLOW)
        if found["scrollWidth"] > found["width"] or found["wide"]:
            problems.append(f"{page_type}: {found}")
        screenshot(page, f"{page_type}-320-text-200")
        page.context.close()
    assert not problems, "Needs scrolling sideways:\n" + "\n".join(problems)

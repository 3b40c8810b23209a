"""The Welsh site in a real browser: axe-clean at both widths with the right lang attributes,
and a journey in Welsh without JavaScript (search, an answer, the language switch, a question).
"""

import re

import pytest
from playwright.sync_api import expect

from .axe import run_axe
from .people import quick_exit_on_screen
from .test_journeys import PHONE

WIDTHS = (1280, 375)
WELSH_PAGES = [
    ("/cy/", "Cyngor heddlu y gallwch ymddiried ynddo"),
    ("/cy/topics/", "Pob pwnc"),
    ("/cy/q497", "Beth yw aflonyddu"),  # a Welsh version
    ("/cy/q158", "stalking"),  # no Welsh version yet: the English, marked lang="en-GB"
    ("/cy/search/?q=aflonyddu", "Chwilio'r cyngor"),
    ("/cy/topics/reporting-crime/", "."),
    ("/cy/a-z/", "A i Y"),  # the Welsh alphabet, then the answers not in Welsh yet
]


@pytest.mark.parametrize(("path", "title"), WELSH_PAGES, ids=[p for p, _ in WELSH_PAGES])
def test_welsh_pages_meet_wcag_with_their_languages_marked(open_page, path, title):
    page = open_page()
    response = page.goto(path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(title, re.I))
    assert page.evaluate("document.documentElement.lang") == "cy"
    switch = page.locator(".language-switch a")
    expect(switch).to_have_text("English")
    assert switch.get_attribute("lang") == "en-GB"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        quick_exit_on_screen(page)
        result = run_axe(page)
        if result.violations:
            pytest.fail(f"{path} at {width}px wide:\n{result.report()}", pytrace=False)


@pytest.mark.parametrize(("number", "welsh"), [(497, True), (158, False)])
def test_the_welsh_embed_meets_wcag_with_its_languages_marked(open_page, number, welsh):
    page = open_page()
    assert page.goto(f"/embed/q/{number}/?lang=cy").status == 200
    assert page.evaluate("document.documentElement.lang") == "cy"
    title = page.locator("h1")
    assert title.get_attribute("lang") == (None if welsh else "en-GB")
    notice = page.get_by_text("Nid yw'r ateb hwn ar gael yn Gymraeg eto")
    expect(notice).to_have_count(0 if welsh else 1)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        result = run_axe(page)
        if result.violations:
            pytest.fail(f"Welsh embed of Q{number} at {width}px:\n{result.report()}", pytrace=False)


def test_an_answer_without_a_welsh_version_marks_its_english(open_page):
    page = open_page()
    page.goto("/cy/q158")
    expect(page.get_by_text("Nid yw'r ateb hwn ar gael yn Gymraeg eto")).to_be_visible()
    assert page.locator("h1").get_attribute("lang") == "en-GB"
    assert page.locator(".answer__body").get_attribute("lang") == "en-GB"


def test_a_journey_in_welsh_without_javascript(open_page):
    page = open_page(javascript=False, viewport=PHONE)
    page.goto("/cy/")
    page.get_by_label("Disgrifiwch beth sydd wedi digwydd").fill("aflonyddu")
    page.get_by_role("search", name="Chwilio'r cyngor").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chwilio'r cyngor")
    page.get_by_role("link", name=re.compile("Beth yw aflonyddu")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Beth yw aflonyddu"))
    assert "/cy/q/497/" in page.url
    # The same answer in English, and back.
    page.locator(".language-switch a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("What is harassment"))
    assert "/cy/" not in page.url
    page.locator(".language-switch a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Beth yw aflonyddu"))
    # A question, asked in Welsh.
    page.goto("/cy/ask/")
    page.get_by_label("Eich cwestiwn").fill(
        "Mae fy landlord yn cadw fy mlaendal ar ôl i mi symud allan. Beth alla i ei wneud?"
    )
    expect(
        page.get_by_role("heading", level=2, name=re.compile("Nid ar gyfer argyfyngau"))
    ).to_be_visible()
    page.get_by_role("button", name="Parhau").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile("Gallai'r atebion hyn helpu|Ychydig mwy o fanylion"))
    if heading.inner_text().startswith("Gallai"):
        page.get_by_role("button", name=re.compile("Does dim un o'r rhain")).click()
    expect(heading).to_have_text("Ychydig mwy o fanylion")
    page.get_by_role("button", name="Anfon fy nghwestiwn").click()
    expect(heading).to_have_text("Cwestiwn wedi'i anfon")
    expect(page.get_by_text(re.compile(r"Q-[A-Z0-9]{4}-[A-Z0-9]{4}")).first).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "cy"


def test_every_welsh_answer_and_page_reflows_at_320px_with_text_at_200_percent(open_page):
    """WCAG 1.4.10 with 1.4.4 for the Welsh site: Welsh words run longer than English ones, so
    every Welsh answer is opened, not a sample (issue 29)."""
    from faq.starter import WELSH_DIR

    from .test_reflow import DOUBLE_TEXT, NARROW, OVERFLOW

    numbers = sorted(int(p.stem[1:]) for p in (WELSH_DIR / "answers").glob("q*.txt"))
    paths = [path for path, _ in WELSH_PAGES] + [f"/cy/q{n}" for n in numbers]
    page = open_page(viewport=NARROW)
    page.context.new_cdp_session(page).send("Page.setFontSizes", DOUBLE_TEXT)
    problems = []
    for path in paths:
        assert page.goto(path).status == 200
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 37
        found = page.evaluate(OVERFLOW)
        if found["scrollWidth"] > found["width"] or found["wide"]:
            problems.append(f"{path}: {found}")
    assert not problems, "Needs scrolling sideways:\n" + "\n".join(problems)

"""Our answers on a force's site: deploy/examples/embed.html served from other origins.

A small HTTP server on another loopback port plays the force's site (a different origin from
the live server). From a listed origin the framed answer and the script's answer list render
and the page is axe-clean; from an origin not in EMBED_ALLOWED_ORIGINS the browser refuses the
frame (frame-ancestors) while the plain link stays. The API reference page is checked too.
"""

import http.server
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .axe import run_axe
from .conftest import screenshot

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "examples" / "embed.html"
PLACEHOLDER = "https://advice.example.police.uk"
QUESTION = "What is harassment and what can I do about it?"


class _ForceSite(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def force_site(site):
    """force_site(lang=None) -> the origin of a new server answering every path with the example
    page (its answer list in `lang` when given)."""
    servers = []

    def start(lang=None):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ForceSite)
        server.page = EXAMPLE.read_text(encoding="utf-8").replace(PLACEHOLDER, site)
        if lang:
            server.page = server.page.replace(" defer>", f' data-lang="{lang}" defer>')
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def visit(browser, site):
    """visit(url, javascript=True) -> (page, console errors); only loopback is reachable."""
    contexts = []

    def open_(url, *, javascript=True):
        context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
        context.set_default_timeout(10_000)
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if re.match(r"https?://(127\.0\.0\.1|localhost)(:\d+)?/", route.request.url)
                else route.abort()
            ),
        )
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        return page, errors

    yield open_
    for context in contexts:
        context.close()


def test_a_listed_force_site_shows_the_framed_answer_and_the_answer_list(
    visit, force_site, settings
):
    origin = force_site()
    settings.EMBED_ALLOWED_ORIGINS = [origin]
    page, errors = visit(origin + "/ask-the-police/")

    frame = page.frame_locator("iframe.answer-frame")
    expect(frame.get_by_role("heading", level=1)).to_have_text(QUESTION)
    expect(frame.get_by_role("link", name="Read Q497 on Police Advice")).to_be_visible()

    answers = page.locator(".pa-embed__item")
    expect(answers.first).to_be_visible()
    expect(page.locator(".pa-embed__status")).to_have_text(re.compile(r"^\d+ answers?$"))
    first_link = answers.first.get_by_role("link")
    assert "/embed/q/" in first_link.get_attribute("href")
    assert "force=thames-valley" in first_link.get_attribute("href")

    page.get_by_label("Search police advice").fill("stalking")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".pa-embed__status")).to_have_text(re.compile("answers? for “stalking”"))
    expect(answers.first).to_be_visible()

    screenshot(page, "embed-force-site")
    assert not errors, errors
    # After the check above: axe-core itself fetches the stylesheets, and the live server's
    # static handler sends no CORS header (whitenoise, in production, does).
    result = run_axe(page)
    assert not result.violations, result.report()


def test_the_answer_list_in_welsh(visit, force_site, settings):
    origin = force_site(lang="cy")
    settings.EMBED_ALLOWED_ORIGINS = [origin]
    page, errors = visit(origin + "/ask-the-police/")

    answers = page.locator(".pa-embed__item")
    expect(answers.first).to_be_visible()
    expect(page.locator(".pa-embed[lang=cy] .pa-embed__status")).to_have_text(
        re.compile(r"^\d+ ateb$")
    )
    first_link = answers.first.get_by_role("link")
    assert "lang=cy" in first_link.get_attribute("href")
    # Each answer is in Welsh, or marked as the English it falls back to.
    for item in answers.all():
        assert item.get_attribute("lang") in (None, "en-GB")
    expect(page.get_by_role("link", name="Atebion gan Police Advice")).to_be_visible()

    page.get_by_label("Chwilio cyngor yr heddlu").fill("stelcian")
    page.get_by_role("button", name="Chwilio").click()
    expect(page.locator(".pa-embed__status")).to_have_text(
        re.compile(r"^\d+ ateb ar gyfer “stelcian”$")
    )
    assert not errors, errors
    result = run_axe(page)
    assert not result.violations, result.report()


def test_an_unlisted_site_cannot_frame_the_answer(visit, force_site, settings):
    listed, unlisted = force_site(), force_site()
    settings.EMBED_ALLOWED_ORIGINS = [listed]
    page, errors = visit(unlisted + "/")
    page.wait_for_load_state("load")
    child = next(f for f in page.frames if f != page.main_frame)
    with pytest.raises(Exception):  # noqa: B017 - a refused frame has no document of ours
        child.get_by_role("heading", name=QUESTION).wait_for(timeout=2_000)
    assert any("frame-ancestors" in e for e in errors), errors
    # The script's list does not need framing: it still works there.
    expect(page.locator(".pa-embed__item").first).to_be_visible()


def test_without_javascript_the_plain_link_stays(visit, force_site, settings):
    origin = force_site()
    settings.EMBED_ALLOWED_ORIGINS = [origin]
    page, _ = visit(origin + "/", javascript=False)
    link = page.get_by_role("link", name="Police advice on harassment and stalking")
    expect(link).to_be_visible()
    assert link.get_attribute("href").endswith("/topics/harassment-and-stalking/")


def test_the_embedded_answer_meets_wcag_a_and_aa(visit, site):
    page, errors = visit(site + "/embed/q/497/?force=police-scotland")
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    expect(page.get_by_text("From Police Scotland")).to_be_visible()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        screenshot(page, f"embed-answer-{width}")
        result = run_axe(page)
        assert not result.violations, result.report()
    assert not errors, errors


def test_the_api_reference_page_works_under_our_csp(visit, site):
    page, errors = visit(site + "/api/v1/docs/")
    expect(page.get_by_text("Police Advice content API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/answers/{number}/").first).to_be_visible()
    screenshot(page, "api-reference")
    assert not errors, errors  # a CSP violation would be logged here

"""Issue 29: the drop-in embed on a force's site, through the real front stack.

nginx (TLS, static files from disk) → Varnish → gunicorn, as tests/test_hardening runs them,
with the starter content. A small HTTP server on another loopback port plays the force's site
and serves deploy/examples/embed.html pointing at the stack. Before, nginx (and Django) sent
`Cross-Origin-Resource-Policy: same-origin` on embed.js and its stylesheet: the browser refused
both (ERR_BLOCKED_BY_RESPONSE.NotSameOrigin) and only the fallback link appeared. Now the
framed answer and the answer list render, in English and in Welsh, axe-clean; a site not in
EMBED_ALLOWED_ORIGINS still cannot frame the answer and keeps its plain link.
"""

import http.server
import re
import threading

from playwright.sync_api import expect

from tests.test_hardening.conftest import _collected_static_files  # noqa: F401 (fixture)
from tests.test_hardening.test_cache_stack import _stack_installed, full_stack  # noqa: F401

from .axe import run_axe
from .test_embeds import EXAMPLE, PLACEHOLDER, QUESTION

SETUP = """
from faq.starter import load_starter_content
load_starter_content()
print("/topics/harassment-and-stalking/ 0")
"""


class _ForceSite(http.server.BaseHTTPRequestHandler):
    """The example page; under /cy/ with the answer list in Welsh."""

    def do_GET(self):
        page = EXAMPLE.read_text(encoding="utf-8").replace(PLACEHOLDER, self.server.advice)
        if self.path.startswith("/cy/"):
            page = page.replace(" defer>", ' data-lang="cy" defer>')
        body = page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ForceSite:
    def __init__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ForceSite)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _open(browser, url):
    context = browser.new_context(ignore_https_errors=True, locale="en-GB")  # self-signed
    context.set_default_timeout(15_000)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if re.match(r"https?://127\.0\.0\.1(:\d+)?/", route.request.url)
            else route.abort()
        ),
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return context, page, errors


def test_the_embed_works_on_a_listed_force_site_through_the_front_stack(tmp_path, browser):
    listed, unlisted = ForceSite(), ForceSite()
    environment = {"EMBED_ALLOWED_ORIGINS": listed.origin}
    try:
        with full_stack(tmp_path, setup=SETUP, environment=environment, warm="/topics/") as (
            front,
            *_,
        ):
            advice = f"https://127.0.0.1:{front.https_port}"
            listed.server.advice = unlisted.server.advice = advice
            _shared_only_where_meant(front)
            _english(browser, listed.origin + "/ask-the-police/")
            _welsh(browser, listed.origin + "/cy/gofyn-i-r-heddlu/")
            _unlisted(browser, unlisted.origin + "/ask-the-police/")
    finally:
        listed.close()
        unlisted.close()


def _shared_only_where_meant(front):
    for path in ("/static/js/embed.js", "/static/css/embed-widget.css"):
        status, headers, _, _ = front.get(path)
        assert status == 200, path
        assert headers["Cross-Origin-Resource-Policy"] == "cross-origin", path
        assert headers["Access-Control-Allow-Origin"] == "*", path
    status, headers, _, _ = front.get("/static/css/site.css")
    assert status == 200 and headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Access-Control-Allow-Origin" not in headers


def _english(browser, url):
    context, page, errors = _open(browser, url)
    try:
        frame = page.frame_locator("iframe.answer-frame")
        expect(frame.get_by_role("heading", level=1)).to_have_text(QUESTION)
        answers = page.locator(".pa-embed__item")
        expect(answers.first).to_be_visible()
        expect(page.locator(".pa-embed__status")).to_have_text(re.compile(r"^\d+ answers?$"))
        page.get_by_label("Search police advice").fill("stalking")
        page.get_by_role("button", name="Search").click()
        expect(page.locator(".pa-embed__status")).to_have_text(
            re.compile("answers? for “stalking”")
        )
        assert not errors, errors
        result = run_axe(page)
        assert not result.violations, result.report()
    finally:
        context.close()


def _welsh(browser, url):
    context, page, errors = _open(browser, url)
    try:
        expect(page.locator(".pa-embed__item").first).to_be_visible()
        expect(page.locator(".pa-embed[lang=cy] .pa-embed__status")).to_have_text(
            re.compile(r"^\d+ ateb$")
        )
        expect(page.get_by_role("link", name="Atebion gan Police Advice")).to_be_visible()
        assert not errors, errors
        result = run_axe(page)
        assert not result.violations, result.report()
    finally:
        context.close()


def _unlisted(browser, url):
    context, page, errors = _open(browser, url)
    try:
        page.wait_for_load_state("load")
        child = next(f for f in page.frames if f != page.main_frame)
        expect(child.get_by_role("heading", name=QUESTION)).to_have_count(0, timeout=2_000)
        assert any("frame-ancestors" in e for e in errors), errors
        expect(page.get_by_role("link", name="Read Q497 on Police Advice")).to_be_visible()
    finally:
        context.close()

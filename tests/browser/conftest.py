"""The real site in a real browser: Debian's Chromium, headless, driven by Playwright.

Playwright's own browser download is never used (it cannot work here): `executable_path` points
at the system Chromium. Without Chromium or Playwright these tests skip with the reason, unless
REQUIRE_BROWSER is set (.ci/run sets it), when they fail instead.

Each test gets the live server (pytest-django's `live_server`, a free local port) with the
starter content, every force and one local note, and a fresh browser context per page. The
browser never reaches the network: the quick exit's address is answered with a small neutral
page, and any other outside request is refused and fails the test.
"""

import importlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from faq.models import Answer
from faq.starter import load_starter_content
from forces.lookup import clear_caches
from forces.models import Force, LocalNote
from questions import forms as question_forms

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
NEUTRAL_TITLE = "Weather forecast"
NEUTRAL_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Weather forecast</title></head>"
    "<body><h1>Weather forecast</h1><p>Sunny spells, light winds.</p></body></html>"
)
# The answer page type shows this force's note on Q497 (and, as Scotland's law differs, the
# "law may be different" notice too).
LOCAL_NOTE_FORCE = "police-scotland"
LOCAL_NOTE_TEXT = "Police Scotland: you can also report harassment at any police station."
SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR", "")


def _unavailable(reason):
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{reason}. REQUIRE_BROWSER is set, so this is a failure.", pytrace=False)
    pytest.skip(reason)


def chromium_path():
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser"):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server):
    """One Chromium for the whole run (per xdist worker); each test opens its own context.

    Started after the test database and the live server, and stopped before them, so no
    browser connection is left open while they shut down.
    """
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[dev]')")
    path = chromium_path()
    if path is None:
        _unavailable("Chromium is not installed (apt-get install chromium)")
    playwright = sync_playwright().start()
    # From here Playwright's sync API keeps an asyncio loop on this thread. The ORM calls in
    # fixtures and Django's flush between tests are plain synchronous code, so Django's guard
    # against calling it from async code must stand aside while the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
    except Error as exc:
        _stop(playwright)
        _unavailable(f"Chromium ({path}) would not start: {exc}")
    yield chromium
    chromium.close()
    _stop(playwright)


def _stop(playwright):
    playwright.stop()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _load_forces():
    # The same loader as the data migration: live_server's tests flush every table afterwards.
    migration = importlib.import_module("forces.migrations.0003_force_data")
    migration.load_forces(apps, None)


@pytest.fixture
def site(browser, live_server, monkeypatch):
    """The live server with what a visitor would find on a fresh install."""
    # A person takes longer than this to fill in the form; tests send at once (as in test_ask).
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)
    _load_forces()
    load_starter_content()
    LocalNote.objects.create(
        force=Force.objects.get(slug=LOCAL_NOTE_FORCE),
        answer=Answer.objects.get(number=497),
        body=f"<p>{LOCAL_NOTE_TEXT}</p>",
    )
    clear_caches()  # the force lookup must see this test's rows, not the last test's
    yield live_server.url
    clear_caches()


@dataclass
class Visit:
    """What one browser context did that the site should never cause."""

    outside_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    failed_resources: list = field(default_factory=list)


@pytest.fixture
def open_page(browser, site):
    """open_page(javascript=True, viewport=DESKTOP) -> a page in a fresh browser context."""
    contexts = []
    visit = Visit()

    def route(route):
        url = route.request.url
        if url.startswith(site):
            route.continue_()
        elif url.rstrip("/") == settings.QUICK_EXIT_URL.rstrip("/"):
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        else:
            visit.outside_requests.append(url)
            route.abort()

    def console(message):
        # A page answered with 400 or 404 logs "Failed to load resource": that page's status is
        # checked where it is opened; broken stylesheets, scripts and images are caught below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            visit.console_errors.append(message.text)

    def response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            visit.failed_resources.append(f"{response.status} {response.url}")

    def make(*, javascript=True, viewport=DESKTOP):
        context = browser.new_context(
            base_url=site, viewport=viewport, java_script_enabled=javascript, locale="en-GB"
        )
        context.set_default_timeout(10_000)
        context.route("**/*", route)
        contexts.append(context)
        page = context.new_page()
        page.on("console", console)
        page.on("response", response)
        page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not visit.outside_requests, f"The site asked for outside addresses: {visit}"
    # CSP violations (an inline style or script) and script errors show up here.
    assert not visit.console_errors, f"Errors in the browser console: {visit.console_errors}"
    assert not visit.failed_resources, f"Files that did not load: {visit.failed_resources}"


def screenshot(page, name):
    """Full-page PNG in SCREENSHOTS_DIR (make screenshots), so people can see every page."""
    if not SCREENSHOTS_DIR:
        return
    folder = Path(SCREENSHOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)

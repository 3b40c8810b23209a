"""axe-core on every page type, at desktop and phone widths: no WCAG 2.2 A/AA violations, with
the quick exit on screen on every one. Then every Tab stop on the page has a visible focus
indicator that nothing covers.

With SCREENSHOTS_DIR set (make screenshots) each page is also saved as a full-page PNG at both
widths, with axe's counts in axe-results.json beside them.
"""

import json
from pathlib import Path

import pytest

from .axe import run_axe
from .conftest import SCREENSHOTS_DIR, screenshot
from .pagetypes import PAGE_TYPES
from .people import quick_exit_on_screen, tab_through

WIDTHS = (1280, 375)


def _record(name, counts):
    if not SCREENSHOTS_DIR:
        return
    path = Path(SCREENSHOTS_DIR) / "axe-results" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(counts, indent=2))


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=str)
def test_page_meets_wcag_a_and_aa(open_page, page_type):
    page = open_page()
    page_type.open(page)
    page.wait_for_load_state()  # stylesheets too, after a form was sent
    counts = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        quick_exit_on_screen(page)
        result = run_axe(page)
        if result.violations:
            pytest.fail(f"{page_type} at {width}px wide:\n{result.report()}", pytrace=False)
        counts[width] = {
            "axe": result.version,
            "rules": result.rules,
            "passes": result.passes,
            "violations": len(result.violations),
            "incomplete": result.incomplete,
            "inapplicable": result.inapplicable,
        }
        screenshot(page, f"{page_type}-{width}")
    # On a phone-sized window (where the quick exit bar stays on screen), every Tab stop shows
    # where focus is and is not hidden behind anything.
    counts["tab_stops"] = tab_through(page)
    _record(str(page_type), counts)

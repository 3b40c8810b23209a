"""The accessibility statement says how the site is tested, naming the axe-core we really run."""

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT

pytestmark = pytest.mark.django_db


def test_statement_names_the_tools_pages_and_journeys(client):
    version = re.search(r"axe v(\d+\.\d+)", AXE_SCRIPT[:200]).group(1)
    page = client.get("/accessibility/").content.decode()
    assert "How we tested this website" in page
    assert f"axe-core {version}" in page, f"the statement should name axe-core {version}"
    for named in ("Chromium", "Playwright", "320 pixels wide", "JavaScript turned off"):
        assert named in page
    assert "Non-accessible content" in page and "What we have not tested yet" in page

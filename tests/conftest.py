import pytest
from django.core.cache import cache

from config.ratelimit import local_counter


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages must not leak from one test into another."""
    cache.clear()
    local_counter.clear()
    yield
    cache.clear()
    local_counter.clear()


@pytest.fixture
def client():
    """The test client as a current browser sends our own forms: `Sec-Fetch-Site: same-origin`
    (config.origin refuses public POSTs without it). Tests of cross-site requests, and of a
    browser that sends no such header, make their own Client."""
    from django.test import Client

    return Client(headers={"Sec-Fetch-Site": "same-origin"})

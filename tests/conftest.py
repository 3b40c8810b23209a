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

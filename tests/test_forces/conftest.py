import pytest

from forces.lookup import clear_caches


@pytest.fixture(autouse=True)
def _fresh_lookup_cache():
    """The lookup keeps forces in memory; a rolled-back test must not leave its changes there."""
    clear_caches()
    yield
    clear_caches()

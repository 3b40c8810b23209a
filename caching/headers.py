"""What a cacheable response tells HTTP caches: Cache-Control, Surrogate-Control, and the keys
a purge names (Surrogate-Key, xkey; docs/front-stack.md)."""

from django.conf import settings
from django.utils.cache import patch_vary_headers


def shared_cache_headers(response, options):
    """Cache-Control, Surrogate-Control, Surrogate-Key and Vary for a cacheable page.

    Browsers keep a page HTTP_CACHE_BROWSER_MAX_AGE seconds (no one can purge them); shared caches
    (Varnish, a CDN) keep it as long as our own cache does, since a change purges them by key.
    Sensitive pages stay `no-store` for browsers (nothing left on a shared device) while the
    shared caches we control may hold them through `Surrogate-Control`, which they remove
    before a response leaves them.
    """
    if options.get("vary_on_cookie"):
        patch_vary_headers(response, ["Cookie"])
    tags = getattr(response, "cache_tags", None)
    if response.status_code != 200 or not tags or response.cookies or response.streaming:
        return
    keys = " ".join(sorted(tags))
    response["Surrogate-Key"] = keys
    response["xkey"] = keys
    shared = options["timeout"]
    if getattr(response, "sensitive", False):
        response["Surrogate-Control"] = f"max-age={shared}, {_stale_directives()}"
    elif not response.has_header("Cache-Control"):
        response["Cache-Control"] = shareable_cache_control(shared)


def withhold_from_shared_caches(response):
    """A page built across a change (a bump came while it was built) may show what was there
    before the commit, and the purge for that commit may have gone already: no shared cache may
    keep it, or it would outlive the change until its s-maxage. The visitor still gets it."""
    for header in ("Surrogate-Key", "xkey", "Surrogate-Control"):
        if response.has_header(header):
            del response[header]
    if "no-store" not in response.get("Cache-Control", ""):
        response["Cache-Control"] = "no-cache"


def shareable_cache_control(shared_seconds):
    """`Cache-Control` for a response any cache may keep: browsers a short while (nobody can
    purge them), shared caches `shared_seconds`, since a change purges them by surrogate key."""
    browser = min(settings.HTTP_CACHE_BROWSER_MAX_AGE, shared_seconds)
    return f"public, max-age={browser}, s-maxage={shared_seconds}, {_stale_directives()}"


def _stale_directives():
    return (
        f"stale-while-revalidate={settings.HTTP_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.HTTP_CACHE_STALE_IF_ERROR}"
    )

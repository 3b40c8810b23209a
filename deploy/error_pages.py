"""The pages nginx and Varnish show when the site behind them cannot answer at all.

`python -m deploy.error_pages DIR` (run by `make stack` after collectstatic, with the same
settings) renders the site's own kind 503 page (templates/errors/503.html) into static files:
`unavailable.en.html`, `unavailable.cy.html` and `unavailable.json` (the API's error shape).
Varnish reads them in vcl_backend_error/vcl_synth, nginx serves them as its error_page for 502,
503 and 504: a person sees 999 and 101 in their language at every layer, never "Guru
Meditation" or a bare 502. The stylesheet link is the collected, hashed one, which nginx serves
from disk even when nothing behind it answers.
"""

import os
import sys
from pathlib import Path

LANGUAGES = {"en": "en-gb", "cy": "cy"}


def write(directory):
    """Render the pages into `directory` (created if missing); returns their paths."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from web.api_support import ApiError

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, language in LANGUAGES.items():
        with translation.override(language):
            html = render_to_string("errors/503.html", {"front_stack": True})
        path = directory / f"unavailable.{suffix}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
    path = directory / "unavailable.json"
    path.write_bytes(ApiError(503).response().content)
    written.append(path)
    return written


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.exit("usage: python -m deploy.error_pages DIRECTORY")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    for path in write(argv[0]):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

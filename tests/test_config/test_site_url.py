"""In development the site's absolute links follow the port `make run` serves on (issue 28, 11)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _site_url(**environ):
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "DEBUG"}}
    env.update(environ, DJANGO_SETTINGS_MODULE="config.settings")
    code = "import django; django.setup(); from django.conf import settings as s; print(s.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_development_site_url_follows_the_port():
    assert _site_url(DEBUG="1", PORT="8790") == "http://127.0.0.1:8790"
    assert _site_url(DEBUG="1") == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins():
    url = _site_url(DEBUG="1", PORT="8790", SITE_URL="https://advice.example/")
    assert url == "https://advice.example"


def test_make_run_serves_and_links_on_the_same_port():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8790"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    serve = [line for line in dry_run.splitlines() if "runserver" in line]
    assert serve, dry_run
    assert "PORT=8790" in serve[0]
    assert "runserver 127.0.0.1:8790" in serve[0]

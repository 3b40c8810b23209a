"""Run Django with production settings in a subprocess (DEBUG off, secret key and hosts set)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "advice.example.police.uk"
# Set by the session fixture in conftest.py: where collectstatic wrote this run's static files
# (production settings serve hashed names from a manifest, which a fresh clone does not have).
collected_static = {"root": None, "errors": None}


def production_env(**extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "p7#" + "z" * 60 + "-production-like-key-for-tests-9876543210",
        "ALLOWED_HOSTS": HOST,
    }
    if collected_static["root"]:
        env["STATIC_ROOT"] = collected_static["root"]
    env.update(extra)
    return env


# Requests through Django's test client inside a production-configured process; prints JSON.
_CLIENT_SCRIPT = f"""
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
if sys.argv[2] == "migrate":
    call_command("migrate", verbosity=0)
out = []
for method, path, secure, *data in json.loads(sys.argv[1]):
    client = Client(HTTP_HOST="{HOST}", headers={{"Sec-Fetch-Site": "same-origin"}})
    response = getattr(client, method)(path, *data, secure=secure)
    out.append({{
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {{
            name: {{key: str(morsel[key]) for key in ("httponly", "secure", "samesite", "max-age")}}
            for name, morsel in response.cookies.items()
        }},
    }})
print(json.dumps(out))
"""


def production_requests(requests, tmp_path, *, migrate=False):
    """[(method, path, secure[, form data])] → what a production process answered to each.

    It has its own SQLite file, migrated (with the force data) only when `migrate` is set.
    """
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _CLIENT_SCRIPT,
            json.dumps(requests),
            "migrate" if migrate else "",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])

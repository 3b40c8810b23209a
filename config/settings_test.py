"""Settings for the test suite: pyproject.toml points pytest here (DJANGO_SETTINGS_MODULE).

The site's settings (config/settings.py) never ask whether they run under test; everything the
suite needs differently is said here. Tests that start a production-style process (gunicorn,
`manage.py check --deploy`) give it config.settings and their own environment.
"""

import os

# The suite needs no secret and is not production: a fixed key the settings accept, unless one
# is given.
os.environ.setdefault("SECRET_KEY", "test-suite-only-" + "not-secret-" * 4)

from .settings import *  # noqa: F403
from .settings import STORAGES, env_bool, env_list

# The test client's host is "testserver"; live servers answer on loopback.
ALLOWED_HOSTS = [*env_list("ALLOWED_HOSTS", "127.0.0.1,localhost"), "testserver"]

# Plain http: the test client and live servers speak no TLS (production's are in settings.py).
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = None

# The test client's login() gives axes no request; the lockout test switches it back on.
AXES_ENABLED = env_bool("AXES_ENABLED", False)

# Static files straight from the source folders, no manifest to collect first.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each view written at once: a writer thread would write into whichever test is running.
# tests/test_caching/test_pagecache.py tests the timed writer on its own.
VIEW_COUNT_FLUSH_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

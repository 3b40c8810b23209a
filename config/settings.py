"""Settings for the police advice site.

Everything that differs between a laptop and production comes from the environment.
The defaults are safe for local use (`make run`); production must set SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL, and refuses to start with the development secret key.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The test suite's own settings are config/settings_test.py: nothing here asks whether it runs
# under test.
DEBUG = env_bool("DEBUG", False)

DEVELOPMENT_SECRET_KEY = "development-only-not-secret-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production refuses to start with the development key: "
        "set SECRET_KEY in the environment (or DEBUG=1 for local development)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.StaffAdminConfig",  # django.contrib.admin, branded (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "treebeard",
    "ninja",  # serves its Swagger UI from its own static files (no CDN)
    "django_prose_editor",
    "reversion",
    "config.apps.SignInLockoutsConfig",  # django-axes, named in plain words
    "faq",
    "forces",
    "questions",
    "caching",  # its AppConfig keeps the label "invalidation" (the table and migrations)
]

MIDDLEWARE = [
    # First, so CORS and embed headers are on every API and embed response, 304s included.
    "web.crossorigin.CrossOriginMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "web.middleware.SecurityHeadersMiddleware",
    # Inside the headers middleware (so its headers apply), outside everything that may fail.
    "web.middleware.ApiJsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "web.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a cached page skips sessions, auth and messages (it does its own CSRF part).
    # Before the page cache: it resolves the address, and /cy/ addresses resolve only in Welsh.
    "web.middleware.PathLanguageMiddleware",
    # Before the page cache: a view's declared rate limit counts stored pages too (web.policy).
    "web.middleware.RateLimitMiddleware",
    "caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Staff logins: django-axes refuses a username from an address after AXES_FAILURE_LIMIT failed
# attempts, for AXES_COOLOFF_TIME. It records the username and IP address of each failed attempt
# (staff accounts only: the public never log in). Off in tests (config/settings_test.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same client address as the rate limits (right-most X-Forwarded-For behind our proxies).
AXES_CLIENT_IP_CALLABLE = "web.ratelimit.client_address"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "config.context_processors.languages",
            ],
            "builtins": ["config.templatetags"],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (production) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A silent database must not hold requests (docs/threat-model.md): libpq gives up connecting
# after DB_CONNECT_TIMEOUT s, the server cancels statements after DB_STATEMENT_TIMEOUT ms, TCP
# keepalives notice a dead peer, and config.postgresql cuts any query, commit or health check
# still waiting after DB_QUERY_DEADLINE s, then fails fast for DB_BREAKER_SECONDS.
# DB_STATEMENT_TIMEOUT=0 lifts the limits for a long one-off job (a big import or migration).
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT = int(os.environ.get("DB_STATEMENT_TIMEOUT", "5000"))
DB_QUERY_DEADLINE = float(
    os.environ.get(
        "DB_QUERY_DEADLINE", str(DB_STATEMENT_TIMEOUT / 1000 + 2 if DB_STATEMENT_TIMEOUT else 0)
    )
)
DB_BREAKER_SECONDS = float(os.environ.get("DB_BREAKER_SECONDS", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    _options.setdefault("keepalives", 1)
    _options.setdefault("keepalives_idle", 30)
    _options.setdefault("keepalives_interval", 10)
    _options.setdefault("keepalives_count", 3)
    _options.setdefault("tcp_user_timeout", 10_000)  # ms unacknowledged before giving up
    if DB_STATEMENT_TIMEOUT:
        _options.setdefault("options", f"-c statement_timeout={DB_STATEMENT_TIMEOUT}")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (production, shared between app servers),
# local memory otherwise (one process: `make run` and tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
# A hung Redis must cost a page a fraction of a second, not seconds per call
# (docs/threat-model.md): short socket timeouts, and caching.backend stops asking for
# REDIS_BREAKER_SECONDS after one failure. Redis answers in well under a millisecond when well.
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.2"))
REDIS_BREAKER_SECONDS = float(os.environ.get("REDIS_BREAKER_SECONDS", "5"))
REDIS_CACHE_OPTIONS = {
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    "health_check_interval": 30,
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "caching.backend.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "advice"),
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "advice-local",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at /, Welsh under /cy/ (config.urls: i18n_patterns without a prefix for English).
# The language comes from the address alone (web.middleware.PathLanguageMiddleware).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Addresses outside the /cy/ prefix (one address for every language) that take `?lang=cy`.
LANGUAGE_QUERY_PATHS = ["/api/", "/embed/"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60 if not DEBUG else 0
# Development serves straight from the source folders; production from STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Sessions and cookies.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script on the site reads the CSRF cookie (every form carries the token in a hidden field).
CSRF_COOKIE_HTTPONLY = True
# A session cookie (gone when the browser closes), not Django's one year: opening the question
# form must not leave a year-long trace on a shared device (issue 23, finding 14).
CSRF_COOKIE_AGE = None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Where browsers may report Content-Security-Policy violations (optional).
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")
# Behind proxies that append to X-Forwarded-For (nginx; later Varnish, a load balancer), rate
# limits and login lockouts count the address the outermost proxy saw: the TRUSTED_PROXY_COUNT-th
# entry from the right. Entries further left are written by the client and never trusted.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# Only for load tests, where every request comes from one address.
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preload-ready by default (a year, subdomains, preload): read docs/threat-model.md first.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Who may use the API and embed our answers from other sites. API_CORS_ORIGINS: origins allowed
# to read the JSON API from a browser (GET only), "*" for any. EMBED_ALLOWED_ORIGINS: the only
# origins whose pages may frame /embed/ (e.g. https://www.thamesvalley.police.uk); none by default.
API_CORS_ORIGINS = env_list("API_CORS_ORIGINS", "*")
EMBED_ALLOWED_ORIGINS = [origin.rstrip("/") for origin in env_list("EMBED_ALLOWED_ORIGINS")]

# Email: console for local use, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Police advice <no-reply@localhost>")

# What cacheable public pages tell HTTP caches (caching/headers.py). Browsers keep a page this
# many seconds (nobody can purge a browser); shared caches keep it as long as our own page cache
# (an hour for most pages), since every change purges them by surrogate key. A shared cache may
# serve a copy this much past its lifetime while it fetches a new one, or while we are down.
HTTP_CACHE_BROWSER_MAX_AGE = int(os.environ.get("HTTP_CACHE_BROWSER_MAX_AGE", "60"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "30"))
HTTP_CACHE_STALE_IF_ERROR = int(os.environ.get("HTTP_CACHE_STALE_IF_ERROR", str(24 * 60 * 60)))

# Shared caches to purge by surrogate key when content changes (caching/queue.py): e.g.
# Varnish's address, "http://127.0.0.1:6081/"; an entry may name another method ("POST https://…")
# and HTTP_CACHE_PURGE_HEADERS (JSON) adds headers such as a CDN's API key.
HTTP_CACHE_PURGE_URLS = env_list("HTTP_CACHE_PURGE_URLS")
HTTP_CACHE_PURGE_HEADERS = os.environ.get("HTTP_CACHE_PURGE_HEADERS", "")
HTTP_CACHE_PURGE_TIMEOUT = float(os.environ.get("HTTP_CACHE_PURGE_TIMEOUT", "2"))
# Query parameters and cookies whose values are a closed set (`?lang=`, the chosen force) are
# declared in code, not here: caching.middleware.closed_value, forces/apps.py.

# Answer views are added up in each process and written every this many seconds (faq/viewcounts.py);
# 0 writes each view at once.
VIEW_COUNT_FLUSH_SECONDS = float(os.environ.get("VIEW_COUNT_FLUSH_SECONDS", "30"))
# One client counts as a reader of at most this many answers a day (and of each once).
VIEW_COUNT_ANSWERS_PER_CLIENT = int(os.environ.get("VIEW_COUNT_ANSWERS_PER_CLIENT", "20"))
# "Most read" on the home page: readers over the last MOST_READ_WINDOW_DAYS days, of answers
# with at least MOST_READ_MIN_READERS of them; shown once MOST_READ_MIN_ANSWERS answers qualify,
# the editors' home-page picks until then.
MOST_READ_WINDOW_DAYS = int(os.environ.get("MOST_READ_WINDOW_DAYS", "28"))
MOST_READ_MIN_READERS = int(os.environ.get("MOST_READ_MIN_READERS", "25"))
MOST_READ_MIN_ANSWERS = int(os.environ.get("MOST_READ_MIN_ANSWERS", "3"))

ADMIN_URL = os.environ.get("ADMIN_URL", "staff/").strip("/") + "/"

# Site-wide facts shown on every page.
SITE_NAME = os.environ.get("SITE_NAME", "Police Advice")
# In development it follows the port the site is served on (`make run PORT=8790` passes PORT), so
# the API's `url`, the feeds and hreflang links point where the site really is.
_DEVELOPMENT_SITE_URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000') if DEBUG else '8000'}"
SITE_URL = os.environ.get("SITE_URL", _DEVELOPMENT_SITE_URL).rstrip("/")
# Who runs this copy of the site (a force, a national body), named with a link in the header and
# footer; nothing is shown while SITE_OWNER is empty.
SITE_OWNER = os.environ.get("SITE_OWNER", "")
SITE_OWNER_URL = os.environ.get("SITE_OWNER_URL", "")
# Where "Exit this page" sends people: a neutral, busy page that gives nothing away.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
# Days after a submitted question is answered or closed before the asker's name, email address
# and client hash are erased (manage.py purge_personal_data). The privacy notice says 90.
QUESTIONS_PURGE_AFTER_DAYS = int(os.environ.get("QUESTIONS_PURGE_AFTER_DAYS", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": os.environ.get("LOG_LEVEL", "WARNING"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

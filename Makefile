# Two commands matter on a fresh clone: `make run` and `make test`. Both are safe to repeat.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
PYTEST := $(PY) -m pytest -n auto -q
LOCAL_POSTGRES := postgres://postgres@127.0.0.1:5432/test
DEV := DEBUG=1
# The Welsh interface: locale/cy/LC_MESSAGES/django.po is committed, its compiled .mo is built
# here (git-ignored). Only our own locale folders, never the virtual environment's.
MESSAGES := $(PY) manage.py compilemessages -l cy --ignore '.venv' --ignore 'staticfiles' -v0

.PHONY: install messages run test lint format serve stack bench audit backup screenshots superuser

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

messages: install
	$(DEV) $(MESSAGES)

run: messages
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_initial_data
	$(DEV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(DEV) PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on SQLite, then on PostgreSQL when DATABASE_URL is set or a local server
# answers on 127.0.0.1:5432. REQUIRE_POSTGRES=1 (set by .ci/run) turns "not reachable" into a failure.
test: messages
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(PYTEST)
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2).close()" 2>/dev/null; then \
	  url="$(LOCAL_POSTGRES)"; fi; \
	if [ -n "$$url" ]; then \
	  echo "== Test suite on PostgreSQL =="; DATABASE_URL="$$url" $(PYTEST); \
	elif [ -n "$${REQUIRE_POSTGRES:-}" ]; then \
	  echo "PostgreSQL is required (REQUIRE_POSTGRES) but no server answers on 127.0.0.1:5432"; exit 1; \
	else \
	  echo "== PostgreSQL not reachable: the suite ran on SQLite only =="; fi

lint: messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV) $(PY) manage.py check
	# The shape of the house: import direction, no loops, nothing hidden from ruff or pytest.
	$(PY) -m pytest -q -p no:xdist tests/test_config/test_architecture.py

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Production-style serving: gunicorn, DEBUG off. Needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL
# (and REDIS_URL when there is more than one app server) in the environment.
# gunicorn alone is NOT safe facing the internet: a few slow clients hold all its threads.
serve: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	@echo "WARNING: gunicorn must sit behind the buffering proxy (nginx, deploy/nginx.conf.template):"
	@echo "         on its own, 40 clients sending headers slowly stop it answering anyone."
	@echo "         'make stack' runs nginx in front of it; never expose this port directly."
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --threads $${GUNICORN_THREADS:-4} --access-logfile -

# The production front stack on loopback: nginx (TLS with a local self-signed certificate,
# request buffering, static files, gzip) → Varnish (the shared page cache, purged by surrogate
# key) → gunicorn, and the purge worker; production settings. https://127.0.0.1:8443/ (http on
# 8080 redirects). Installs Debian's nginx, varnish and varnish-modules when missing (root).
stack: messages
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || (apt-get update -qq && apt-get install -y -qq nginx)
	@test -x /usr/sbin/varnishd && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq varnish varnish-modules)
	$(PY) deploy/stack.py

# Load test against the production server (PostgreSQL + Redis, gunicorn); prints a table.
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) benchmarks/http_load.py

# A staff account for the local site (asks for a name and password), then `make run` and sign
# in at http://127.0.0.1:8000/staff/. Sets DEBUG itself, like `make run`.
superuser: install
	$(DEV) $(PY) manage.py migrate --noinput -v0
	$(DEV) $(PY) manage.py createsuperuser

# Every page type as full-page PNGs, 375px and 1280px wide and 320px wide with text at 200%,
# plus axe-core's counts for each page (axe-results/), in screenshots/ (git-ignored).
screenshots: install
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	rm -rf screenshots
	env -u DATABASE_URL SCREENSHOTS_DIR=screenshots REQUIRE_BROWSER=1 $(PY) -m pytest -q -n auto \
	  tests/browser/test_pages.py tests/browser/test_reflow.py
	@echo "Screenshots of every page type are in screenshots/"

# Known vulnerabilities in the installed dependencies (asks PyPI's advisory data). --strict:
# a package that could not be checked fails the audit, and the last line says which failure it
# was, so "No known vulnerabilities" is never printed for an audit that did not happen.
PIP_AUDIT ?= $(VENV)/bin/pip-audit
audit: install
	@log=$$(mktemp); \
	if $(PIP_AUDIT) --skip-editable --progress-spinner off --strict 2>"$$log"; then \
	  rm -f "$$log"; echo "Audit complete: every installed package was checked against PyPI's advisories."; \
	else status=$$?; cat "$$log" >&2; \
	  if grep -qiE "connection|timed out|timeout|resolve|unreachable|HTTPS?Error|SSLError" "$$log"; then \
	    echo "AUDIT FAILED: the advisory source (PyPI's JSON API) could not be reached. Nothing was checked: this is not a clean result." >&2; \
	  elif grep -q "could not be audited" "$$log"; then \
	    echo "AUDIT INCOMPLETE: $$(grep -c 'could not be audited' "$$log") packages could not be checked (the advisory source does not know them or did not answer). This is not a clean result." >&2; \
	  else echo "AUDIT FAILED: known vulnerabilities are listed above (or pip-audit failed): upgrade and run it again." >&2; fi; \
	  rm -f "$$log"; exit $$status; fi

# Backups into backups/ (git-ignored): pg_dump of the whole database when DATABASE_URL is
# PostgreSQL, and always the content (topics, answers, links, forces, local notes) as JSON,
# which `manage.py import_content` restores into an empty database. Run it with the production
# environment (or DEBUG=1 for the local SQLite site).
backup: install
	@mkdir -p backups
	@stamp=$$(date -u +%Y%m%dT%H%M%SZ); \
	case "$${DATABASE_URL:-}" in \
	  postgres://*|postgresql://*) \
	    pg_dump --format=custom --no-owner --file="backups/db-$$stamp.dump" "$$DATABASE_URL" \
	      && echo "Database: backups/db-$$stamp.dump";; \
	  *) echo "DATABASE_URL is not PostgreSQL: no pg_dump, content export only";; \
	esac; \
	$(PY) manage.py export_content "backups/content-$$stamp.json"

"""CPU per answer page built by Django (a page-cache miss), in one process, against a reference.

    .venv/bin/python benchmarks/page_cpu.py [--requests 1000] [--reseed] [--profile]

Seeds 5,000 answers in 200 topics (with cross-references) on PostgreSQL in its own database,
advice_page_cpu (reused on later runs; --reseed builds it again), with Redis db 14 as the cache
and the site's production settings (DEBUG off, cached template loader, manifest static files).
Then it calls the WSGI handler directly, as gunicorn would, and measures CPU time
(time.process_time) and queries per request for:

- reference: an HttpResponse as large as an answer page, through the same handler and every
  middleware (the least a Django response can cost here);
- answer pages with a session cookie, which bypasses the page cache as staff do (the "answer
  page, cold" row of benchmarks/http_load.py), in English, in Welsh and with a force chosen;
- anonymous answer pages the page cache does not hold yet (each address once: built and stored);
- answer pages nothing was kept for (each address once, as after a change or an eviction).

Each figure is also printed as a ratio: reference CPU / page CPU (1.00 would be as cheap as the
reference). Needs PostgreSQL and Redis on 127.0.0.1. --sqlite uses a throwaway SQLite file
instead (no PostgreSQL), for a quick look.
"""

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAME = "advice_page_cpu"
ADMIN_DSN = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_DB = 14
SESSION_COOKIE = "sessionid=bench-no-cache"


def env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
        "RATE_LIMITS_ENABLED": "0",
    }


def manage(database_url, *args):
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        # A long one-off job: no statement timeout (settings.py, DB_STATEMENT_TIMEOUT).
        env={**env(database_url), "DB_STATEMENT_TIMEOUT": "0"},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def postgres_has_corpus():
    import psycopg

    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            return False
    with psycopg.connect(f"postgres://postgres@127.0.0.1:5432/{DB_NAME}") as conn:
        try:
            sql = "SELECT count(*) FROM faq_answer WHERE number >= 100000"
            return conn.execute(sql).fetchone()[0] > 0
        except psycopg.Error:
            return False


def seed(database_url, answers, topics, *, postgres):
    t0 = time.perf_counter()
    if postgres:
        import psycopg

        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "load_initial_data")
    manage(
        database_url, "generate_demo_content", "--answers", str(answers), "--topics", str(topics)
    )
    if postgres:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    print(f"seeded {answers} answers in {topics} topics in {time.perf_counter() - t0:.0f} s")


def ensure_static(database_url):
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        manage(database_url, "collectstatic", "--noinput", "-v0")


def flush_redis():
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


# --- in process ------------------------------------------------------------------------------


def wsgi_environ(path, cookie=""):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    return environ


def serve(handler, path, cookie=""):
    """One request through the handler, as gunicorn makes it: (status line, body bytes)."""
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    result = handler(wsgi_environ(path, cookie), start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()  # request_finished: what a server does after each response
    return statuses[0], body


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(handler, label, requests, counter, reference=None):
    """Serve each (path, cookie) once; print CPU ms and queries per request (and the ratio)."""
    from django.db import connection

    for path, cookie in requests[:3]:  # the first request of a kind may import or compile
        status, _ = serve(handler, path, cookie)
        if not status.startswith("200"):
            raise SystemExit(f"{label}: {path} answered {status}")
    counter.count = 0
    with connection.execute_wrapper(counter):
        started = time.process_time()
        for path, cookie in requests:
            serve(handler, path, cookie)
        cpu = (time.process_time() - started) / len(requests) * 1000
    queries = counter.count / len(requests)
    ratio = f"{reference / cpu:>6.2f}" if reference else f"{'1.00':>6}"
    print(f"{label:<52} {cpu:>8.2f} {queries:>8.1f} {ratio}")
    return cpu


def reference_urlconf(size):
    """The site's addresses plus /__reference__/: `size` bytes of HTML and nothing else."""
    import types

    from django.http import HttpResponse
    from django.urls import path

    import config.urls

    body = b"x" * size
    module = types.ModuleType("page_cpu_urls")
    module.urlpatterns = [
        path("__reference__/", lambda request: HttpResponse(body)),
        *config.urls.urlpatterns,
    ]
    for name in ("handler400", "handler404", "handler500"):
        setattr(module, name, getattr(config.urls, name))
    sys.modules[module.__name__] = module
    return module.__name__


def run(count, distinct, profile):
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    from faq.models import Answer

    answers = list(
        Answer.objects.published()
        .filter(number__gte=100_000, replaced_by__isnull=True)
        .order_by("number")
        .values_list("number", "slug")[: 3 * distinct]
    )
    paths = [f"/q/{number}/{slug}/" for number, slug in answers]
    if len(paths) < 3 * distinct:
        raise SystemExit(f"only {len(paths)} demo answers: run with --reseed")
    # Three sets of addresses, so no row sees what another one left in the cache.
    paths, unseen, untouched = paths[:distinct], paths[distinct::3], paths[distinct + 1 :: 3]

    handler = WSGIHandler()
    _, page = serve(handler, paths[0], SESSION_COOKIE)
    settings.ROOT_URLCONF = reference_urlconf(len(page))
    from django.urls import clear_url_caches

    clear_url_caches()
    handler = WSGIHandler()
    counter = QueryCounter()

    def cycle(items):
        return [items[i % len(items)] for i in range(count)]

    cold = cycle([(p, SESSION_COOKIE) for p in paths])
    print(f"answer page: {len(page):,} bytes; {count} requests a row over {len(paths)} answers\n")
    header = f"{'request':<52} {'CPU ms':>8} {'queries':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    reference = measure(
        handler, "reference: HttpResponse of that size", cycle([("/__reference__/", "")]), counter
    )
    for _ in range(2):  # whatever a page keeps per answer is kept by the first pass
        for path, cookie in cold[: len(paths)]:
            serve(handler, path, cookie)
    measure(handler, "answer page, cold (session cookie: no page cache)", cold, counter, reference)
    welsh = cycle([("/cy" + p, SESSION_COOKIE) for p in paths])
    for path, cookie in welsh[: len(paths)]:
        serve(handler, path, cookie)
    measure(handler, "answer page in Welsh, cold", welsh, counter, reference)
    force = cycle([(p, SESSION_COOKIE + "; force=kent") for p in paths])
    measure(handler, "answer page, force chosen, cold", force, counter, reference)
    for path in unseen:  # what is kept per answer, but no page
        serve(handler, path, SESSION_COOKIE)
    anonymous = [(p, "") for p in unseen]
    measure(handler, "answer page, anonymous, not in the page cache", anonymous, counter, reference)
    first = [(p, SESSION_COOKIE) for p in untouched]
    measure(handler, "answer page, cold, first since a change", first, counter, reference)
    if profile:
        from django.db import connection

        profiler = cProfile.Profile(time.process_time)  # CPU, not wall time
        with connection.execute_wrapper(counter):
            profiler.enable()
            for path, cookie in cold:
                serve(handler, path, cookie)
            profiler.disable()
        print("\nprofile of the cold answer page (tottime, then cumulative):")
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(45)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per row")
    parser.add_argument("--answers", type=int, default=5000, help="answers to seed")
    parser.add_argument("--topics", type=int, default=200, help="topics to seed")
    parser.add_argument("--distinct", type=int, default=400, help="answers a row cycles over")
    parser.add_argument("--reseed", action="store_true", help="seed the database again")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead")
    parser.add_argument("--profile", action="store_true", help="cProfile the cold answer page")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:  # the measuring process, started below with the benchmark's environment
        sys.path.insert(0, str(ROOT))
        run(args.requests, args.distinct, args.profile)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.sqlite:
            database_url = f"sqlite:///{tmp}/page_cpu.sqlite3"
            seed(database_url, args.answers, args.topics, postgres=False)
        else:
            database_url = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
            if args.reseed or not postgres_has_corpus():
                seed(database_url, args.answers, args.topics, postgres=True)
            else:
                manage(database_url, "migrate", "--noinput")  # the corpus, at this code's schema
        ensure_static(database_url)
        flush_redis()
        worker = [PY, __file__, "--worker", "--requests", str(args.requests)]
        worker += ["--distinct", str(args.distinct), *(["--profile"] if args.profile else [])]
        subprocess.run(worker, cwd=ROOT, env=env(database_url), check=True)


if __name__ == "__main__":
    main()

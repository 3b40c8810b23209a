"""Page-cache misses at two sizes of content: does a page cost more when there are more answers?

    .venv/bin/python benchmarks/scale.py [--answers 5000 50000] [--databases postgresql sqlite]
                                         [--requests 20] [--reseed]

For each size and database it builds that much demo content once (generate_demo_content, 200
topics, with cross-references) in a database of its own (PostgreSQL: advice_scale_<n>; SQLite:
benchmarks/out/advice_scale_<n>.sqlite3), kept for later runs (--reseed builds it again; a
kept one is only migrated). Then, in a fresh process per database and size, with production
settings (DEBUG off, Redis db 13 as the cache, emptied first), it calls the WSGI handler as
gunicorn would and times pages the page cache does not hold: each request carries a parameter no
page reads (?bench=N), so it is built and not stored. What a page keeps in parts (an answer's
kept parts, the topic counts) is kept as in production, except for the answer page, which is
asked for a different answer each time (nothing of it kept: the reference).

Prints, per database: each page's p50 and p99 wall time, its CPU per request in our process and
(PostgreSQL) in the database server's backend, read from /proc, the p50 as a ratio to the
answer page in the same run, and how each grew from the smaller size to the larger, in wall
time and in CPU (ours + the database's) (the target for home, topic, A-Z and sitemap: within
1.5x). The machine's load average is printed
with each run: on a shared machine, wall times move with it, CPU time much less.

Needs Redis on 127.0.0.1, and PostgreSQL there for the PostgreSQL rows.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
OUT = ROOT / "benchmarks" / "out"
ADMIN_DSN = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_DB = 13
FIRST_DEMO_NUMBER = 100_000


def database_url(database, answers):
    if database == "postgresql":
        return f"postgres://postgres@127.0.0.1:5432/advice_scale_{answers}"
    return f"sqlite:///{OUT / f'advice_scale_{answers}.sqlite3'}"


def env(url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
        "RATE_LIMITS_ENABLED": "0",
        # Seeding and the A to Z of a large site run long: no statement timeout here.
        "DB_STATEMENT_TIMEOUT": "0",
        # One database connection for the whole run, so its backend's CPU can be read.
        "DB_CONN_MAX_AGE": "3600",
    }


def manage(url, *args):
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env(url), check=True, stdout=subprocess.DEVNULL
    )


def demo_answers(url):
    """How many demo answers the database holds (0 if it does not exist)."""
    code = (
        "import django; django.setup();"
        "from faq.models import Answer;"
        f"print(Answer.objects.filter(number__gte={FIRST_DEMO_NUMBER}).count())"
    )
    result = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env(url), capture_output=True, text=True, check=False
    )
    return int(result.stdout.strip()) if result.returncode == 0 else 0


def ensure_content(database, answers, reseed):
    url = database_url(database, answers)
    if database == "postgresql":
        import psycopg

        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [f"advice_scale_{answers}"]
            ).fetchone()
            if reseed or not exists:
                conn.execute(f"DROP DATABASE IF EXISTS advice_scale_{answers} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE advice_scale_{answers}")
    elif reseed:
        (OUT / f"advice_scale_{answers}.sqlite3").unlink(missing_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    manage(url, "migrate", "--noinput")
    if demo_answers(url) >= answers:
        analyse(database, url)
        return url
    started = time.perf_counter()
    manage(url, "load_initial_data")
    manage(url, "generate_demo_content", "--answers", str(answers), "--topics", "200")
    analyse(database, url)
    took = time.perf_counter() - started
    print(f"built {answers:,} answers on {database} in {took:.0f} s", file=sys.stderr)
    return url


def analyse(database, url):
    """The planner's statistics, as a live database has them: PostgreSQL's autovacuum keeps
    them; SQLite has none until ANALYZE (without, it chose plans that read every answer)."""
    if database == "postgresql":
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        import sqlite3

        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            conn.execute("ANALYZE")


def ensure_static(url):
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        manage(url, "collectstatic", "--noinput", "-v0")


# --- in the measuring process -------------------------------------------------------------------


def environ(address):
    import io

    path, _, query = address.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
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


def serve(handler, address):
    statuses = []
    result = handler(
        environ(address), lambda status, headers, exc_info=None: statuses.append(status)
    )
    try:
        body = b"".join(result)
    finally:
        result.close()
    return statuses[0], body


def addresses(requests):
    """Each page kind's addresses: `requests` + 3 (the first three warm up)."""
    from faq.models import Answer, Topic

    count = requests + 3
    demo = Answer.objects.published().filter(number__gte=FIRST_DEMO_NUMBER).order_by("number")
    answers = [a.get_absolute_url() for a in demo.only("number", "slug")[100 : 100 + count]]
    root = (
        Topic.objects.filter(depth=1, slug__startswith="demo").order_by("path").first()
    )  # a top-level demo topic: its own answers and four subtopics'
    leaf = Topic.objects.filter(depth=2, slug__startswith="demo").order_by("path").first()
    queries = [
        line.split("\t")[1]
        for line in (ROOT / "benchmarks" / "search_queries.tsv").read_text().splitlines()
        if line and not line.startswith("#")
    ]

    def rotating(address):
        joiner = "&" if "?" in address else "?"
        return [f"{address}{joiner}bench={i}" for i in range(count)]

    from urllib.parse import quote_plus

    return {
        "answer page": answers,
        "home": rotating("/"),
        "topic (top level)": rotating(root.get_absolute_url()),
        "topic (subtopic)": rotating(leaf.get_absolute_url()),
        "topic index": rotating("/topics/"),
        "A to Z": rotating("/a-z/"),
        "sitemap index": rotating("/sitemap.xml"),
        "sitemap file": rotating("/sitemap-answers.xml"),
        "feed": rotating("/feeds/latest/"),
        "search": [f"/search/?q={quote_plus(q)}&bench=1" for q in queries[:count]],
    }


def database_cpu():
    """CPU seconds used so far by the PostgreSQL backend serving this process's connection
    (persistent: DB_CONN_MAX_AGE), read from /proc; 0 on SQLite, whose work is our own CPU."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_here(requests):
    """Runs in a child process: prints JSON {page: {p50, p99, cpu, bytes}}."""
    import django

    django.setup()
    import redis
    from django.core.handlers.wsgi import WSGIHandler

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    handler = WSGIHandler()
    results = {}
    for kind, urls in addresses(requests).items():
        walls, cpus, size = [], [], 0
        for i, address in enumerate(urls):
            if i == 3:  # the database's CPU over the same requests as ours, after the warm-up
                database = database_cpu()
            cpu, wall = time.process_time(), time.perf_counter()
            status, body = serve(handler, address)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if not status.startswith("200"):
                raise SystemExit(f"{kind}: {address} answered {status}")
            if i >= 3:
                walls.append(wall * 1000)
                cpus.append(cpu * 1000)
                size = len(body)
        walls.sort()
        results[kind] = {
            "p50": statistics.median(walls),
            "p99": walls[min(len(walls) - 1, round(0.99 * (len(walls) - 1)))],
            "cpu": statistics.mean(cpus),
            # The database server's CPU over the timed requests (what a kept part costs to
            # build, once per change, falls in the warm-up, as it does for our own CPU).
            "db": (database_cpu() - database) / len(walls) * 1000,
            "bytes": size,
        }
    print(json.dumps(results))


def measure(url, requests):
    out = subprocess.run(
        [PY, __file__, "--child", "--requests", str(requests)],
        cwd=ROOT,
        env=env(url),
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(database, sizes, runs):
    small, large = sizes[0], sizes[-1]
    print(f"\n{database}: page-cache misses, in process (ms; ratio = p50 / the answer page's)\n")
    columns = "".join(
        f" | {f'{n:,}: p50':>11} {'p99':>7} {'CPU':>7} {'DB CPU':>7} {'ratio':>6}" for n in sizes
    )
    header = f"{'page':<18}{columns} | {'growth: p50':>11} {'CPU+DB':>7}"
    print(header)
    print("-" * len(header))
    for kind in runs[small]:
        cells = ""
        for n in sizes:
            row, answer = runs[n][kind], runs[n]["answer page"]["p50"]
            cells += (
                f" | {row['p50']:>11.1f} {row['p99']:>7.1f} {row['cpu']:>7.1f} "
                f"{row['db']:>7.1f} {row['p50'] / answer:>6.2f}"
            )
        before, after = runs[small][kind], runs[large][kind]
        growth = after["p50"] / before["p50"]
        cpu_growth = (after["cpu"] + after["db"]) / (before["cpu"] + before["db"])
        print(f"{kind:<18}{cells} | {growth:>10.2f}x {cpu_growth:>6.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument(
        "--databases", nargs="+", default=["postgresql", "sqlite"], choices=["postgresql", "sqlite"]
    )
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--reseed", action="store_true", help="build the content again")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        return measure_here(args.requests)
    sizes = sorted(args.answers)
    for database in args.databases:
        runs = {}
        for answers in sizes:
            url = ensure_content(database, answers, args.reseed)
            ensure_static(url)
            load = os.getloadavg()
            runs[answers] = measure(url, args.requests)
            print(
                f"{database}, {answers:,} answers: measured at load average "
                f"{load[0]:.1f} / {os.getloadavg()[0]:.1f} (before / after)",
                file=sys.stderr,
            )
        report(database, sizes, runs)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nload average now: {load} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

"""HTTP benchmark: the production server under load, against the static-file ceiling.

Seeds a corpus of 5,000 answers in 200 topics (with cross-references) on PostgreSQL, starts
gunicorn with production settings (DEBUG off, Redis cache, 2 workers), and measures each page
type with wrk at 8 and 64 connections. In the same run and on the same server, whitenoise serves
a static file of the same size as an answer page: that is the ceiling each page is compared with.

    make bench            # or: .venv/bin/python benchmarks/http_load.py [--duration 10]

Then the same pages through the production front stack (deploy/: nginx with TLS → Varnish →
the same gunicorn), against a static file of the same size served by that nginx from disk.

Needs: PostgreSQL and Redis on 127.0.0.1, wrk (Debian package `wrk`; the Makefile installs it),
and for the second table nginx, varnish and varnish-modules (left out when missing).
Prints tables: requests/s, p50, p99 and the ratio to each table's ceiling.
"""

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAME = "advice_bench"
ADMIN_DSN = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_DB = 15


def env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
        # All load comes from one address: per-client limits would answer 429 after a moment.
        "RATE_LIMITS_ENABLED": "0",
    }


def manage(*args):
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        # Seeding is a long one-off job: no statement timeout (settings.py, DB_STATEMENT_TIMEOUT).
        env={**env(), "DB_STATEMENT_TIMEOUT": "0"},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def recreate_database():
    import psycopg

    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def flush_redis():
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def seed(answers, topics):
    t0 = time.perf_counter()
    recreate_database()
    manage("migrate", "--noinput")
    manage("load_initial_data")
    manage("generate_demo_content", "--answers", str(answers), "--topics", str(topics))
    manage("collectstatic", "--noinput", "-v0")
    import psycopg

    with psycopg.connect(env()["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # as autovacuum would have done on a live database
    print(f"seeded {answers} answers in {topics} topics in {time.perf_counter() - t0:.0f} s")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, workers, threads):
    process = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
            # A new connection per request: with keep-alive, wrk's 8 connections can all land
            # on one worker, and the same page measured twice differed by a factor of two.
            "--keep-alive",
            "0",
        ],
        cwd=ROOT,
        env=env(),
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not start")


def stop_server(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def pick_urls(base):
    """Real addresses from the seeded corpus, chosen through the database."""
    code = (
        "import django; django.setup();"
        "from faq.models import Answer, Topic;"
        "a = Answer.objects.published().filter(number__gte=100000).order_by('number')[2500];"
        "t = Topic.objects.filter(depth=2, slug__startswith='demo').order_by('path')[10];"
        "print(a.get_absolute_url()); print(t.get_absolute_url())"
    )
    out = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env(), check=True, capture_output=True, text=True
    ).stdout.split()
    answer, topic = out[0], out[1]
    return {
        "home": (base + "/", {}),
        "topic page": (base + topic, {}),
        "answer page": (base + answer, {}),
        "answer page, force chosen": (base + answer, {"Cookie": "force=kent"}),
        # Two kinds of page-cache miss: a request with a session cookie (the page cache never
        # serves one; Django looks the session up), and an anonymous one with a parameter the
        # page does not read (built each time, never stored).
        "answer page, cold": (base + answer, {"Cookie": "sessionid=bench-no-cache"}),
        "answer page, miss, no cookie": (base + answer + "?bench-miss=1", {}),
        "search (common word)": (base + "/search/?q=police", {}),
        "postcode lookup": (base + "/forces/find/?q=ME14+1XX", {}),
        "API locate": (base + "/api/v1/locate/?q=SW1A+2AA", {}),
    }


# The same-size object a Varnish hit is compared with: the ceiling file, fetched by nginx from
# Varnish (not from disk) and kept by Varnish as it keeps a page. Benchmark only: added to this
# run's copies of the configuration, never to deploy/.
THROUGH_VARNISH = "/through-varnish/"
_KEEP_CEILING_VCL = """
# Benchmark only: the ceiling file is kept like a page (whitenoise does not say s-maxage).
sub vcl_backend_response {
    if (bereq.url ~ "^/static/bench/") {
        unset beresp.http.Vary;
        set beresp.ttl = 1h;
        set beresp.grace = 24h;
        return (deliver);
    }
}

"""
_CEILING_LOCATION = """
        # Benchmark only: the ceiling file through Varnish, proxied exactly as a page is.
        location /through-varnish/ {
            proxy_pass http://app/static/;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }

"""


def keep_ceiling_in_varnish(vcl):
    text = vcl.read_text()
    first = "sub vcl_backend_response {"  # runs before the site's own (VCL joins them in order)
    assert first in text
    vcl.write_text(text.replace(first, _KEEP_CEILING_VCL + first, 1))


def ceiling_through_varnish(conf):
    text = conf.read_text()
    pages = "        location / {"
    assert pages in text
    conf.write_text(text.replace(pages, _CEILING_LOCATION.lstrip("\n") + pages, 1))


@contextlib.contextmanager
def front_stack(app_port):
    """nginx (TLS) → Varnish → the benchmark's gunicorn; yields the https base address."""
    sys.path.insert(0, str(ROOT))
    from deploy import stack

    prefix = ROOT / ".stack" / "bench"
    varnish_port, http_port, https_port = free_port(), free_port(), free_port()
    error_pages = stack.write_error_pages(prefix / "errors", env())
    vcl = stack.render_varnish(prefix, backend_port=app_port, error_pages=error_pages)
    keep_ceiling_in_varnish(vcl)
    conf = stack.render_nginx(
        prefix,
        error_pages=error_pages,
        upstream=f"127.0.0.1:{varnish_port}",
        http_port=http_port,
        https_port=https_port,
        static_root=ROOT / "staticfiles",
    )
    ceiling_through_varnish(conf)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    varnish = subprocess.Popen(stack.varnish_command(vcl, varnish_port), **quiet)
    nginx = subprocess.Popen(stack.nginx_command(conf), **quiet)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", https_port), 1).close()
                socket.create_connection(("127.0.0.1", varnish_port), 1).close()
                break
            time.sleep(0.2)
        yield f"https://127.0.0.1:{https_port}", {"nginx": nginx, "varnish": varnish}
    finally:
        for process in (nginx, varnish):
            process.terminate()
            process.wait(20)


def fetch_insecure(url, headers=None):
    """The stack's certificate is self-signed (made locally); the numbers do not need trust."""
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _process_tree(pid):
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _process_tree(int(child)))]


def cpu_seconds(process):
    """CPU time (user + system) used so far by a process and everything it started."""
    total = 0
    for pid in _process_tree(process.pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def measure(title, urls, durations, connections_list, getter=fetch, processes=None):
    """wrk on each address; with `processes`, also each one's CPU microseconds per request (a
    figure the machine's other load disturbs far less than requests per second)."""
    processes = processes or {}
    for name, (url, headers) in list(urls.items()):
        status, _ = getter(url, headers)  # warm the caches, check the page works
        if status != 200:
            print(f"{name}: HTTP {status}, skipped")
            del urls[name]
    print(f"\n{title}\n")
    header = f"{'page':<28} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}"
    header += "".join(f" {name + ' us/req':>16}" for name in processes)
    print(header)
    print("-" * len(header))
    results = {}
    for connections in connections_list:
        ceiling = None
        for name, (url, headers) in urls.items():
            before = {key: cpu_seconds(p) for key, p in processes.items()}
            rps, p50, p99, errors = wrk(url, headers, connections, durations)
            used = {key: cpu_seconds(p) - before[key] for key, p in processes.items()}
            results[(name, connections)] = rps
            ceiling = ceiling or rps
            note = f"  ({errors} errors)" if errors else ""
            cpu = "".join(f" {s / (rps * durations) * 1e6:>16.1f}" for s in used.values())
            print(
                f"{name:<28} {connections:>5} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} "
                f"{rps / ceiling:>6.2f}{cpu}{note}"
            )
        print()
    return results


PASSED_THROUGH = ("postcode lookup",)  # private: Varnish passes it on request


def pass_through(alone, stacked):
    """Pages Varnish does not keep: requests/s through the stack / through gunicorn alone."""
    print("pages Varnish passes: through the stack / gunicorn alone (target >= 0.9)\n")
    for (name, connections), rps in alone.items():
        if name in PASSED_THROUGH and (name, connections) in stacked:
            ratio = stacked[(name, connections)] / rps
            print(f"{name:<28} {connections:>5} {ratio:>6.2f}")
    print()


def stack_installed():
    sys.path.insert(0, str(ROOT))
    from deploy import stack

    return stack.nginx_binary() and stack.varnish_binary() and stack.xkey_installed()


def wrk(url, headers, connections, duration):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (
        rps,
        _ms(latency.get("50")),
        _ms(latency.get("99")),
        int(non2xx.group(1)) if non2xx else 0,
    )


def _ms(text):
    if not text:
        return float("nan")
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--topics", type=int, default=200)
    parser.add_argument("--duration", type=int, default=8, help="seconds per measurement")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the last seeded database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    if not args.skip_seed:
        seed(args.answers, args.topics)
    flush_redis()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, args.threads)
    try:
        urls = pick_urls(base)
        _, page = fetch(urls["answer page"][0])
        ceiling_dir = ROOT / "staticfiles" / "bench"
        ceiling_dir.mkdir(parents=True, exist_ok=True)
        (ceiling_dir / "ceiling.html").write_bytes(page)
    finally:
        stop_server(server)
    # Restart so whitenoise indexes the ceiling file (it scans STATIC_ROOT at start-up).
    server = start_server(port, args.workers, args.threads)
    try:
        title = (
            f"gunicorn alone: answer page {len(page)} bytes; {args.workers} gunicorn workers x "
            f"{args.threads} threads; {args.duration} s per cell; ceiling: whitenoise"
        )
        urls = {"static file (ceiling)": (base + "/static/bench/ceiling.html", {}), **urls}
        alone_rps = measure(title, urls, args.duration, (8, 64), processes={"gunicorn": server})
        if not stack_installed():
            print("front stack: nginx, varnish or varnish-modules missing, not measured")
            return
        with front_stack(port) as (front, processes):
            paths = {
                name: (url.replace(base, front), headers)
                for name, (url, headers) in urls.items()
                if name
                not in (
                    "static file (ceiling)",
                    "answer page, cold",
                    "answer page, miss, no cookie",
                    "API locate",
                )
            }
            # The reference for a Varnish hit: an object of the same size through the same
            # nginx → Varnish path. The file nginx reads from disk is shown beside it.
            stacked = {
                "static object, Varnish hit (ceiling)": (
                    front + THROUGH_VARNISH + "bench/ceiling.html",
                    {},
                ),
                "static file, nginx from disk": (front + "/static/bench/ceiling.html", {}),
            }
            title = (
                "through the front stack: nginx (TLS) → Varnish → the same gunicorn; "
                "ceiling: a static object of the same size, a Varnish hit"
            )
            stacked_rps = measure(
                title,
                {**stacked, **paths},
                args.duration,
                (8, 64),
                getter=fetch_insecure,
                processes=processes,
            )
            pass_through(alone_rps, stacked_rps)
    finally:
        stop_server(server)
        shutil.rmtree(ROOT / "staticfiles" / "bench", ignore_errors=True)


if __name__ == "__main__":
    main()

"""The production front stack on loopback: nginx (TLS, buffering, static files) → Varnish
(the shared page cache, purged by surrogate key) → gunicorn.

`make stack` runs `python deploy/stack.py`: it renders deploy/nginx.conf.template and
deploy/varnish.vcl.template into `.stack/`, makes a self-signed certificate there (locally, with
openssl: no network), migrates, collects static files, and starts gunicorn on 127.0.0.1, Varnish
in front of it, nginx in front of Varnish, and the purge worker (`manage.py
deliver --loop`), all in the foreground until Ctrl-C. The front-stack tests use the
same functions.
"""

import argparse
import getpass
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
VCL_TEMPLATE = Path(__file__).resolve().parent / "varnish.vcl.template"
TEMP_DIRS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary():
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def varnish_binary():
    return shutil.which("varnishd") or next(
        (p for p in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd") if os.access(p, os.X_OK)),
        None,
    )


def xkey_installed():
    """Whether Varnish's xkey module (Debian: varnish-modules) is there to load."""
    folders = [Path("/usr/lib/x86_64-linux-gnu/varnish/vmods"), Path("/usr/lib/varnish/vmods")]
    folders += Path("/usr/lib").glob("*/varnish/vmods")
    return any((folder / "libvmod_xkey.so").exists() for folder in folders)


# Every query parameter a cached page reads (`cached_page(query=…)` in the views); Varnish
# stores nothing for any other (tests/test_caching/test_cache_keys.py keeps the two in step).
PAGE_PARAMETERS = (
    "q",
    "page",
    "p",
    "letter",
    "page_size",
    "exact",
    "next",
    "choice",
    "all",
    "topic",
    "jurisdiction",
    "updated_since",
    "lang",
    "force",
)


def shipped_force_slugs():
    """The territorial forces in forces/data/forces.json: the `force` values Varnish keeps a copy
    for (a force added later in the admin is served, just not kept, until the VCL is rendered
    again)."""
    data = json.loads((ROOT / "forces" / "data" / "forces.json").read_text())
    return sorted(force["slug"] for force in data if force.get("kind") == "territorial")


def render_varnish(
    prefix,
    *,
    backend_port,
    error_pages,
    backend_host="127.0.0.1",
    probe_host="127.0.0.1",
    probe_interval="5s",
    cors_origins=(),
):
    """Write `prefix`/varnish.vcl; returns its path. `probe_host`: one of ALLOWED_HOSTS;
    `error_pages`: the folder deploy/error_pages.py wrote (see write_error_pages);
    `cors_origins`: API_CORS_ORIGINS, the only Origin values kept for a lookup."""
    prefix = Path(prefix).resolve()
    prefix.mkdir(parents=True, exist_ok=True)
    text = VCL_TEMPLATE.read_text()
    values = {
        "BACKEND_HOST": backend_host,
        "BACKEND_PORT": str(backend_port),
        "PROBE_HOST": probe_host,
        "PROBE_INTERVAL": probe_interval,
        "ERROR_PAGES": str(Path(error_pages).resolve()),
        "PAGE_PARAMETERS": "|".join(re.escape(name) for name in PAGE_PARAMETERS),
        "FORCE_SLUGS": "|".join(re.escape(slug) for slug in shipped_force_slugs()),
        # Nothing matches an empty alternative list's stand-in: every Origin is dropped.
        "CORS_ORIGINS": "|".join(re.escape(o) for o in cors_origins if o != "*") or "(?!)",
    }
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text.split("\n\n", 1)[1])
    assert not left, f"placeholders left unfilled: {left}"
    vcl = prefix / "varnish.vcl"
    vcl.write_text(text)
    return vcl


def varnish_command(vcl, port, *, memory="256m"):
    """varnishd in the foreground with its working folder next to the VCL (no system folders)."""
    workdir = Path(vcl).parent / "varnish"
    workdir.mkdir(parents=True, exist_ok=True)
    # As root Varnish would switch to its own users, who cannot read our folders; locally on
    # loopback it may stay as we are. (Debian's packaged service does it properly.)
    jail = ["-j", "none"] if os.geteuid() == 0 else []
    return [
        varnish_binary() or "varnishd",
        *("-F", "-n", str(workdir), *jail, "-f", str(Path(vcl).resolve())),
        *("-a", f"127.0.0.1:{port}", "-T", "none", "-s", f"malloc,{memory}"),
    ]


def make_certificate(directory):
    """A self-signed certificate for localhost and 127.0.0.1 (made once, kept)."""
    directory = Path(directory)
    cert, key = directory / "localhost.crt", directory / "localhost.key"
    if not (cert.exists() and key.exists()):
        directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30"),
                *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
                *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return cert, key


def write_error_pages(directory, env):
    """Render the static pages nginx and Varnish show when the site cannot answer
    (deploy/error_pages.py) with the settings `env` (the collected static files' manifest)."""
    subprocess.run(
        [sys.executable, "-m", "deploy.error_pages", str(directory)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Path(directory).resolve()


def render_nginx(
    prefix, *, upstream, http_port, https_port, static_root, error_pages, listen_host="127.0.0.1"
):
    """Write `prefix`/nginx.conf (with its temp folders and certificate); returns its path."""
    prefix = Path(prefix).resolve()
    for name in TEMP_DIRS:
        (prefix / "tmp" / name).mkdir(parents=True, exist_ok=True)
    cert, key = make_certificate(prefix / "tls")
    user = getpass.getuser()
    # A root master would otherwise run its workers as "nobody", who cannot read our folders.
    user_directive = f"user {user};" if os.geteuid() == 0 else "# (not root: workers run as us)"
    values = {
        "USER_DIRECTIVE": user_directive,
        "PREFIX": str(prefix),
        "UPSTREAM": upstream,
        "LISTEN_HOST": listen_host,
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "HTTPS_PORT_SUFFIX": "" if int(https_port) == 443 else f":{https_port}",
        "CERTIFICATE": str(cert),
        "CERTIFICATE_KEY": str(key),
        "STATIC_ROOT": str(Path(static_root).resolve()),
        "ERROR_PAGES": str(Path(error_pages).resolve()),
        "EMBED_ASSETS": _embed_asset_pattern(),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text.split("\n\n", 1)[1])  # the header names the syntax
    assert not left, f"placeholders left unfilled: {left}"
    conf = prefix / "nginx.conf"
    conf.write_text(text)
    return conf


def _embed_asset_pattern():
    """The one pattern for the embed's script and stylesheet (web/crossorigin.py)."""
    if str(ROOT) not in sys.path:  # `python deploy/stack.py` puts only deploy/ on the path
        sys.path.insert(0, str(ROOT))
    from web.crossorigin import EMBED_ASSET_PATTERN

    return EMBED_ASSET_PATTERN


def nginx_command(conf):
    """nginx in the foreground with its own prefix (no system folders touched)."""
    prefix = Path(conf).parent
    return [
        nginx_binary() or "nginx",
        *("-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")),
        *("-g", "daemon off;"),
    ]


def gunicorn_command(port, *, workers, threads):
    return [
        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)),
        *("--access-logfile", "-"),
    ]


def stack_environment(https_port, varnish_port=None):
    """Production settings for a loopback stack; anything already set in the environment wins."""
    env = dict(os.environ)
    env.setdefault("DEBUG", "0")
    if "SECRET_KEY" not in env:
        env["SECRET_KEY"] = secrets.token_urlsafe(50)
        print("SECRET_KEY is not set: using a random one for this run (sessions end with it)")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SITE_URL", f"https://127.0.0.1:{https_port}")
    env.setdefault("TRUST_X_FORWARDED_FOR", "1")
    # nginx appends the visitor's address, Varnish then appends nginx's: the visitor is second
    # from the right.
    env.setdefault("TRUSTED_PROXY_COUNT", "2" if varnish_port else "1")
    if varnish_port:
        env.setdefault("HTTP_CACHE_PURGE_URLS", f"http://127.0.0.1:{varnish_port}/")
    env.setdefault("STATIC_ROOT", str(ROOT / "staticfiles"))
    return env


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--https-port", type=int, default=8443)
    parser.add_argument("--varnish-port", type=int, default=8002)
    parser.add_argument("--app-port", type=int, default=8001)
    args = parser.parse_args(argv)
    if nginx_binary() is None:
        sys.exit("nginx is not installed (Debian: apt-get install nginx; `make stack` does it)")
    if varnish_binary() is None or not xkey_installed():
        sys.exit("Varnish and its xkey module are needed (apt-get install varnish varnish-modules)")
    env = stack_environment(args.https_port, args.varnish_port)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "compilemessages", "-l", "cy", "--ignore", ".venv", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    error_pages = write_error_pages(ROOT / ".stack" / "errors", env)
    conf = render_nginx(
        ROOT / ".stack",
        error_pages=error_pages,
        upstream=f"127.0.0.1:{args.varnish_port}",
        http_port=args.http_port,
        https_port=args.https_port,
        static_root=env["STATIC_ROOT"],
    )
    vcl = render_varnish(
        ROOT / ".stack",
        error_pages=error_pages,
        backend_port=args.app_port,
        cors_origins=[o.strip() for o in env.get("API_CORS_ORIGINS", "*").split(",")],
        probe_host=env["ALLOWED_HOSTS"].split(",")[0].strip(),
    )
    workers = env.get("WEB_CONCURRENCY", "2")
    threads = env.get("GUNICORN_THREADS", "4")
    processes = [
        subprocess.Popen(
            gunicorn_command(args.app_port, workers=workers, threads=threads), cwd=ROOT, env=env
        ),
        subprocess.Popen([*manage, "deliver", "--loop"], cwd=ROOT, env=env),
        subprocess.Popen(varnish_command(vcl, args.varnish_port), cwd=ROOT),
        subprocess.Popen(nginx_command(conf), cwd=ROOT),
    ]
    signal.signal(signal.SIGTERM, _interrupt)  # stop the children on `kill` too, not only ^C
    print(
        f"Serving on https://127.0.0.1:{args.https_port}/ (self-signed certificate; "
        f"http://127.0.0.1:{args.http_port}/ redirects there). nginx → Varnish on "
        f"127.0.0.1:{args.varnish_port} → gunicorn on 127.0.0.1:{args.app_port}, and the "
        "purge worker. Ctrl-C stops them all."
    )
    try:
        while all(process.poll() is None for process in processes):
            try:
                processes[0].wait(1)
            except subprocess.TimeoutExpired:
                pass
    except KeyboardInterrupt:
        pass
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(processes):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The production front stack on loopback: nginx (TLS, buffering, static files) → gunicorn.

`make stack` runs `python deploy/stack.py`: it renders deploy/nginx.conf.template into
`.stack/`, makes a self-signed certificate there (locally, with openssl: no network), migrates,
collects static files, and starts gunicorn on 127.0.0.1 and nginx in front of it, both in the
foreground until Ctrl-C. The front-stack tests use the same functions.
"""

import argparse
import getpass
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
TEMP_DIRS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary():
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


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


def render_nginx(prefix, *, upstream, http_port, https_port, static_root, listen_host="127.0.0.1"):
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
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text.split("\n\n", 1)[1])  # the header names the syntax
    assert not left, f"placeholders left unfilled: {left}"
    conf = prefix / "nginx.conf"
    conf.write_text(text)
    return conf


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


def stack_environment(https_port):
    """Production settings for a loopback stack; anything already set in the environment wins."""
    env = dict(os.environ)
    env.setdefault("DEBUG", "0")
    if "SECRET_KEY" not in env:
        env["SECRET_KEY"] = secrets.token_urlsafe(50)
        print("SECRET_KEY is not set: using a random one for this run (sessions end with it)")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SITE_URL", f"https://127.0.0.1:{https_port}")
    env.setdefault("TRUST_X_FORWARDED_FOR", "1")
    env.setdefault("TRUSTED_PROXY_COUNT", "1")
    env.setdefault("STATIC_ROOT", str(ROOT / "staticfiles"))
    return env


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--https-port", type=int, default=8443)
    parser.add_argument("--app-port", type=int, default=8001)
    args = parser.parse_args(argv)
    if nginx_binary() is None:
        sys.exit("nginx is not installed (Debian: apt-get install nginx; `make stack` does it)")
    env = stack_environment(args.https_port)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "compilemessages", "-l", "cy", "--ignore", ".venv", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    conf = render_nginx(
        ROOT / ".stack",
        upstream=f"127.0.0.1:{args.app_port}",
        http_port=args.http_port,
        https_port=args.https_port,
        static_root=env["STATIC_ROOT"],
    )
    workers = env.get("WEB_CONCURRENCY", "2")
    threads = env.get("GUNICORN_THREADS", "4")
    app = subprocess.Popen(
        gunicorn_command(args.app_port, workers=workers, threads=threads), cwd=ROOT, env=env
    )
    front = subprocess.Popen(nginx_command(conf), cwd=ROOT)
    signal.signal(signal.SIGTERM, _interrupt)  # stop both children on `kill` too, not only ^C
    print(
        f"Serving on https://127.0.0.1:{args.https_port}/ (self-signed certificate; "
        f"http://127.0.0.1:{args.http_port}/ redirects there). nginx → gunicorn on "
        f"127.0.0.1:{args.app_port}. Ctrl-C stops both."
    )
    try:
        while app.poll() is None and front.poll() is None:
            try:
                app.wait(1)
            except subprocess.TimeoutExpired:
                pass
    except KeyboardInterrupt:
        pass
    finally:
        for process in (front, app):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (front, app):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())

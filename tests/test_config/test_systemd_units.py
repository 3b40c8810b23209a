"""Issue 23, finding 13: in production systemd restarts whatever stops (deploy/systemd/).

`make stack` runs everything in the foreground and one process exiting stops the site; the unit
files and drop-ins restart each part for as long as it takes, and run what the front-stack
tests run (the same commands, the rendered configuration, no gunicorn access log).
"""

import re
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def parse(path):
    """{(section, key): [values]}: systemd files repeat keys (an empty ExecStart= clears)."""
    found, section = {}, None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        found.setdefault((section, key), []).append(value)
    return found


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("advice-gunicorn.service", "/srv/advice/.venv/bin/gunicorn config.wsgi --bind 127.0.0.1:"),
        ("advice-purge-worker.service", "manage.py deliver --loop"),
        ("nginx.service.d/advice.conf", "/usr/sbin/nginx -p /var/lib/advice/nginx -c "),
        ("varnish.service.d/advice.conf", "-f /etc/advice/varnish.vcl"),
    ],
)
def test_each_part_is_restarted_for_as_long_as_it_takes(name, command):
    unit = parse(UNITS / name)
    assert unit[("Service", "Restart")] == ["always"]
    assert unit[("Unit", "StartLimitIntervalSec")] == ["0"]  # never gives up
    starts = unit[("Service", "ExecStart")]
    assert command in starts[-1]
    if name.endswith(".conf"):  # a drop-in: Debian's own command is cleared first
        assert starts == ["", starts[-1]]


def test_our_own_services_run_as_the_site_user_with_its_settings():
    for name in ("advice-gunicorn.service", "advice-purge-worker.service"):
        unit = parse(UNITS / name)
        assert unit[("Service", "User")] == ["advice"]
        assert unit[("Service", "EnvironmentFile")] == ["/etc/advice/environment"]
        assert unit[("Install", "WantedBy")] == ["multi-user.target"]
    gunicorn = parse(UNITS / "advice-gunicorn.service")[("Service", "ExecStart")][-1]
    assert "--access-logfile" not in gunicorn  # nginx keeps the only, private, access log
    assert "127.0.0.1:8001" in gunicorn
    varnish = parse(UNITS / "varnish.service.d" / "advice.conf")[("Service", "ExecStart")][-1]
    assert "-a 127.0.0.1:6081" in varnish  # loopback: nginx is the only way in

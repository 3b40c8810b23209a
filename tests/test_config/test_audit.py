"""`make audit` never reports a clean result for an audit that did not happen (pip-audit is
replaced by small stand-ins, so this needs no network)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def fake_pip_audit(tmp_path, *, stdout="", stderr="", status=0):
    script = tmp_path / "pip-audit"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "assert '--strict' in sys.argv, 'make audit must ask for --strict'\n"
        f"sys.stdout.write({stdout!r})\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({status})\n"
    )
    script.chmod(0o755)
    return script


def make_audit(pip_audit):
    return subprocess.run(
        ["make", "-s", "audit", f"PIP_AUDIT={pip_audit}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_packages_that_could_not_be_checked_fail_the_audit(tmp_path):
    stderr = "".join(
        f"ERROR:pip_audit._cli:{name}: Dependency not found on PyPI and could not be audited: "
        f"{name} (1.0)\n"
        for name in ("asgiref", "django", "redis")
    )
    result = make_audit(
        fake_pip_audit(tmp_path, stdout="No known vulnerabilities found\n", stderr=stderr, status=1)
    )
    assert result.returncode != 0
    assert "AUDIT INCOMPLETE: 3 packages could not be checked" in result.stderr
    assert "Audit complete" not in result.stdout


def test_an_unreachable_advisory_source_is_said_plainly(tmp_path):
    stderr = "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='pypi.org')\n"
    result = make_audit(fake_pip_audit(tmp_path, stderr=stderr, status=1))
    assert result.returncode != 0
    assert "AUDIT FAILED: the advisory source (PyPI's JSON API) could not be reached" in (
        result.stderr
    )


def test_a_complete_clean_audit(tmp_path):
    result = make_audit(fake_pip_audit(tmp_path, stdout="No known vulnerabilities found\n"))
    assert result.returncode == 0, result.stderr
    assert "Audit complete: every installed package was checked" in result.stdout

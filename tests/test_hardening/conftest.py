import subprocess
import sys

import pytest

from deploy import stack

from .production import ROOT, collected_static, production_env


@pytest.fixture(scope="session", autouse=True)
def _collected_static_files(tmp_path_factory):
    """Production-mode processes need collected, hashed static files: collect them once."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = production_env(STATIC_ROOT=str(root), DATABASE_URL=f"sqlite:///{root / 'unused.db'}")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    collected_static["root"] = str(root)
    # The static pages nginx and Varnish show when the site cannot answer (deploy/error_pages.py).
    collected_static["errors"] = str(
        stack.write_error_pages(tmp_path_factory.mktemp("error_pages"), env)
    )
    yield
    collected_static["root"] = collected_static["errors"] = None

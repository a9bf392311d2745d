"""What the cluster tests do to the deployment: run an operator's command, poll, fetch."""

import json
import subprocess
import time

from deploy.services import PYTHON, ROOT, http_get
from deploy.topology import Topology
from tests.browsing import serious_violations

__all__ = ["get", "operator", "serious_violations", "wait_until"]


def operator(topology: Topology, code: str) -> object:
    """Run Python in a management shell on the deployment, as an operator would; the value
    the code prints as JSON on its last line is returned."""
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=topology.env("operator"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def wait_until(condition, *, timeout: float, interval: float = 0.5, message: str = ""):
    """Poll `condition()` until it returns something true; its value is returned."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(message or f"not true after {timeout}s")


def get(url: str) -> tuple[int, str]:
    status, _, body = http_get(url)
    return status, body.decode(errors="replace")

"""`make deploy-local`: the reference production topology on this machine, until Ctrl-C.

    .venv/bin/python -m deploy.local [--port 8080] [--search-version 2|3]

State (the PostgreSQL cluster, the search nodes' data, static files, uploads) is kept under
.var/deploy/, so a second start is quicker and keeps what was edited.
"""

import argparse
import signal
import subprocess
import sys
import time

from .services import PYTHON, ROOT, ServiceUnavailable
from .topology import Ports, Topology

# The fixed ports of the local topology, beside `make run`'s 8000.
DEFAULT_PORTS = Ports(proxy=8080, postgres=55432, redis=56379, web=(8081, 8082))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORTS.proxy, help="the proxy's port")
    parser.add_argument("--search-version", choices=["2", "3"], default="2")
    options = parser.parse_args(argv)
    ports = Ports(
        proxy=options.port,
        postgres=DEFAULT_PORTS.postgres,
        redis=DEFAULT_PORTS.redis,
        web=DEFAULT_PORTS.web,
    )
    topology = Topology(
        ROOT / ".var" / "deploy", ports=ports, search_version=options.search_version
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        print("Starting PostgreSQL, Redis, 3 OpenSearch nodes, 2 web hosts, nginx, 2 workers "
              "and the scheduler ...", flush=True)  # fmt: skip
        topology.start()
        print(_ensure_admin(topology))
        for name, where in topology.processes():
            print(f"  {name:<24} {where}")
        print(f"Logs in {topology.logs}\nSite: {topology.url}/  (Ctrl-C stops everything)")
        _watch(topology)
    except ServiceUnavailable as error:
        print(f"deploy-local: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping ...", flush=True)
        topology.stop()
    return 0


def _ensure_admin(topology: Topology) -> str:
    """The first administrator's generated password, printed once, or that one exists."""
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [str(PYTHON), "manage.py", "ensure_admin"],
        cwd=ROOT,
        env=topology.env("setup"),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _watch(topology: Topology) -> None:
    """Say when a process dies; the rest keep serving (the proxy skips a dead web host)."""
    reported: set[str] = set()
    while True:
        time.sleep(2)
        processes = [web.process for web in topology.web] + topology.task_workers
        for process in [*processes, topology.scheduler]:
            if process and not process.running and process.name not in reported:
                reported.add(process.name)
                print(f"{process.name} stopped; last lines of {process.log_path}:\n"
                      f"{process.log_tail(10)}", flush=True)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())

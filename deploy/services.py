"""The processes of the reference production topology, each started for real on loopback:
PostgreSQL, Redis, gunicorn, the task workers, the scheduler and nginx in front.

`deploy.local` starts them together (`make deploy-local`); the cluster test layer starts the
same classes to kill and restart them. Every process logs to a file under its base folder.
"""

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
NGINX_TEMPLATE = Path(__file__).with_name("nginx.conf.template")


class ServiceUnavailable(RuntimeError):
    """A program the topology needs is missing, or a process did not come up."""


def free_port() -> int:
    """A loopback port free now (the caller binds it soon after)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Return once something accepts connections on the port; fail if the process exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServiceUnavailable(f"process exited with {process.returncode}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise ServiceUnavailable(f"nothing listens on port {port} after {timeout}s")


def require(program: str) -> str:
    """The path of a program, or ServiceUnavailable naming the Debian package to install."""
    path = shutil.which(program)
    if not path:
        raise ServiceUnavailable(
            f"{program} is not installed (see scripts/ensure-system-packages.sh)"
        )
    return path


@dataclass
class Process:
    """One long-running program with its log file; stopped with SIGTERM, then SIGKILL."""

    name: str
    argv: list[str]
    log_path: Path
    env: dict[str, str] | None = None
    cwd: Path = ROOT
    popen: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> "Process":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches the supervisor only
        )
        log.close()
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """Die at once, as a crashed host would (SIGKILL to the whole process group)."""
        if self.running:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def stop(self, timeout: float = 20) -> None:
        if not self.running:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class Postgres:
    """A PostgreSQL cluster of its own in `directory`, listening on loopback only."""

    def __init__(self, directory: Path, port: int = 0):
        self.directory = directory
        self.port = port or free_port()
        self.bin = self._bin_dir()
        self.data = directory / "data"
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> "Postgres":
        self.directory.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            _let_others_through(self.directory.parent)
            shutil.chown(self.directory, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.directory / "log"), "-w", "-o",
            options, "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "stop", check=False)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        argv = [str(self.bin / program), *args]
        if self._as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True)  # noqa: S603
        if check and result.returncode != 0:
            raise ServiceUnavailable(f"{program} failed: {result.stderr or result.stdout}")

    @staticmethod
    def _bin_dir() -> Path:
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
        )
        if not versions:
            raise ServiceUnavailable("PostgreSQL is not installed (Debian package postgresql)")
        return versions[-1]


def _let_others_through(folder: Path) -> None:
    """Let other users pass through (not list) the folders above one they own: the postgres
    user must reach its data folder, which may sit in a private temporary folder of root's."""
    for ancestor in [folder, *folder.parents]:
        mode = ancestor.stat().st_mode
        if not mode & stat.S_IXOTH:
            ancestor.chmod(mode | stat.S_IXOTH)


class Redis:
    """A Redis server that keeps nothing on disk: it holds only what can be recomputed."""

    def __init__(self, directory: Path, port: int = 0):
        self.directory = directory
        self.port = port or free_port()
        self.process = Process(
            "redis",
            [
                require("redis-server"), "--bind", "127.0.0.1", "--port", str(self.port),
                "--save", "", "--appendonly", "no", "--dir", str(directory),
            ],
            directory / "redis.log",
        )  # fmt: skip

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis":
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process.start()
        wait_for_port(self.port, timeout=20, process=self.process.popen)
        return self

    def stop(self) -> None:
        self.process.stop()


def manage(*args: str, env: dict[str, str], log_path: Path, timeout: float = 900) -> None:
    """Run one management command to completion; its output goes to the log."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        result = subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=timeout,
        )
    if result.returncode != 0:
        raise ServiceUnavailable(f"manage.py {' '.join(args)} failed; see {log_path}")


def manage_process(name: str, *args: str, env: dict[str, str], log_path: Path) -> Process:
    """A long-running management command (a task worker, the scheduler)."""
    return Process(name, [str(PYTHON), "manage.py", *args], log_path, env=env)


class Gunicorn:
    """One web host: a gunicorn master with its worker processes."""

    def __init__(
        self, name: str, *, env: dict[str, str], log_path: Path, port: int = 0, workers: int = 2
    ):
        self.port = port or free_port()
        argv = [
            str(PYTHON.with_name("gunicorn")), "config.wsgi", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers), "--threads", "4", "--timeout", "120",
            "--graceful-timeout", "20", "--access-logfile", "-",
            "--access-logformat", '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
        ]  # fmt: skip
        self.process = Process(name, argv, log_path, env=env)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Gunicorn":
        self.process.start()
        wait_for_port(self.port, timeout=60, process=self.process.popen)
        return self

    def stop(self) -> None:
        self.process.stop()


class Nginx:
    """The reverse proxy: spreads requests over the web hosts and serves the static files
    (hashed names, precompressed, kept a year by browsers) and public images itself."""

    def __init__(
        self,
        directory: Path,
        *,
        upstreams: list[int],
        static_root: Path,
        media_root: Path,
        port: int = 0,
    ):
        self.directory = directory
        self.port = port or free_port()
        self.upstreams = upstreams
        self.static_root = static_root
        self.media_root = media_root
        self.conf = directory / "nginx.conf"
        self.process = Process(
            "nginx",
            [require("nginx"), "-p", str(directory), "-c", str(self.conf), "-e", "stderr"],
            directory / "nginx.log",
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Nginx":
        for folder in ("temp", "logs"):
            (self.directory / folder).mkdir(parents=True, exist_ok=True)
        self.conf.write_text(self.render())
        self.process.start()
        wait_for_port(self.port, timeout=20, process=self.process.popen)
        return self

    def render(self) -> str:
        servers = "\n".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.upstreams
        )
        # As root, the workers would otherwise run as nobody, who cannot enter our folders.
        user = "user root;" if os.geteuid() == 0 else ""
        return (
            NGINX_TEMPLATE.read_text()
            .replace("{user}", user)
            .replace("{prefix}", str(self.directory))
            .replace("{port}", str(self.port))
            .replace("{upstreams}", servers)
            .replace("{static_root}", str(self.static_root))
            .replace("{media_root}", str(self.media_root))
        )

    def stop(self) -> None:
        self.process.stop()


def http_get(url: str, *, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET, whatever the status."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()

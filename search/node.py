"""Start and stop real OpenSearch nodes (search/engine/run.sh) for tests, benchmarks and deploys."""

import hashlib
import json
import os
import queue
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_SCRIPT = ROOT / "search" / "engine" / "run.sh"
READY_PREFIX = "OpenSearch ready on "
START_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_START_TIMEOUT", "600"))
ENGINE_VERSIONS = ("2", "3")
# Per node of a cluster: three of them fit beside the rest of the stack (about 230-300 MB RSS each).
CLUSTER_HEAP = "320m"


class EngineUnavailable(RuntimeError):
    """Java or Maven is missing, or the node did not start."""


def engine_version(version: str | None = None) -> str:
    """The OpenSearch major to run: `version`, else SEARCH_ENGINE_VERSION, else "2"."""
    version = str(version or os.environ.get("SEARCH_ENGINE_VERSION") or "2")
    if version not in ENGINE_VERSIONS:
        raise ValueError(
            f"SEARCH_ENGINE_VERSION must be one of {ENGINE_VERSIONS}, not {version!r}"
        )
    return version


def engine_backend_kind(version: str | None = None) -> str:
    """The SEARCH_BACKEND a deployer picks for that major: opensearch2 or opensearch3."""
    return f"opensearch{engine_version(version)}"


def free_ports(count: int) -> list[int]:
    """`count` distinct ports on 127.0.0.1 that were free a moment ago."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class SearchEngineNode:
    """A node running in a subprocess; `url` is set once it reports cluster health yellow."""

    def __init__(
        self,
        data_dir: Path,
        port: int = 0,
        log_path: Path | None = None,
        *,
        version: str | None = None,
        heap: str | None = None,
        args: list[str] | None = None,
    ):
        self.data_dir = data_dir
        self.port = port
        self.log_path = log_path or data_dir.with_suffix(".log")
        self.version = engine_version(version)
        self.heap = heap
        self.args = list(args or [])
        self.process: subprocess.Popen | None = None
        self.url = ""
        self._lines: queue.Queue[str | None] | None = None

    def start(self) -> "SearchEngineNode":
        """Launch the node and wait for its ready line."""
        self.launch()
        self.wait_until_ready()
        return self

    def launch(self) -> None:
        """Start the process without waiting for it (see `wait_until_ready`)."""
        if not shutil.which("mvn") or not (
            shutil.which("java") or os.environ.get("SEARCH_ENGINE_JAVA")
        ):
            raise EngineUnavailable("Java and Maven are needed to start OpenSearch")
        self.url = ""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "SEARCH_ENGINE_VERSION": self.version}
        if self.heap:
            env["SEARCH_ENGINE_HEAP"] = self.heap
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
                [
                    str(RUN_SCRIPT),
                    "--port",
                    str(self.port),
                    "--data",
                    str(self.data_dir),
                    *self.args,
                ],
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
            )
        lines: queue.Queue[str | None] = queue.Queue()
        stdout = self.process.stdout

        def read_stdout():
            for line in stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read_stdout, daemon=True).start()
        self._lines = lines

    def wait_until_ready(self, timeout: float = START_TIMEOUT) -> str:
        """Block until the ready line; sets and returns `url`."""
        try:
            while True:
                line = self._lines.get(timeout=timeout)
                if line is None:
                    self.process.wait()
                    raise EngineUnavailable(
                        f"OpenSearch {self.version}.x exited ({self.process.returncode}); "
                        f"see {self.log_path}:\n{self._log_tail()}"
                    )
                if line.startswith(READY_PREFIX):
                    self.url = line[len(READY_PREFIX) :].strip()
                    self.port = int(self.url.rsplit(":", 1)[1])
                    return self.url
        except queue.Empty:
            self.stop()
            raise EngineUnavailable(f"OpenSearch did not start in {timeout}s") from None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM: the node closes cleanly (the JVM is the run.sh process, which `exec`s java)."""
        if self.running:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """SIGKILL, as a crash would: nothing is flushed or closed."""
        if self.running:
            self.process.kill()
            self.process.wait()
        self.process = None

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class SearchEngineCluster:
    """`nodes` OpenSearch nodes forming one cluster on 127.0.0.1, each with its own data dir."""

    def __init__(
        self,
        base_dir: Path,
        nodes: int = 3,
        version: str | None = None,
        *,
        heap: str = CLUSTER_HEAP,
        cluster_name: str | None = None,
    ):
        self.base_dir = Path(base_dir)
        self.size = nodes
        self.version = engine_version(version)
        self.heap = heap
        # Stable for a directory (a restart must find the same name), distinct between clusters
        # that other people run on the same machine.
        digest = hashlib.sha1(str(self.base_dir.resolve()).encode()).hexdigest()[:8]  # noqa: S324
        self.cluster_name = cluster_name or f"search-cluster-{digest}"
        self.names = [f"node-{i}" for i in range(nodes)]
        self.nodes: list[SearchEngineNode] = []

    @property
    def urls(self) -> list[str]:
        """Every node's HTTP URL (known from `start()` on, also while a node is down)."""
        return [f"http://127.0.0.1:{node.port}" for node in self.nodes]

    @property
    def data_dirs(self) -> list[Path]:
        return [self.base_dir / name for name in self.names]

    def start(self, timeout: float = START_TIMEOUT) -> "SearchEngineCluster":
        """Start every node at once and wait until the cluster is green with all of them."""
        ports = free_ports(2 * self.size)
        http_ports, transport_ports = ports[: self.size], ports[self.size :]
        seeds = ",".join(f"127.0.0.1:{port}" for port in transport_ports)
        self.nodes = [
            SearchEngineNode(
                self.base_dir / name,
                port=http_port,
                log_path=self.base_dir / f"{name}.log",
                version=self.version,
                heap=self.heap,
                args=[
                    "--cluster-name", self.cluster_name,
                    "--node-name", name,
                    "--transport-port", str(transport_port),
                    "--seed-hosts", seeds,
                    # Only read when a node has no cluster state yet (the first start).
                    "--initial-cluster-manager-nodes", ",".join(self.names),
                ],
            )
            for name, http_port, transport_port in zip(
                self.names, http_ports, transport_ports, strict=True
            )
        ]  # fmt: skip
        try:
            for node in self.nodes:
                node.launch()
            for node in self.nodes:
                node.wait_until_ready(timeout)
            self.wait_for_health("green", timeout=timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def kill(self, i: int) -> None:
        """SIGKILL node `i`, as a crash would."""
        self.nodes[i].kill()

    def restart(self, i: int, timeout: float = START_TIMEOUT) -> None:
        """Start node `i` again on its ports and data dir; wait until it has rejoined.

        A node started while every other node is down cannot form a cluster on its own (it
        needs a majority of the cluster managers), so then this returns once it is launched,
        and the restart of the next node waits for both.
        """
        node = self.nodes[i]
        node.stop()
        node.launch()
        if not any(other.running for j, other in enumerate(self.nodes) if j != i):
            return
        for other in self.nodes:
            if other is node or (other.running and not other.url):
                other.wait_until_ready(timeout)
        self.wait_for_health("yellow", timeout=timeout)

    def stop(self) -> None:
        """SIGTERM every node at once, then wait for each."""
        for node in self.nodes:
            if node.running:
                node.process.terminate()
        for node in self.nodes:
            node.stop()

    def health(self, **params: str) -> dict:
        """`_cluster/health` (with `params`, e.g. wait_for_status="green") from the first node
        that answers; {} if none does."""
        query = urllib.parse.urlencode(params)
        wait = int(params.get("timeout", "0s").rstrip("s") or 0)
        for node in self.nodes:
            if not node.running:
                continue
            url = f"http://127.0.0.1:{node.port}/_cluster/health" + (f"?{query}" if query else "")
            try:
                with urllib.request.urlopen(url, timeout=wait + 10) as response:  # noqa: S310
                    return json.load(response)
            except urllib.error.HTTPError as error:
                # 408: a wait_for_* condition timed out; the body is still the health.
                if error.code == 408:
                    return json.loads(error.read())
            except (OSError, ValueError):
                continue
        return {}

    def wait_for_health(self, status: str = "green", *, timeout: float = 120) -> dict:
        """Wait until the cluster is at least `status` with every running node in it."""
        deadline = time.monotonic() + timeout
        expected = sum(node.running for node in self.nodes)
        health: dict = {}
        while time.monotonic() < deadline:
            left = max(1, min(10, int(deadline - time.monotonic())))
            health = self.health(
                wait_for_status=status, wait_for_nodes=str(expected), timeout=f"{left}s"
            )
            if health and not health.get("timed_out"):
                return health
            time.sleep(0.2)
        raise EngineUnavailable(
            f"cluster not {status} with {expected} nodes after {timeout}s: {health}"
        )

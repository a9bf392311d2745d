"""Start and stop a real OpenSearch node (search/engine/run.sh) for tests and benchmarks."""

import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_SCRIPT = ROOT / "search" / "engine" / "run.sh"
READY_PREFIX = "OpenSearch ready on "
START_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_START_TIMEOUT", "600"))


class EngineUnavailable(RuntimeError):
    """Java or Maven is missing, or the node did not start."""


class SearchEngineNode:
    """A node running in a subprocess; `url` is set once it reports cluster health yellow."""

    def __init__(self, data_dir: Path, port: int = 0, log_path: Path | None = None):
        self.data_dir = data_dir
        self.port = port
        self.log_path = log_path or data_dir.with_suffix(".log")
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> "SearchEngineNode":
        if not (shutil.which("java") and shutil.which("mvn")):
            raise EngineUnavailable("Java and Maven are needed to start OpenSearch")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("a")
        self.process = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
            [str(RUN_SCRIPT), "--port", str(self.port), "--data", str(self.data_dir)],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        self.url = self._wait_until_ready()
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def _wait_until_ready(self) -> str:
        lines: queue.Queue[str | None] = queue.Queue()

        def read_stdout():
            for line in self.process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read_stdout, daemon=True).start()
        try:
            while True:
                line = lines.get(timeout=START_TIMEOUT)
                if line is None:
                    raise EngineUnavailable(f"OpenSearch exited; see {self.log_path}")
                if line.startswith(READY_PREFIX):
                    return line[len(READY_PREFIX) :].strip()
        except queue.Empty:
            self.stop()
            raise EngineUnavailable(f"OpenSearch did not start in {START_TIMEOUT}s") from None

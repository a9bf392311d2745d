"""The reference production topology on one machine: PostgreSQL, Redis, a 3-node OpenSearch
cluster, two web hosts (gunicorn) behind nginx, two task workers and the scheduler.

Each web host and worker has a folder of its own (`VAR_DIR`), as separate machines would:
everything they must agree on lives in PostgreSQL, Redis or the search cluster, and the
uploaded files in one shared folder (a network file system or object store in production).
"""

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from search.node import SearchEngineCluster

from .services import (
    Gunicorn,
    Nginx,
    Postgres,
    Process,
    Redis,
    free_port,
    manage,
    manage_process,
)

# Variables of the calling shell that would change what the processes below are.
_OVERRIDDEN = (
    "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL", "REDIS_URL", "SEARCH_BACKEND",
    "SEARCH_URL", "TASKS_BACKEND", "VAR_DIR", "DISABLED_APPS", "DEBUG", "PYTEST_ADDOPTS",
)  # fmt: skip


@dataclass
class Ports:
    """Where each process listens; 0 picks a free port at start."""

    proxy: int = 0
    postgres: int = 0
    redis: int = 0
    web: tuple[int, ...] = (0, 0)


@dataclass
class Topology:
    """Every process of the deployment, started in order and stopped in reverse."""

    base: Path
    ports: Ports = field(default_factory=Ports)
    web_hosts: int = 2
    workers: int = 2
    search_nodes: int = 3
    search_version: str = "2"
    gunicorn_workers: int = 2
    email_url: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.base = self.base.resolve()
        self.logs = self.base / "logs"
        self.postgres = Postgres(self.base / "postgres", self.ports.postgres)
        self.redis = Redis(self.base / "redis", self.ports.redis)
        self.search = SearchEngineCluster(
            self.base / "search", nodes=self.search_nodes, version=self.search_version
        )
        self.proxy_port = self.ports.proxy or free_port()
        web_ports = [*self.ports.web, *([0] * self.web_hosts)][: self.web_hosts]
        self.web: list[Gunicorn] = []
        self.task_workers: list[Process] = []
        self.scheduler: Process | None = None
        self._web_ports = [port or free_port() for port in web_ports]
        self.proxy: Nginx | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def env(self, host: str) -> dict[str, str]:
        """The environment of one host's processes."""
        env = {key: value for key, value in os.environ.items() if key not in _OVERRIDDEN}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=self._secret_key(),
            DATABASE_URL=self.postgres.url,
            CACHE_URL=self.redis.url,
            SEARCH_BACKEND="opensearch3" if self.search_version == "3" else "opensearch2",
            SEARCH_URL=",".join(self.search.urls),
            SEARCH_FALLBACK="none",
            SEARCH_INDEX_REPLICAS="1",
            TASKS_BACKEND="database",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            BASE_URL=self.url,
            CSRF_TRUSTED_ORIGINS=self.url,
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            TRUSTED_PROXY_COUNT="1",
            EMAIL_URL=self.email_url,
            VAR_DIR=str(self.base / "hosts" / host),
            STATIC_ROOT=str(self.base / "static"),
            MEDIA_ROOT=str(self.base / "shared" / "media"),
            PRIVATE_MEDIA_ROOT=str(self.base / "shared" / "private"),
            LOG_LEVEL="WARNING",
        )
        env.update(self.extra_env)
        return env

    def start(self, *, seed: bool = True) -> "Topology":
        """Start every service, prepare the database, index and static files, then serve."""
        self.postgres.start()
        self.redis.start()
        self.search.start()
        self.prepare(seed=seed)
        self.start_web()
        self.start_workers()
        self.start_scheduler()
        return self

    def prepare(self, *, seed: bool) -> None:
        env, log = self.env("setup"), self.logs / "setup.log"
        manage("migrate", "--noinput", env=env, log_path=log)
        manage("collectstatic", "--noinput", env=env, log_path=log)
        if seed:
            manage("seed_demo", env=env, log_path=log)
        manage("search_cards_update", env=env, log_path=log)
        manage("update_index", env=env, log_path=log)

    def start_web(self) -> None:
        for number, port in enumerate(self._web_ports, start=1):
            host = f"web{number}"
            self.web.append(
                Gunicorn(
                    host,
                    env=self.env(host),
                    log_path=self.logs / f"{host}.log",
                    port=port,
                    workers=self.gunicorn_workers,
                ).start()
            )
        self.proxy = Nginx(
            self.base / "nginx",
            upstreams=self._web_ports,
            static_root=self.base / "static",
            media_root=self.base / "shared" / "media",
            port=self.proxy_port,
        ).start()

    def start_workers(self) -> None:
        for number in range(1, self.workers + 1):
            host = f"worker{number}"
            self.task_workers.append(
                manage_process(
                    host, "db_worker", env=self.env(host), log_path=self.logs / f"{host}.log"
                ).start()
            )

    def start_scheduler(self) -> None:
        self.scheduler = manage_process(
            "scheduler",
            "scheduler",
            env=self.env("scheduler"),
            log_path=self.logs / "scheduler.log",
        ).start()

    def processes(self) -> list[tuple[str, str]]:
        """What runs, and where, for the operator."""
        rows = [("proxy (nginx)", self.url)]
        rows += [(f"{web.process.name} (gunicorn)", web.url) for web in self.web]
        rows += [(worker.name, "db_worker") for worker in self.task_workers]
        rows += [("scheduler", "manage.py scheduler")] if self.scheduler else []
        rows += [("postgres", self.postgres.url), ("redis", self.redis.url)]
        rows += [(f"search node {i + 1}", url) for i, url in enumerate(self.search.urls)]
        return rows

    def stop(self) -> None:
        for process in [self.scheduler, *self.task_workers]:
            if process:
                process.stop()
        if self.proxy:
            self.proxy.stop()
        for web in self.web:
            web.stop()
        self.search.stop()
        self.redis.stop()
        self.postgres.stop()

    def _secret_key(self) -> str:
        """One key for every host (sessions and signed links must verify on any of them)."""
        key_file = self.base / "secret-key"
        if not key_file.exists():
            self.base.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        return key_file.read_text().strip()

"""The cluster layer: the reference production topology (deploy/topology.py) started for real,
once for the layer: PostgreSQL, Redis, a 3-node OpenSearch cluster with one replica, two web
hosts behind nginx, two task workers and the scheduler, sending mail to a local SMTP server.

The tests talk to it as clients and operators do: HTTP to the proxy or to one web host, and
`manage.py` for what an operator would run. Without Java, Maven, PostgreSQL, Redis or nginx
the layer skips, unless REQUIRE_CLUSTER=1 (set by CI) makes that a failure.
"""

import os

import pytest

from deploy.services import ServiceUnavailable, http_get
from deploy.topology import Topology
from search.node import EngineUnavailable
from tests.smtp import start_smtp_server


@pytest.fixture(scope="session")
def smtp():
    controller, sink = start_smtp_server()
    yield controller, sink
    controller.stop()


@pytest.fixture(scope="session")
def topology(tmp_path_factory, smtp):
    controller, _ = smtp
    deployment = Topology(
        tmp_path_factory.mktemp("topology"),
        email_url=f"smtp://{controller.hostname}:{controller.port}",
        gunicorn_workers=2,
        # Small batches, so two workers share one send (the default is 200 a batch).
        extra_env={"MAILING_BATCH_SIZE": "10"},
    )
    try:
        deployment.start()
    except (ServiceUnavailable, EngineUnavailable) as error:
        deployment.stop()
        if os.environ.get("REQUIRE_CLUSTER") == "1":
            pytest.fail(f"REQUIRE_CLUSTER=1 but the topology did not start: {error}")
        pytest.skip(f"the topology cannot start here: {error}")
    _warm_up(deployment)
    yield deployment
    deployment.stop()


def _warm_up(deployment: Topology) -> None:
    """The first searches of a cold cluster and new processes are slow on a busy machine:
    run them once before any test times its requests."""
    for path in ["/", "/catalog/?q=crisis", "/api/v2/catalog/?q=crisis", "/resources/"]:
        for web in deployment.web:
            http_get(web.url + path, timeout=180)

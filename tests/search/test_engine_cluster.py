"""SearchEngineCluster: real OpenSearch nodes on loopback form one cluster and survive a crash."""

import json
import urllib.request

import pytest

from search.node import SearchEngineCluster

from .engines import started_or_skipped

pytestmark = [pytest.mark.search_engine, pytest.mark.slow]


def _request(method: str, url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 (loopback URLs from the cluster)
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


@pytest.fixture
def cluster(tmp_path):
    cluster = started_or_skipped(SearchEngineCluster(tmp_path / "cluster", nodes=3))
    yield cluster
    cluster.stop()


def test_a_cluster_that_loses_its_cluster_manager_answers_from_the_others_and_heals(cluster):
    health = cluster.health()
    assert (health["status"], health["number_of_nodes"]) == ("green", 3)
    first = cluster.urls[0]
    # One shard with a copy on every node: losing any node leaves a replica unassigned.
    _request(
        "PUT", f"{first}/survivors", {"settings": {"number_of_shards": 1, "number_of_replicas": 2}}
    )
    _request("PUT", f"{first}/survivors/_doc/1?refresh=true", {"title": "De-escalation training"})
    cluster.wait_for_health("green", timeout=60)

    manager = _request("GET", f"{first}/_cat/cluster_manager?format=json")[0]["node"]
    victim = cluster.names.index(manager)
    cluster.kill(victim)

    for i, url in enumerate(cluster.urls):
        if i == victim:
            continue
        health = _request(
            "GET", f"{url}/_cluster/health?wait_for_nodes=2&wait_for_status=yellow&timeout=30s"
        )
        assert (health["status"], health["number_of_nodes"]) == ("yellow", 2)
        hits = _request("GET", f"{url}/survivors/_search?q=title:training")["hits"]
        assert hits["total"]["value"] == 1

    cluster.restart(victim)
    health = cluster.wait_for_health("green", timeout=60)
    assert health["number_of_nodes"] == 3
    hits = _request("GET", f"{cluster.urls[victim]}/survivors/_search?q=title:training")
    assert hits["hits"]["total"]["value"] == 1

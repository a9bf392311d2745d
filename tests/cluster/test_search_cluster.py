"""The search cluster of three nodes, one replica of each shard, behind two web hosts:

- a node killed while visitors search: no 5xx and no wrong answer once the cluster has
  failed over, and the cluster heals when the node returns;
- every node down: a designed 503 page (and 503 in the API), never a traceback;
- the cluster back without its index: the index is rebuilt by the workers, changes made
  while it was down included, and searches answer again.
"""

import json
import re
import shutil
import threading
import time

import pytest
import requests

from deploy.services import http_get

from .helpers import get, operator, serious_violations, wait_until

# One topology for the layer: every cluster test runs in the same xdist worker.
pytestmark = [pytest.mark.cluster, pytest.mark.slow, pytest.mark.xdist_group("cluster")]

SEARCHES = [
    "/api/v2/catalog/?q=crisis",
    "/api/v2/catalog/?cost=free&sort=title",
    "/api/v2/catalog/?topic=de-escalation-tactics-and-techniques&page_size=5",
    "/api/v2/resources/?sort=title",
    "/catalog/",
    "/catalog/?q=crisis&sort=title",
]
# Seconds after a node dies within which the cluster may still answer 503 (it has not yet
# noticed the node is gone); past it, every answer must be right.
FAILOVER_SECONDS = 15


def _answer(status: int, body: bytes, path: str):
    """What a search answered, stripped of what differs between two right answers."""
    if status != 200:
        return status
    if path.startswith("/api/"):
        data = json.loads(body)
        return data["count"], [item["id"] for item in data["results"]], data["facets"]
    html = body.decode()
    titles = re.findall(r'<h3 class="usa-collection__heading"><a[^>]*>([^<]+)</a>', html)
    counts = re.findall(r'<p class="search-count" role="status">(\d+) ', html)
    return counts, titles


def _expected(topology) -> dict[str, object]:
    answers = {path: _answer(*_fetch(topology.url + path), path) for path in SEARCHES}
    assert not [path for path, answer in answers.items() if isinstance(answer, int)], answers
    return answers


def _fetch(url: str) -> tuple[int, bytes]:
    # Generous: the first searches of a cold cluster on a busy 2-core machine are slow.
    status, _, body = http_get(url, timeout=120)
    return status, body


def _search_load(topology, duration: float) -> list[tuple[float, str, int, object]]:
    """Search through the proxy one request after another for `duration` seconds."""
    session, records, started = requests.Session(), [], time.monotonic()
    while time.monotonic() - started < duration:
        for path in SEARCHES:
            try:
                response = session.get(topology.url + path, timeout=60)
            except requests.RequestException as error:  # counted as an error, not a crash
                records.append((time.monotonic(), path, 0, repr(error)))
                continue
            answer = _answer(response.status_code, response.content, path)
            records.append((time.monotonic(), path, response.status_code, answer))
    return records


def _node_holding_primary(topology) -> int:
    """The node that holds the primary copy of the pages index."""
    status, _, body = http_get(
        f"{topology.search.urls[0]}/_cat/shards?format=json&h=index,prirep,node"
    )
    shards = [row for row in json.loads(body) if "wagtailcore_page" in row["index"]]
    primary = next(row["node"] for row in shards if row["prirep"] == "p")
    status, _, body = http_get(
        f"{topology.search.urls[0]}/_cat/nodes?format=json&h=name,http_address"
    )
    address = next(row["http_address"] for row in json.loads(body) if row["name"] == primary)
    return next(
        i for i, url in enumerate(topology.search.urls) if url.endswith(address.split(":")[-1])
    )


def test_a_node_killed_during_searches_costs_no_wrong_answer(topology):
    expected = _expected(topology)
    victim = _node_holding_primary(topology)
    records: list = []
    load = threading.Thread(target=lambda: records.extend(_search_load(topology, 25)))
    load.start()
    time.sleep(5)
    killed_at = time.monotonic()
    topology.search.kill(victim)
    load.join()

    wrong = [
        (path, answer)
        for _, path, status, answer in records
        if status == 200 and answer != expected[path]
    ]
    assert not wrong, f"wrong answers while a node was down: {wrong[:3]}"
    errors = [
        (round(at - killed_at, 1), path, status)
        for at, path, status, _ in records
        if status != 200
    ]
    late = [error for error in errors if error[0] > FAILOVER_SECONDS]
    assert not late, f"errors after the failover time: {late[:5]}"
    assert all(status in {0, 503} for _, _, status in errors), errors
    after = [record for record in records if record[0] > killed_at]
    assert len(after) > 20, "too few searches ran while the node was down"

    topology.search.restart(victim)
    wait_until(lambda: topology.search.health().get("status") == "green", timeout=120)
    for path in SEARCHES:
        assert _answer(*_fetch(topology.url + path), path) == expected[path]


def test_with_every_node_down_visitors_see_a_designed_503_and_the_index_is_rebuilt(
    topology, page, axe
):
    expected = _expected(topology)
    for node in range(len(topology.search.urls)):
        topology.search.kill(node)

    status, headers, body = http_get(f"{topology.url}/catalog/?topic=communication-skills")
    html = body.decode()
    assert status == 503
    assert headers.get("Retry-After", "").isdigit()
    assert "Search is unavailable for a moment" in html and "Traceback" not in html
    status, headers, body = http_get(f"{topology.url}/api/v2/catalog/?q=crisis")
    assert status == 503 and "unavailable" in json.loads(body)["error"]
    # Pages that need no search still serve.
    assert get(f"{topology.url}/about/")[0] == 200

    for width, height in [(1280, 900), (375, 812)]:
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(f"{topology.url}/catalog/?q=crisis")
        assert response.status == 503
        assert page.get_by_role("heading", name="Search is unavailable for a moment").is_visible()
        assert page.get_by_role("link", name="Try again").is_visible()
        assert not serious_violations(axe, page)

    # An editor unpublishes a curriculum while the cluster is down.
    gone = operator(
        topology,
        "import json; from curricula.models import CurriculumPage; "
        "p = CurriculumPage.objects.live().order_by('title').first(); "
        "p.unpublish(); print(json.dumps(p.pk))",
    )
    # The cluster returns with nothing on disk, as a new cluster would.
    for node, data in enumerate(topology.search.data_dirs):
        shutil.rmtree(data, ignore_errors=True)
        topology.search.restart(node)

    def answering():
        status, body = _fetch(topology.url + "/api/v2/catalog/?page_size=100")
        return status == 200 and json.loads(body)

    result = wait_until(answering, timeout=180, interval=2, message="the index was not rebuilt")
    assert gone not in [item["id"] for item in result["results"]]
    live = operator(
        topology,
        "import json; from curricula.models import CurriculumPage; from django.utils import timezone; "
        "print(json.dumps(CurriculumPage.objects.live().filter(expiry_date__gte=timezone.localdate()).count()))",
    )
    assert result["count"] == live
    for path in SEARCHES:
        if "resources" in path:
            assert _answer(*_fetch(topology.url + path), path) == expected[path]

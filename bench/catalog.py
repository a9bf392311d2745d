"""Catalog search benchmark: the database backend and OpenSearch side by side.

Seeds N curricula and 5N resources into a fresh SQLite database, indexes them into both
backends (reporting documents per second), then sends the same mix of searches (a word of
text, two filters, every facet's counts) to each backend, interleaved, as four kinds of
request through the full Django stack: the catalog API, the library API, and the /catalog/ and
/resources/ pages. For each it reports p50, p95 and maximum latency, requests per second and
SQL queries per request, with the machine's load average (the figures mean little on a machine
busy with other work). Then it sends the API's searches straight to OpenSearch and reports the
raw round trip and OpenSearch's own `took`, the floor under our API's figures.

    .venv/bin/python bench/catalog.py                     # N = 10,000
    .venv/bin/python bench/catalog.py --n 1000 10000 50000 --queries 200

It starts its own OpenSearch node (search/engine/run.sh) unless SEARCH_URL is set.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = [
    "crisis",
    "patrol",
    "communication",
    "tactical",
    "response",
    "community",
    "mental",
    "health",
    "safety",
    "scenario",
    "intervention",
    "peer",
    "dispatch",
    "wellness",
    "youth",
    "disability",
    "autism",
    "overdose",
    "suicide",
    "trust",
    "procedural",
    "leadership",
    "supervisor",
    "trainer",
    "academy",
    "field",
    "practical",
    "advanced",
    "foundations",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[10_000],
        help="curricula (resources: 5N); several sizes run one after another",
    )
    parser.add_argument("--queries", type=int, default=300, help="timed queries per backend")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def configure(workdir: Path, search_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        SEARCH_BACKEND="opensearch2",
        SEARCH_URL=search_url,
        SEARCH_INDEX_PREFIX="bench_",
        SEARCH_TIMEOUT="30",
        TASKS_BACKEND="immediate",
        DEBUG="0",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
        VAR_DIR=str(workdir),
        MEDIA_ROOT=str(workdir / "media"),
    )
    import django

    django.setup()
    from config.startup import settle

    settle()  # as the web server's entry point does


def bulk_children(parent, model, rows: list[dict], relations: dict[str, list[list]]) -> None:
    """Insert pages under `parent` in bulk: tree rows, the model's own rows, then relations."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild + 1
    base_pages = [
        Page(
            title=row["title"],
            slug=f"{model._meta.model_name}-{start + i}",
            content_type=content_type,
            path=Page._get_path(parent.path, parent.depth + 1, start + i),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{model._meta.model_name}-{start + i}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            last_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            locale_id=parent.locale_id,
            draft_title=row["title"],
        )
        for i, row in enumerate(rows)
    ]
    Page.objects.bulk_create(base_pages, batch_size=2000)
    ids = list(
        Page.objects.filter(content_type=content_type, depth=parent.depth + 1)
        .order_by("path")
        .values_list("pk", flat=True)
    )[-len(rows) :]
    specific = [model(page_ptr_id=pk, **row) for pk, row in zip(ids, rows, strict=True)]
    local_fields = [f for f in model._meta.local_concrete_fields]
    for chunk in range(0, len(specific), 2000):
        model._base_manager._insert(specific[chunk : chunk + 2000], fields=local_fields, raw=True)
    for name, per_page in relations.items():
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": pk, f"{target}_id": term.pk})
                for pk, terms in zip(ids, per_page, strict=True)
                for term in terms
            ],
            batch_size=5000,
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))


def seed(n: int, rng: random.Random) -> tuple[int, int]:
    from curricula.models import CatalogPage, CurriculumPage
    from pages.demo import home_page_get_or_create, site_essentials_ensure
    from pages.models import (
        Audience,
        DeliveryMethod,
        ProviderType,
        ResourceLibraryPage,
        ResourcePage,
        ResourceType,
        TopicArea,
        USState,
    )

    site_essentials_ensure()
    home, _ = home_page_get_or_create()
    catalog = home.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))
    library = home.add_child(instance=ResourceLibraryPage(title="Resources", slug="resources"))
    topics, audiences = list(TopicArea.objects.all()), list(Audience.objects.all())
    delivery, states = list(DeliveryMethod.objects.all()), list(USState.objects.all())
    provider_types, resource_types = (
        list(ProviderType.objects.all()),
        list(ResourceType.objects.all()),
    )

    def words(count):
        return " ".join(rng.choice(WORDS) for _ in range(count))

    curricula, relations = (
        [],
        {"topic_areas": [], "audiences": [], "delivery_methods": [], "states": []},
    )
    for i in range(n):
        approved = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        nationwide = rng.random() < 0.2
        free = rng.random() < 0.4
        curricula.append(
            {
                "title": f"{words(3).title()} {i}",
                "provider_name": f"Provider {rng.randrange(300)} {rng.choice(WORDS).title()}",
                "provider_type_id": rng.choice(provider_types).pk,
                "summary": words(25),
                "duration_hours": Decimal(rng.randrange(4, 800)) / 10,
                "is_free": free,
                "cost_description": "" if free else f"${rng.randrange(50, 900)}",
                "offered_nationwide": nationwide,
                "approval_date": approved,
                "expiry_date": approved + datetime.timedelta(days=3 * 365),
                "external_id": f"bench-c-{i}",
            }
        )
        relations["topic_areas"].append(rng.sample(topics, rng.randint(1, 3)))
        relations["audiences"].append(rng.sample(audiences, rng.randint(1, 2)))
        relations["delivery_methods"].append(rng.sample(delivery, rng.randint(1, 2)))
        relations["states"].append([] if nationwide else rng.sample(states, rng.randint(1, 4)))
    bulk_children(catalog, CurriculumPage, curricula, relations)

    resources, resource_topics = [], []
    for i in range(5 * n):
        resources.append(
            {
                "title": f"{words(4).title()} {i}",
                "summary": words(30),
                "resource_type_id": rng.choice(resource_types).pk,
                "publisher": f"Publisher {rng.randrange(100)}",
                "publication_date": datetime.date(
                    2015 + rng.randrange(12), 1 + rng.randrange(12), 1
                ),
                "external_url": "https://example.org/",
                "external_id": f"bench-r-{i}",
            }
        )
        resource_topics.append(rng.sample(topics, rng.randint(1, 3)))
    bulk_children(library, ResourcePage, resources, {"topic_areas": resource_topics})
    return n, 5 * n


def index_all(alias: str) -> tuple[int, float]:
    from wagtail.search.backends import get_search_backend

    from curricula.models import CurriculumPage
    from pages.models import ResourcePage

    backend = get_search_backend(alias)
    models = (CurriculumPage, ResourcePage)
    started = time.perf_counter()
    index = backend.get_index_for_model(CurriculumPage)  # pages share one index
    if alias != "database":
        index.reset()
        for model in models:
            index.add_model(model)
    count = 0
    for model in models:
        objects = model.get_indexed_objects().order_by("pk")
        for start in range(0, objects.count(), 1000):
            chunk = list(objects[start : start + 1000])
            index.add_items(model, chunk)
            count += len(chunk)
    if alias != "database":
        index.refresh()
    return count, time.perf_counter() - started


def query_mix(count: int, rng: random.Random) -> dict[str, list[str]]:
    """The same mix of searches for each kind of request: the two APIs and the two pages."""
    from urllib.parse import urlencode

    from pages.models import (
        Audience,
        DeliveryMethod,
        ProviderType,
        ResourceType,
        TopicArea,
        USState,
    )

    topics = list(TopicArea.objects.values_list("slug", flat=True))
    states = list(USState.objects.values_list("code", flat=True))
    delivery = list(DeliveryMethod.objects.values_list("slug", flat=True))
    audiences = list(Audience.objects.values_list("slug", flat=True))
    providers = list(ProviderType.objects.values_list("slug", flat=True))
    types = list(ResourceType.objects.values_list("slug", flat=True))
    catalog_pairs = [
        lambda: {"topic": rng.choice(topics), "state": rng.choice(states)},
        lambda: {"delivery": rng.choice(delivery), "audience": rng.choice(audiences)},
        lambda: {"provider_type": rng.choice(providers), "cost": "free"},
    ]
    library_pairs = [
        lambda: {"topic": rng.choice(topics), "type": rng.choice(types)},
        lambda: {"topic": rng.choice(topics), "year": str(2015 + rng.randrange(12))},
    ]
    catalog = [
        urlencode({"q": rng.choice(WORDS), **catalog_pairs[i % len(catalog_pairs)]()})
        for i in range(count)
    ]
    library = [
        urlencode({"q": rng.choice(WORDS), **library_pairs[i % len(library_pairs)]()})
        for i in range(count)
    ]
    return {
        "catalog API": [f"/api/v2/catalog/?{query}" for query in catalog],
        "library API": [f"/api/v2/resources/?{query}" for query in library],
        "/catalog/ page": [f"/catalog/?{query}" for query in catalog],
        "/resources/ page": [f"/resources/?{query}" for query in library],
    }


def load_average() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


class EngineRecorder:
    """Keeps each search body the cluster engine sends, to replay it straight to OpenSearch."""

    def __init__(self):
        from search.engines import ClusterEngine

        self.engine_class = ClusterEngine
        self.original = ClusterEngine._send
        self.sent = []

    def __enter__(self):
        recorder = self

        def send(engine, backend, collection, body):
            recorder.sent.append((backend, collection, body))
            return recorder.original(engine, backend, collection, body)

        self.engine_class._send = send
        return self

    def __exit__(self, *exc):
        self.engine_class._send = self.original


def percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "max": timings[-1],
    }


def measure(urls: list[str], backends: dict) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    timings, counts, queries = [], [], []
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for url in urls[:20]:  # warm-up
            client.get(url)
        started = time.perf_counter()
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            queries.append(len(captured.captured_queries))
            assert response.status_code == 200, (url, response.status_code)
            if response["Content-Type"].startswith("application/json"):
                counts.append(response.json()["count"])
        elapsed = time.perf_counter() - started
    return {
        **percentiles(timings),
        "rps": len(timings) / elapsed,
        "sql": statistics.mean(queries),
        "sql_max": max(queries),
        "counts": counts,
        "load": load_average(),
    }


def measure_engine(urls: list[str], backends: dict) -> dict:
    """Our API beside the same searches sent straight to OpenSearch, in pairs.

    A first pass records each search (and warms the node for both); then each request and
    its raw replay are timed one after the other, which one goes first alternating, so both
    meet the node in the same state. (Comparing a request early in the run with a replay at
    its end was unfair to the first: the node warms up over the run.)
    """
    from django.test import Client
    from django.test.utils import override_settings

    ours, round_trips, took = [], [], []
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        client = Client()
        with EngineRecorder() as recorder:
            for url in urls:
                client.get(url)
        for position, (url, (backend, collection, body)) in enumerate(
            zip(urls, recorder.sent, strict=True)
        ):
            index = backend.get_index_for_model(collection.model).name

            def request(url=url):
                t0 = time.perf_counter()
                client.get(url)
                ours.append((time.perf_counter() - t0) * 1000)

            def replay(backend=backend, index=index, body=body):
                t0 = time.perf_counter()
                response = backend.es.search(index=index, body=body)
                round_trips.append((time.perf_counter() - t0) * 1000)
                took.append(response["took"])

            for step in (request, replay) if position % 2 == 0 else (replay, request):
                step()
    return {
        "API, paired": percentiles(ours),
        "round trip": percentiles(round_trips),
        "took": percentiles(took),
    }


def report(n: int, queries: int, results: dict, engine: dict, rates: dict) -> None:
    print()
    print(f"N={n:,} curricula and {5 * n:,} resources, {queries} queries of each kind")
    print(f"Load average (1, 5, 15 min) at the end: {load_average()} on {os.cpu_count()} cores")
    print(
        f"{'request':<18}{'backend':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}"
        f"{'SQL/req':>9}{'SQL max':>9}  load average after"
    )
    for (kind, label), figures in results.items():
        print(
            f"{kind:<18}{label:<16}{figures['p50']:>9.1f}{figures['p95']:>9.1f}"
            f"{figures['max']:>9.1f}{figures['rps']:>8.1f}{figures['sql']:>9.1f}"
            f"{figures['sql_max']:>9}  {figures['load']}"
        )
    for kind, figures in engine.items():
        for measure_name, values in figures.items():
            label = measure_name if measure_name.startswith("API") else f"raw {measure_name}"
            print(
                f"{kind:<18}{label:<16}{values['p50']:>9.1f}{values['p95']:>9.1f}"
                f"{values['max']:>9.1f}"
            )
    print(
        "raw: the API's searches sent straight to OpenSearch (took: OpenSearch's own time); "
        "API, paired: our API on OpenSearch, each request next to its raw replay"
    )
    for kind, figures in engine.items():
        ours, raw = figures["API, paired"], figures["round trip"]
        print(
            f"{kind}: our API over the raw round trip, p50 {ours['p50'] / raw['p50']:.2f}x, "
            f"p95 {ours['p95'] / raw['p95']:.2f}x (target: within 1.5x)"
        )
    print("Indexing, documents a second: " + ", ".join(f"{k} {v:,.0f}" for k, v in rates.items()))


def index_build_report() -> None:
    """What the first database search after a content change pays: reading the facet index."""
    from search.collections import CATALOG, RESOURCES
    from search.facet_index import CollectionIndex

    for collection in (CATALOG, RESOURCES):
        t0 = time.perf_counter()
        CollectionIndex(collection)
        print(f"Read the {collection.name} facet index in {time.perf_counter() - t0:.2f}s")


def run_one(n: int, queries: int, seed_value: int, search_url: str) -> None:
    rng = random.Random(seed_value)
    workdir = ROOT / ".var" / "bench"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    configure(workdir, search_url)
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    curricula, resources = seed(n, rng)
    print(
        f"Seeded {curricula:,} curricula and {resources:,} resources in {time.perf_counter() - t0:.1f}s"
    )
    from search.cards import result_cards_rebuild

    t0 = time.perf_counter()
    cards = result_cards_rebuild()
    print(f"Wrote {cards:,} result cards in {time.perf_counter() - t0:.1f}s")
    rates = {}
    for alias, label in (("database", "database"), ("default", "opensearch")):
        documents, seconds = index_all(alias)
        rates[label] = documents / seconds
        print(f"Indexed {documents:,} documents into {label} in {seconds:.1f}s")
    index_build_report()
    mixes = query_mix(queries, rng)
    backends = settings.WAGTAILSEARCH_BACKENDS
    choices = {"database": {"default": backends["database"]}, "opensearch": backends}
    results = {}
    # Interleaved: each kind of request on one backend, then the other, so a change in the
    # machine's load touches both.
    for kind, urls in mixes.items():
        for label, chosen in choices.items():
            results[kind, label] = measure(urls, chosen)
    for kind in ("catalog API", "library API"):
        database, opensearch = results[kind, "database"], results[kind, "opensearch"]
        differing = sum(
            a != b for a, b in zip(database["counts"], opensearch["counts"], strict=True)
        )
        print(f"{kind}: result counts differing between backends: {differing} of {queries}")
    engine = {
        kind: measure_engine(mixes[kind], backends) for kind in ("catalog API", "library API")
    }
    report(n, queries, results, engine, rates)


def main() -> None:
    args = parse_args()
    node = None
    search_url = os.environ.get("SEARCH_URL", "")
    if not search_url:
        from search.node import SearchEngineNode

        node = SearchEngineNode(ROOT / ".var" / "bench-engine").start()
        search_url = node.url
    print(f"Load average (1, 5, 15 min) at the start: {load_average()} on {os.cpu_count()} cores")
    try:
        if len(args.n) == 1:
            run_one(args.n[0], args.queries, args.seed, search_url)
            return
        # Each size in its own process, against the same node: Django is set up once a process.
        for n in args.n:
            subprocess.run(  # noqa: S603 (this script, with numbers parsed by argparse)
                [sys.executable, __file__, "--n", str(n), "--queries", str(args.queries)],
                env={**os.environ, "SEARCH_URL": search_url},
                check=True,
            )
    finally:
        if node:
            node.stop()


if __name__ == "__main__":
    main()

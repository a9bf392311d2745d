"""Catalog search benchmark: the database backend and OpenSearch side by side.

Seeds N curricula and 5N resources into a fresh SQLite database, indexes them into both
backends (reporting documents per second), then sends a fixed mix of catalog API queries
(text + two filters + facet counts) through the full Django stack and reports p50, p95 and
maximum latency, requests per second and SQL queries per request for each backend, with the
machine's load average (the figures mean little on a machine busy with other work).

    .venv/bin/python bench/catalog.py            # N = 10,000
    .venv/bin/python bench/catalog.py --n 2000 --queries 200

It starts its own OpenSearch node (search/engine/run.sh) unless SEARCH_URL is set.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
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
    parser.add_argument("--n", type=int, default=10_000, help="curricula (resources: 5N)")
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


def query_mix(count: int, rng: random.Random) -> list[str]:
    from urllib.parse import urlencode

    from pages.models import Audience, DeliveryMethod, ProviderType, TopicArea, USState

    topics = list(TopicArea.objects.values_list("slug", flat=True))
    states = list(USState.objects.values_list("code", flat=True))
    delivery = list(DeliveryMethod.objects.values_list("slug", flat=True))
    audiences = list(Audience.objects.values_list("slug", flat=True))
    providers = list(ProviderType.objects.values_list("slug", flat=True))
    pairs = [
        lambda: {"topic": rng.choice(topics), "state": rng.choice(states)},
        lambda: {"delivery": rng.choice(delivery), "audience": rng.choice(audiences)},
        lambda: {"provider_type": rng.choice(providers), "cost": "free"},
    ]
    return [
        "/api/v2/catalog/?" + urlencode({"q": rng.choice(WORDS), **pairs[i % len(pairs)]()})
        for i in range(count)
    ]


def load_average() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


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
            counts.append(response.json()["count"])
        elapsed = time.perf_counter() - started
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "max": timings[-1],
        "rps": len(timings) / elapsed,
        "sql": statistics.mean(queries),
        "sql_max": max(queries),
        "counts": counts,
        "load": load_average(),
    }


def main() -> None:
    args = parse_args()
    rng = random.Random(args.seed)
    workdir = ROOT / ".var" / "bench"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    node = None
    search_url = os.environ.get("SEARCH_URL", "")
    if not search_url:
        from search.node import SearchEngineNode

        node = SearchEngineNode(workdir / "engine-data").start()
        search_url = node.url
    print(f"Load average (1, 5, 15 min) at the start: {load_average()} on {os.cpu_count()} cores")
    try:
        configure(workdir, search_url)
        from django.conf import settings
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        curricula, resources = seed(args.n, rng)
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
        urls = query_mix(args.queries, rng)
        backends = settings.WAGTAILSEARCH_BACKENDS
        results = {
            "database": measure(urls, {"default": backends["database"]}),
            "opensearch": measure(urls, backends),
        }
        mismatches = sum(
            a != b
            for a, b in zip(
                results["database"]["counts"], results["opensearch"]["counts"], strict=True
            )
        )
        print(f"Result counts differing between backends: {mismatches} of {len(urls)}")
        print()
        print(f"Catalog API, N={args.n:,}, {args.queries} queries (text + 2 filters + facets)")
        print(
            f"Load average (1, 5, 15 min) at the end: {load_average()} on {os.cpu_count()} cores"
        )
        print(
            f"{'backend':<12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>9}"
            f"{'SQL/req':>9}{'SQL max':>9}{'index docs/s':>14}  load average after"
        )
        for label, figures in results.items():
            print(
                f"{label:<12}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['max']:>9.1f}"
                f"{figures['rps']:>9.1f}{figures['sql']:>9.1f}{figures['sql_max']:>9}"
                f"{rates[label]:>14,.0f}  {figures['load']}"
            )
    finally:
        if node:
            node.stop()


if __name__ == "__main__":
    main()

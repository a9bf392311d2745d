"""Throughput and latency of the reference production topology, with 2 web hosts and with 1.

Starts `deploy.topology.Topology` for real on loopback (PostgreSQL, Redis, 3 OpenSearch nodes,
2 gunicorn web hosts behind nginx, 2 task workers, the scheduler), seeds the catalog with
bench/catalog.py's bulk seeder (N curricula and M resources), writes the result cards and the
search index, then loads three requests through nginx: the /catalog/ page, the catalog API
(a word and two filters, varied with a fixed seed, as bench/catalog.py's query mix) and
curriculum pages (a few hundred, drawn at random). Each runs at concurrency 1, 8 and 32, with 2
web hosts and with 1 (the second host's gunicorn stopped, so nginx sends everything to the
other; started again for the next 2-host cells), the two alternating so each pair compared ran
close in time. It prints req/s, p50 and p95 latency and errors per cell, which share of the
requests each host served, the cores used meanwhile by the load generator itself, by the
topology's processes and by other work on the machine (they all share its cores), and the
2-host over 1-host ratios. No targets: figures only.

    .venv/bin/python bench/topology.py                            # 10,000 and 50,000
    .venv/bin/python bench/topology.py --curricula 500 --resources 2000 --duration 5

The load generator runs in separate processes (each with threads, one keep-alive connection a
thread, no cookies: anonymous, as agencies browse), so it is not held back by one GIL.
"""

import argparse
import http.client
import json
import math
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.catalog import load_average, percentiles  # noqa: E402
from deploy.services import ServiceUnavailable, manage  # noqa: E402
from deploy.topology import Topology  # noqa: E402

CONCURRENCY = (1, 8, 32)
KINDS = ("/catalog/ page", "catalog API", "curriculum page")
ACCEPT = {
    "/catalog/ page": "text/html",
    "catalog API": "application/json",
    "curriculum page": "text/html",
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curricula", type=int, default=10_000)
    parser.add_argument("--resources", type=int, default=50_000)
    parser.add_argument("--duration", type=float, default=15, help="seconds of load per cell")
    parser.add_argument(
        "--warmup", type=float, default=10, help="seconds of mixed load after each change"
    )
    parser.add_argument("--concurrency", type=int, nargs="+", default=list(CONCURRENCY))
    parser.add_argument(
        "--client-processes", type=int, default=4, help="load generator processes (at most)"
    )
    parser.add_argument("--queries", type=int, default=400, help="distinct URLs per request")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--base", type=Path, help="the topology's folder (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the folder at the end")
    # Internal: the seeding step, run in a child process with the topology's environment.
    parser.add_argument("--seed-into", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.curricula < 1 or options.resources < 1:
        parser.error("--curricula and --resources must be at least 1")
    return options


# Seeding (a child process with the topology's environment: production settings, PostgreSQL)


def seed_into_topology(options) -> None:
    """Seed the catalog with bench/catalog.py's seeder; write the URLs to load as JSON."""
    import django

    django.setup()
    from urllib.parse import urlsplit

    from bench import catalog
    from curricula.models import CurriculumPage
    from pages.models import ResourcePage

    rng = random.Random(options.seed)
    wanted = {CurriculumPage: options.curricula, ResourcePage: options.resources}
    bulk_children = catalog.bulk_children

    def bulk_children_trimmed(parent, model, rows, relations):
        # catalog.seed(n) writes n curricula and 5n resources; keep the counts asked for.
        keep = wanted[model]
        trimmed = {name: per_page[:keep] for name, per_page in relations.items()}
        bulk_children(parent, model, rows[:keep], trimmed)

    catalog.bulk_children = bulk_children_trimmed
    try:
        catalog.seed(max(options.curricula, math.ceil(options.resources / 5)), rng)
    finally:
        catalog.bulk_children = bulk_children
    mix = catalog.query_mix(options.queries, rng)
    ids = list(CurriculumPage.objects.live().order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(ids, min(len(ids), options.queries))
    curricula = [
        urlsplit(page.get_url()).path for page in CurriculumPage.objects.filter(pk__in=chosen)
    ]
    rng.shuffle(curricula)
    options.seed_into.write_text(
        json.dumps(
            {
                "curricula": CurriculumPage.objects.live().count(),
                "resources": ResourcePage.objects.live().count(),
                "urls": {
                    "/catalog/ page": mix["/catalog/ page"],
                    "catalog API": mix["catalog API"],
                    "curriculum page": curricula,
                },
            }
        )
    )


def prepare(topology: Topology, options) -> dict:
    """Start the topology with the seeded catalog indexed before the web hosts serve."""
    topology.postgres.start()
    topology.redis.start()
    topology.search.start()
    topology.prepare(seed=False)  # migrate, collectstatic (cards and index of an empty site)
    env, log = topology.env("bench"), topology.logs / "bench-setup.log"
    urls_file = topology.base / "bench-urls.json"
    t0 = time.perf_counter()
    child = [
        sys.executable, __file__, "--seed-into", str(urls_file), "--curricula",
        str(options.curricula), "--resources", str(options.resources), "--queries",
        str(options.queries), "--seed", str(options.seed),
    ]  # fmt: skip
    with log.open("ab") as output:
        result = subprocess.run(child, cwd=ROOT, env=env, stdout=output, stderr=output)  # noqa: S603
    if result.returncode:
        raise ServiceUnavailable(f"seeding failed; see {log}")
    seeded = json.loads(urls_file.read_text())
    timings = {"seed": time.perf_counter() - t0}
    for step in ("search_cards_update", "update_index"):
        t0 = time.perf_counter()
        manage(step, env=env, log_path=log, timeout=3600)
        timings[step] = time.perf_counter() - t0
    topology.start_web()
    topology.start_workers()
    topology.start_scheduler()
    seeded["timings"] = timings
    return seeded


# Load generation


def client_process(port, urls, accept, threads, duration, seed, ready, go, results) -> None:
    """`threads` threads, each with its own keep-alive connection, for `duration` seconds."""
    samples: list[list] = [[] for _ in range(threads)]

    def run(number: int, deadline: float) -> None:
        rng = random.Random(f"{seed}-{number}")
        # No Cookie header, ever: anonymous visitors (http.client keeps no cookie jar).
        headers = {"Accept": accept, "Accept-Encoding": "gzip", "User-Agent": "bench/topology"}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (started := time.perf_counter()) < deadline:
            url = urls[rng.randrange(len(urls))]
            try:
                connection.request("GET", url, headers=headers)
                response = connection.getresponse()
                size = len(response.read())
                outcome = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                size, outcome = 0, type(error).__name__
            samples[number].append((time.perf_counter() - started, outcome, size))
        connection.close()

    ready.put(os.getpid())
    go.wait()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    workers = [
        threading.Thread(target=run, args=(number, t0 + duration)) for number in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    results.put((elapsed, cpu, [sample for thread in samples for sample in thread]))


# CPU accounting: who used the 2 cores during a cell (the machine is shared with other work)

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = ("gunicorn", "opensearch", "postgres", "nginx", "redis", "workers")


def machine_busy_ticks() -> int:
    """Busy CPU ticks of the whole machine so far, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return sum(fields[:8]) - fields[3] - fields[4]  # all but idle and iowait (no guest time)


def process_roots(topology: Topology) -> dict[int, str]:
    """The pid of each topology process whose descendants are counted with it, by group."""
    roots = {}
    pid_file = topology.postgres.data / "postmaster.pid"
    if pid_file.exists():
        roots[int(pid_file.read_text().split()[0])] = "postgres"
    roots.update(
        {node.process.pid: "opensearch" for node in topology.search.nodes if node.process}
    )
    processes = [(web.process, "gunicorn") for web in topology.web]
    processes += [(topology.proxy.process, "nginx"), (topology.redis.process, "redis")]
    processes += [(worker, "workers") for worker in [*topology.task_workers, topology.scheduler]]
    roots.update({p.popen.pid: group for p, group in processes if p and p.running})
    return roots


def process_ticks(roots: dict[int, str]) -> Counter:
    """CPU ticks used so far by each group's processes and their descendants."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # exited meanwhile
        fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    ticks = Counter()
    for pid, (_, used) in table.items():
        ancestor = pid
        while ancestor not in roots and ancestor in table and ancestor > 1:
            ancestor = table[ancestor][0]
        if ancestor in roots:
            ticks[roots[ancestor]] += used
    return ticks


class CpuMeter:
    """Cores used between `start()` and `stop()`: by each topology group, and machine-wide."""

    def __init__(self, topology: Topology):
        self.topology = topology

    def start(self) -> None:
        self.roots = process_roots(self.topology)
        self.t0, self.busy0, self.ticks0 = (
            time.perf_counter(), machine_busy_ticks(), process_ticks(self.roots),
        )  # fmt: skip

    def stop(self) -> dict[str, float]:
        ticks, busy = process_ticks(self.roots), machine_busy_ticks()
        seconds = (time.perf_counter() - self.t0) * TICKS
        cores = {g: max(0, ticks[g] - self.ticks0[g]) / seconds for g in GROUPS}
        cores["machine"] = (busy - self.busy0) / seconds
        return cores


def access_log_sizes(topology: Topology) -> list[int]:
    return [web.process.log_path.stat().st_size for web in topology.web]


def requests_served(topology: Topology, offsets: list[int]) -> list[int]:
    """Requests each host logged since `offsets` (gunicorn's access log, one line each)."""
    counts = []
    for web, offset in zip(topology.web, offsets, strict=True):
        with web.process.log_path.open("rb") as log:
            log.seek(offset)
            counts.append(log.read().count(b'"GET '))
    return counts


def load(topology: Topology, urls, accept: str, concurrency: int, duration: float, seed, options):
    """Send `concurrency` requests at a time for `duration` seconds; the figures."""
    context = multiprocessing.get_context("spawn")  # the parent has threads (search nodes)
    processes = min(concurrency, options.client_processes)
    threads = [concurrency // processes + (i < concurrency % processes) for i in range(processes)]
    ready, results, go = context.Queue(), context.Queue(), context.Event()
    clients = [
        context.Process(
            target=client_process,
            args=(
                topology.proxy_port,
                urls,
                accept,
                count,
                duration,
                f"{seed}-{number}",
                ready,
                go,
                results,
            ),
        )  # fmt: skip
        for number, count in enumerate(threads)
    ]
    for client in clients:
        client.start()
    for _ in clients:
        ready.get(timeout=120)
    meter, offsets = CpuMeter(topology), access_log_sizes(topology)
    meter.start()
    go.set()
    outcomes = [results.get(timeout=duration + 300) for _ in clients]
    cores = meter.stop()
    for client in clients:
        client.join()
    samples = [sample for _, _, process_samples in outcomes for sample in process_samples]
    latencies = [seconds * 1000 for seconds, _, _ in samples]
    statuses = Counter(outcome for _, outcome, _ in samples)
    elapsed = max(elapsed for elapsed, _, _ in outcomes)
    cores["client"] = sum(cpu for _, cpu, _ in outcomes) / elapsed
    topology_cores = sum(cores[group] for group in GROUPS)
    cores["other work"] = max(0.0, cores["machine"] - topology_cores - cores["client"])
    return {
        "requests": len(samples),
        "rps": sum(len(s) / elapsed for elapsed, _, s in outcomes),
        **(percentiles(latencies) if latencies else {"p50": 0, "p95": 0, "max": 0}),
        "errors": sum(count for outcome, count in statuses.items() if outcome != 200),
        "statuses": {str(k): v for k, v in statuses.items() if k != 200},
        "kb": sum(size for _, _, size in samples) / max(len(samples), 1) / 1024,
        "cores": cores,
        "served": requests_served(topology, offsets),
        "load": load_average(),
    }


def probe(topology: Topology, urls: list[str], count: int) -> Counter:
    """`count` requests one after another, each on a new connection; their statuses."""
    statuses = Counter()
    for url in urls[:count]:
        connection = http.client.HTTPConnection("127.0.0.1", topology.proxy_port, timeout=60)
        try:
            connection.request("GET", url, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            statuses[response.status] += 1
        except (OSError, http.client.HTTPException) as error:
            statuses[type(error).__name__] += 1
        finally:
            connection.close()
    return statuses


def warm_up(topology: Topology, urls: dict, options, seconds: float) -> None:
    """Every kind of request, mixed, at concurrency 8: fills caches, wakes every worker."""
    mixed = [url for kind in KINDS for url in urls[kind]]
    figures = load(topology, mixed, "*/*", 8, seconds, "warm-up", options)
    statuses = f" {figures['statuses']}" if figures["statuses"] else ""
    print(
        f"  warm-up: {figures['requests']} requests in {seconds:g}s, errors "
        f"{figures['errors']}{statuses}, served web1/web2 "
        + "/".join(str(count) for count in figures["served"]),
        flush=True,
    )


def hosts_switch(topology: Topology, hosts: int, urls: dict, options) -> None:
    """Stop or start web2's gunicorn (nginx keeps both upstreams), then warm up."""
    if hosts == 1:
        topology.web[1].stop()
        # Do requests fail while nginx learns the host is gone? (It retries on the other.)
        statuses = probe(topology, urls["/catalog/ page"], 30)
        print(f"\nStopped web2; 30 requests right after, statuses: {dict(statuses)}", flush=True)
    else:
        topology.web[1].start()
        print("\nStarted web2 again", flush=True)
    warm_up(topology, urls, options, options.warmup)


# Reporting


def cores_text(cores: dict) -> str:
    rest = sum(cores[group] for group in ("nginx", "redis", "workers"))
    return (
        f"client {cores['client']:.2f} | gunicorn {cores['gunicorn']:.2f} opensearch "
        f"{cores['opensearch']:.2f} postgres {cores['postgres']:.2f} nginx+redis+workers "
        f"{rest:.2f} | other work {cores['other work']:.2f} (machine {cores['machine']:.2f})"
    )


def cell_line(kind: str, hosts: int, concurrency: int, figures: dict) -> str:
    served = "/".join(str(count) for count in figures["served"])
    extra = f"  non-200: {figures['statuses']}" if figures["statuses"] else ""
    return (
        f"  {kind:<16} hosts {hosts} c={concurrency:<3} {figures['rps']:6.1f} req/s  "
        f"p50 {figures['p50']:6.0f} ms  p95 {figures['p95']:6.0f} ms  errors {figures['errors']}"
        f"  web1/web2 {served}  load {figures['load']}{extra}\n"
        f"      cores: {cores_text(figures['cores'])}"
    )


def report(results: dict, options) -> None:
    cores = os.cpu_count()
    for kind in KINDS:
        print(f"\n{kind}")
        print(
            f"{'conc':>5}{'hosts':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}"
            f"{'errors':>7}{'KB':>6}{'client':>8}{'gunicorn':>9}{'search':>7}{'pg':>6}"
            f"{'other':>6}{'busy':>6}  web1/web2"
        )
        for concurrency in options.concurrency:
            for hosts in (1, 2):
                f = results[kind, hosts, concurrency]
                c = f["cores"]
                print(
                    f"{concurrency:>5}{hosts:>6}{f['rps']:>8.1f}{f['p50']:>8.0f}{f['p95']:>8.0f}"
                    f"{f['max']:>8.0f}{f['errors']:>7}{f['kb']:>6.1f}{c['client']:>8.2f}"
                    f"{c['gunicorn']:>9.2f}{c['opensearch']:>7.2f}{c['postgres']:>6.2f}"
                    f"{c['other work']:>6.2f}{c['machine']:>6.2f}  "
                    + "/".join(str(count) for count in f["served"])
                )
        print(f"{'conc':>5}  2 hosts over 1 host: throughput, p95")
        for concurrency in options.concurrency:
            two, one = results[kind, 2, concurrency], results[kind, 1, concurrency]
            throughput = two["rps"] / one["rps"] if one["rps"] else math.nan
            p95 = two["p95"] / one["p95"] if one["p95"] else math.nan
            print(f"{concurrency:>5}  {throughput:.2f}x, {p95:.2f}x")
    print(
        f"\nCPU columns are cores used during the cell (of {cores}): client = the load "
        "generator itself; gunicorn, search (3 OpenSearch nodes), pg = the topology's processes "
        "and their children; other = work on the machine outside the topology and the client "
        "(other people's jobs); busy = the whole machine. KB = mean response body (gzip)."
    )


def main(argv=None) -> int:
    options = parse_args(argv)
    if options.seed_into:
        seed_into_topology(options)
        return 0
    if options.base:
        options.base.mkdir(parents=True, exist_ok=True)
        if any(options.base.iterdir()):
            print(f"{options.base} is not empty; give an empty or new folder", file=sys.stderr)
            return 2
        base = options.base
    else:
        base = Path(tempfile.mkdtemp(prefix="bench-topology-"))
    print(f"Load average (1, 5, 15 min) at the start: {load_average()} on {os.cpu_count()} cores")
    topology = Topology(base, web_hosts=2, workers=2, search_nodes=3, gunicorn_workers=2)
    started = time.perf_counter()
    try:
        print(
            "Starting PostgreSQL, Redis, 3 OpenSearch nodes; seeding "
            f"{options.curricula:,} curricula and {options.resources:,} resources ...",
            flush=True,
        )
        seeded = prepare(topology, options)
        timings = seeded["timings"]
        topology.search.wait_for_health("green", timeout=300)
        print(
            f"Seeded {seeded['curricula']:,} curricula and {seeded['resources']:,} resources "
            f"in {timings['seed']:.0f}s; result cards {timings['search_cards_update']:.0f}s; "
            f"search index {timings['update_index']:.0f}s; all up after "
            f"{time.perf_counter() - started:.0f}s. 2 web hosts, each gunicorn with "
            f"{topology.gunicorn_workers} workers x 4 threads; 2 task workers; the scheduler."
        )
        urls = seeded["urls"]
        print("Examples: " + "  ".join(urls[kind][0] for kind in KINDS))
        print(f"\nWith 2 web hosts; load average {load_average()}", flush=True)
        warm_up(topology, urls, options, 2 * options.warmup)
        # 2 hosts and 1 host alternate (2-1, 1-2, 2-1 ...), so the pairs compared ran close in
        # time: the load other work puts on the machine drifts, and caches warm up.
        results: dict = {}
        hosts_up = 2
        for position, concurrency in enumerate(options.concurrency):
            for hosts in (2, 1) if position % 2 == 0 else (1, 2):
                if hosts != hosts_up:
                    hosts_switch(topology, hosts, urls, options)
                    hosts_up = hosts
                for kind in KINDS:
                    figures = load(
                        topology, urls[kind], ACCEPT[kind], concurrency, options.duration,
                        options.seed, options,
                    )  # fmt: skip
                    results[kind, hosts, concurrency] = figures
                    print(cell_line(kind, hosts, concurrency, figures), flush=True)
        print(
            f"\nN={seeded['curricula']:,} curricula, {seeded['resources']:,} resources; "
            f"{options.duration:g}s a cell; up to {options.queries} distinct URLs a request; "
            f"load generator: up to {options.client_processes} processes"
        )
        report(results, options)
        print(f"Load average (1, 5, 15 min) at the end: {load_average()}")
    except ServiceUnavailable as error:
        print(f"bench/topology.py: {error}", file=sys.stderr)
        return 1
    finally:
        topology.stop()
        if options.keep:
            print(f"Kept {base} (logs in {topology.logs})")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Summarize the storage benchmarks of a JMH JSON result file (StorageReadBenchmark,
StorageQueryBenchmark, StorageWriteBenchmark) as the markdown tables of docs/benchmarks.md.

Figures are medians over measurement iterations, followed by JMH's score (mean) with its 99.9 % error
where JMH gives one. The read and query benchmarks count, per iteration, queries, stored trees merged
and CPU-seconds of the whole benchmark JVM (EVENTS counters: sums per iteration), so per-query figures
are per-iteration ratios, then the median over iterations. "CPU ms/query" depends much less on other
load on a shared machine than wall-clock time does.

usage: summarize_storage.py RESULT.json
"""
import json
import statistics
import sys

RANGES = ["1h", "1d", "7d", "30d", "365d"]


def iterations(metric):
    return [v for fork in metric["rawData"] for v in fork]


def median(metric):
    return statistics.median(iterations(metric))


def fmt(x, digits=1):
    if x >= 1e6:
        return f"{x / 1e6:,.2f} M"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:,.1f}"
    return f"{x:,.{digits}f}"


def cell(metric, digits=2):
    med = median(metric)
    err = metric.get("scoreError")
    if len(iterations(metric)) < 2 or not isinstance(err, (int, float)) or err != err:
        return fmt(med, digits)
    return f"{fmt(med, digits)} ({fmt(metric['score'], digits)} ± {fmt(err, digits)})"


def per_iteration(result, numerator, denominator):
    """Median over iterations of counter numerator / counter denominator."""
    sec = result["secondaryMetrics"]
    pairs = zip(iterations(sec[numerator]), iterations(sec[denominator]))
    values = [n / d for n, d in pairs if d > 0]
    return statistics.median(values) if values else float("nan")


def name(result):
    return result["benchmark"].rsplit(".", 2)[-2:]


def header(results):
    r0 = results[0]
    print(f"JMH {r0['jmhVersion']}, JDK {r0['jdkVersion']} ({r0['vmName']} {r0['vmVersion']})\n")


def iteration_note(r):
    return f"{r['warmupIterations']} × {r['warmupTime']} warm-up, {r['measurementIterations']} × {r['measurementTime']}"


def read_tables(results):
    rows = {}
    for r in results:
        cls, method = name(r)
        if cls == "StorageReadBenchmark":
            rows[(method, r["params"]["range"])] = r
    if not rows:
        return
    methods = [m for m in ("flamestore", "flamestoreTreeOnly", "naive") if any(k[0] == m for k in rows)]
    print("| range | method | ms/query | trees merged per query | CPU ms/query | iterations |")
    print("|---|---|---:|---:|---:|---|")
    for rng in RANGES:
        for m in methods:
            r = rows.get((m, rng))
            if r is None:
                continue
            trees = per_iteration(r, "treesMerged", "queries")
            cpu = per_iteration(r, "cpuSeconds", "queries") * 1000
            print(f"| {rng} | {m} | {cell(r['primaryMetric'])} | {trees:,.0f} | {fmt(cpu, 2)} "
                  f"| {iteration_note(r)} |")
    print()
    print("| method | 365d / 1h (wall, median) | 365d / 1h (CPU) | trees merged 365d / 1h |")
    print("|---|---:|---:|---:|")
    for m in methods:
        a, b = rows.get((m, "1h")), rows.get((m, "365d"))
        if a is None or b is None:
            continue
        wall = median(b["primaryMetric"]) / median(a["primaryMetric"])
        cpu = per_iteration(b, "cpuSeconds", "queries") / per_iteration(a, "cpuSeconds", "queries")
        trees = per_iteration(b, "treesMerged", "queries") / per_iteration(a, "treesMerged", "queries")
        print(f"| {m} | {wall:,.1f} | {cpu:,.1f} | {trees:,.1f} |")
    print()


def query_table(results):
    rows = [r for r in results if name(r)[0] == "StorageQueryBenchmark"]
    if not rows:
        return
    print("| selector | method | ms/query | trees merged per query | CPU ms/query | iterations |")
    print("|---|---|---:|---:|---:|---|")
    for r in sorted(rows, key=lambda r: (r["params"]["hosts"] != "h1.*", name(r)[1])):
        trees = per_iteration(r, "treesMerged", "queries")
        cpu = per_iteration(r, "cpuSeconds", "queries") * 1000
        print(f"| `app.cpu{{host=~\"{r['params']['hosts']}\"}}` | {name(r)[1]} | {cell(r['primaryMetric'])} "
              f"| {trees:,.0f} | {fmt(cpu, 2)} | {iteration_note(r)} |")
    print()


def write_table(results):
    rows = [r for r in results if name(r)[0] == "StorageWriteBenchmark"]
    if not rows:
        return
    print("| method | threads | puts/s | samples/s | puts per CPU-s | cores busy | allocated per put |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in sorted(rows, key=lambda r: r["threads"]):
        sec = r["secondaryMetrics"]
        alloc = sec.get("gc.alloc.rate.norm")
        alloc = "" if alloc is None else f"{alloc['score'] / 1e6:,.2f} MB"
        print(f"| {name(r)[1]} | {r['threads']} | {cell(r['primaryMetric'], 0)} | {cell(sec['samples'], 0)} "
              f"| {fmt(per_iteration(r, 'puts', 'cpuSeconds'))} | {fmt(median(sec['cpuSeconds']), 2)} | {alloc} |")
    print()


def main(path):
    with open(path) as f:
        results = json.load(f)
    if not results:
        sys.exit("no results in " + path)
    header(results)
    read_tables(results)
    query_table(results)
    write_table(results)


if __name__ == "__main__":
    main(sys.argv[1])

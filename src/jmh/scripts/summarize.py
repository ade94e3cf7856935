#!/usr/bin/env python3
"""Summarize a JMH JSON result file (java -jar target/benchmarks.jar ... -rf json -rff FILE) as the
markdown tables of docs/benchmarks.md.

Every figure is given as the median over measurement iterations, followed by JMH's score (mean) with
its 99.9 % error. Besides wall-clock rates, "per CPU-second" rates divide each iteration's counter by
the CPU time the whole benchmark JVM used in that iteration (cpuSeconds counter), which depends far
less on what else runs on a shared machine.

usage: summarize.py RESULT.json
"""
import json
import statistics
import sys

BYTES = {}  # filled from the data: folded or encoded megabytes per operation


def iterations(metric):
    return [v for fork in metric["rawData"] for v in fork]


def median(metric):
    return statistics.median(iterations(metric))


def fmt(x, digits=1):
    if x >= 1e6:
        return f"{x / 1e6:,.2f} M"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def cell(metric, scale=1.0, digits=1):
    """median (mean ± error) of a metric, all multiplied by scale."""
    med = median(metric) * scale
    err = metric.get("scoreError")
    mean = metric["score"] * scale
    if not isinstance(err, (int, float)) or err != err:  # absent, "NaN" or NaN: a single iteration
        return f"{fmt(med, digits)}"
    return f"{fmt(med, digits)} ({fmt(mean, digits)} ± {fmt(err * scale, digits)})"


def per_cpu(result, counter):
    """Median over iterations of counter / cpuSeconds."""
    sec = result["secondaryMetrics"]
    pairs = zip(iterations(sec[counter]), iterations(sec["cpuSeconds"]))
    return statistics.median(c / cpu for c, cpu in pairs if cpu > 0)


def alloc(result):
    m = result["secondaryMetrics"].get("gc.alloc.rate.norm")
    return "" if m is None else f"{m['score'] / 1e6:,.1f} MB"


def key(result):
    name = result["benchmark"].rsplit(".", 2)
    return name[-2], name[-1], ",".join(f"{k}={v}" for k, v in sorted(result.get("params", {}).items()))


def main(path):
    with open(path) as f:
        results = json.load(f)
    if not results:
        sys.exit("no results in " + path)
    r0 = results[0]
    print(f"JMH {r0['jmhVersion']}, JDK {r0['jdkVersion']} ({r0['vmName']} {r0['vmVersion']}), "
          f"forks {r0['forks']}, warmup {r0['warmupIterations']} x {r0['warmupTime']}, "
          f"measurement {r0['measurementIterations']} x {r0['measurementTime']}\n")
    by = {key(r): r for r in results}

    parse = sorted({k[2] for k in by if k[0] == "ParseBenchmark"})
    if parse:
        print("| profile | Flamestore MB/s | async-profiler MB/s | ratio (median) "
              "| Flamestore MB/CPU-s | async-profiler MB/CPU-s | ratio per CPU-s | allocated per parse FS / AP | at least as fast? |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for p in parse:
            fs, ap = by[("ParseBenchmark", "flamestore", p)], by[("ParseBenchmark", "asyncProfiler", p)]
            fs_mb, ap_mb = fs["secondaryMetrics"]["megabytes"], ap["secondaryMetrics"]["megabytes"]
            ratio = median(fs_mb) / median(ap_mb)
            cpu_ratio = per_cpu(fs, "megabytes") / per_cpu(ap, "megabytes")
            verdict = "yes" if ratio >= 1 and cpu_ratio >= 1 else ("no" if ratio < 1 and cpu_ratio < 1 else "mixed")
            print(f"| {p.split('=', 1)[1]} | {cell(fs_mb)} | {cell(ap_mb)} | {ratio:.2f} "
                  f"| {fmt(per_cpu(fs, 'megabytes'))} | {fmt(per_cpu(ap, 'megabytes'))} | {cpu_ratio:.2f} "
                  f"| {alloc(fs) + ' / ' + alloc(ap) if alloc(fs) else 'n/a'} | {verdict} |")
        print()

    for bench, counters in (("CodecBenchmark", ("megabytes", "nodes")), ("MergeBenchmark", ("nodes",))):
        rows = sorted(k for k in by if k[0] == bench)
        if not rows:
            continue
        head = ["params", "operation", "ops/s"] + [f"{c}/s" for c in counters] + [f"{c}/CPU-s" for c in counters] + ["allocated per op"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * 2 + "---:|" * (len(head) - 2))
        for k in rows:
            r = by[k]
            sec = r["secondaryMetrics"]
            cols = [k[2].split("=", 1)[1], k[1], cell(r["primaryMetric"])]
            cols += [cell(sec[c], digits=2) for c in counters]
            cols += [fmt(per_cpu(r, c), 2) for c in counters]
            cols.append(alloc(r))
            print("| " + " | ".join(cols) + " |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])

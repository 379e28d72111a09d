"""Medians of a benchmark run's rounds, and the ratios the targets are stated in."""
import re
import statistics
import sys
from collections import defaultdict

values = defaultdict(lambda: defaultdict(list))
for row in open(sys.argv[1]):
    _, name, line = row.rstrip("\n").split("\t", 2)
    for key, value in re.findall(r"(\w+)=([-\d.]+)", line):
        values[name][key].append(float(value))
    perf = re.search(r"([\d.]+) records/sec .*?([\d.]+) ms avg latency, ([\d.]+) ms max latency.*?"
                     r"([\d.]+) ms 50th, ([\d.]+) ms 95th, ([\d.]+) ms 99th", line)
    if perf:
        for key, value in zip(["records_per_s", "avg_ms", "max_ms", "p50_ms", "p95_ms", "p99_ms"], perf.groups()):
            values[name][key].append(float(value))

def median(name, key):
    series = values[name][key]
    return statistics.median(series) if series else float("nan")

def spread(name, key):
    series = values[name][key]
    return f"{min(series):,.0f}–{max(series):,.0f}" if series else "-"

ceiling = median("producer-perf", "records_per_s")
rounds = max((len(series) for keys in values.values() for series in keys.values()), default=0)
print(f"Medians of {rounds} rounds (range over rounds in brackets)\n")
print("| scenario | events/s | p50 ms | p99 ms | non-202 | service cores | broker cores | vs. producer |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
rows = [("single event, c=64 (wrk)", "single-c64", "rps"),
        ("single event, fixed 2,000/s (open loop)", "fixed-2000", "achieved_rate"),
        ("batches of 100, c=8 (wrk)", "batch-100", "events_per_s"),
        ("NDJSON 1,000 lines, c=4 (wrk)", "ndjson-1000", "events_per_s"),
        ("ProducerPerformance, 300 B, acks=all", "producer-perf", "records_per_s")]
for label, name, key in rows:
    if name not in values:
        continue
    events = median(name, key)
    bad = median(name, "non202") if values[name]["non202"] else median(name, "errors")
    print(f"| {label} | {events:,.0f} ({spread(name, key)}) | {median(name, 'p50_ms'):.2f} | "
          f"{median(name, 'p99_ms'):.2f} | {bad:.0f} | {median(name, 'service_cores'):.2f} | "
          f"{median(name, 'broker_cores'):.2f} | {events / ceiling:.0%} |")

"""Medians of a benchmark run's rounds, and the ratios the targets are stated in.

Each service scenario's ratio to Kafka's ProducerPerformance is taken within a round (the producer ran in the same
round, on the same broker), and the median of those per-round ratios is printed beside the per-round figures.
"""
import re
import statistics
import sys
from collections import defaultdict

values = defaultdict(lambda: defaultdict(list))
by_round = defaultdict(dict)
for row in open(sys.argv[1]):
    round_, name, line = row.rstrip("\n").split("\t", 2)
    found = {}
    for key, value in re.findall(r"(\w+)=([-\d.]+)", line):
        found[key] = float(value)
    perf = re.search(r"([\d.]+) records/sec .*?([\d.]+) ms avg latency, ([\d.]+) ms max latency.*?"
                     r"([\d.]+) ms 50th, ([\d.]+) ms 95th, ([\d.]+) ms 99th", line)
    if perf:
        for key, value in zip(["records_per_s", "avg_ms", "max_ms", "p50_ms", "p95_ms", "p99_ms"], perf.groups()):
            found[key] = float(value)
    for key, value in found.items():
        values[name][key].append(value)
    by_round[int(round_)][name] = found

def median(name, key):
    series = values[name][key]
    return statistics.median(series) if series else float("nan")

def spread(name, key):
    series = values[name][key]
    return f"{min(series):,.0f}–{max(series):,.0f}" if series else "-"

rows = [("single event, c=64 (wrk)", "single-c64", "rps"),
        ("single event, c=16 (wrk)", "single-c16", "rps"),
        ("single event, fixed 2,000/s (open loop)", "fixed-2000", "achieved_rate"),
        ("batches of 100, c=8 (wrk)", "batch-100", "events_per_s"),
        ("NDJSON 1,000 lines, c=4 (wrk)", "ndjson-1000", "events_per_s"),
        ("ProducerPerformance, 300 B, acks=all, idempotent", "producer-perf", "records_per_s")]

def ratios(name, key):
    out = []
    for round_ in sorted(by_round):
        here = by_round[round_]
        if name in here and key in here[name] and "producer-perf" in here and "records_per_s" in here["producer-perf"]:
            out.append(here[name][key] / here["producer-perf"]["records_per_s"])
    return out

rounds = len(by_round)
print(f"Medians of {rounds} rounds (range over rounds in brackets); 'vs. producer' is the median of the per-round "
      "ratios to ProducerPerformance in the same round\n")
print("| scenario | events/s | p50 ms | p99 ms | non-202 | service cores | broker cores | vs. producer |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for label, name, key in rows:
    if name not in values:
        continue
    events = median(name, key)
    bad = median(name, "non202") if values[name]["non202"] else median(name, "errors")
    bad = "-" if bad != bad else f"{bad:.0f}"
    # A fixed rate says nothing about capacity: no ratio for it.
    per_round = ratios(name, key) if name != "fixed-2000" else []
    ratio = f"{statistics.median(per_round):.0%}" if per_round else "-"
    print(f"| {label} | {events:,.0f} ({spread(name, key)}) | {median(name, 'p50_ms'):.2f} | "
          f"{median(name, 'p99_ms'):.2f} | {bad} | {median(name, 'service_cores'):.2f} | "
          f"{median(name, 'broker_cores'):.2f} | {ratio} |")

print("\nPer round (events/s; ratio to ProducerPerformance of the same round; p99 ms for single events)\n")
names = [name for _, name, _ in rows if name in values]
print("| round | " + " | ".join(names) + " |")
print("|---" * (len(names) + 1) + "|")
for round_ in sorted(by_round):
    cells = []
    for label, name, key in rows:
        if name not in values:
            continue
        found = by_round[round_].get(name, {})
        if key not in found:
            cells.append("-")
            continue
        cell = f"{found[key]:,.0f}"
        perf = by_round[round_].get("producer-perf", {}).get("records_per_s")
        if perf and name != "producer-perf" and name != "fixed-2000":
            cell += f" ({found[key] / perf:.0%})"
        if name.startswith("single") or name == "fixed-2000":
            cell += f", p99 {found.get('p99_ms', float('nan')):.1f}"
        cells.append(cell)
    print(f"| {round_} | " + " | ".join(cells) + " |")

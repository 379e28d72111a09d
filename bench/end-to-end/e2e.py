#!/usr/bin/env python3
"""End-to-end latency of a running Tributary suite: a fixed-rate mixed stream into ingest, the warehouse's
tributary_warehouse_end_to_end_seconds histogram read before and after the measured window.

  e2e.py run --ingest URL --warehouse URL --api-key KEY --run-dir DIR --out FILE [--rate 5000] [--batch 50] ...
  e2e.py summarize FILE...          medians over the result files of `run`, per variant

Standard library only. The load is an open loop: request i is due at start + i * batch / rate whether or not
earlier ones were answered, and its latency is measured from when it was due, so a stall of the suite shows up in
full instead of slowing the generator down (coordinated omission).
"""

import argparse
import collections
import http.client
import json
import math
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone

KINDS = (("posts", "/api/v1/social-media"), ("weather", "/api/v1/weather"), ("feedback", "/api/v1/feedback"))
CITIES = ("Berlin", "Paris", "Madrid", "Rome", "Vienna", "Warsaw", "Lisbon", "Dublin", "Oslo", "Prague",
          "Athens", "Zurich", "Amsterdam", "Brussels", "Helsinki", "Budapest", "Copenhagen", "Stockholm",
          "Riga", "Tallinn")
PLATFORMS = ("twitter", "mastodon", "reddit", "instagram")
TEXTS = ("Loving the new headphones, best purchase this year!",
         "Delivery was late again and nobody answered my emails.",
         "Arrived today: great sound, but the left ear cup creaks a little when I turn my head.",
         "The battery barely lasts a day. Disappointed.",
         "Not sure what to think of the update yet.",
         "Support fixed my problem in five minutes, thank you!")
COMMENTS = ("Great sound, fast delivery.", "Broke after a week.", "Okay for the price.", None)


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_batch(kind, size, rng, client_ids=False):
    """A JSON array of `size` events of one kind (make_events)."""
    return json.dumps(make_events(kind, size, rng, client_ids), separators=(",", ":")).encode()


def make_events(kind, size, rng, client_ids=False):
    """`size` events of one kind, as dicts. Without ids ingest assigns them (time-ordered, version 7); with
    `client_ids` each event brings its own random version 4 UUID, as a client that retries safely would."""
    at = now_iso()
    items = []
    for _ in range(size):
        city = rng.choice(CITIES)
        item = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4))} if client_ids else {}
        if kind == "posts":
            item.update({"platform": rng.choice(PLATFORMS), "author": f"author-{rng.randrange(1000)}",
                         "text": rng.choice(TEXTS), "createdAt": at, "lang": "en", "location": city,
                         "productId": f"p-{rng.randrange(50)}"})
        elif kind == "weather":
            item.update({"stationId": f"{city[:3].upper()}-{rng.randrange(5)}", "location": city,
                         "observedAt": at, "temperatureC": round(rng.uniform(-10, 35), 1),
                         "humidityPct": rng.randrange(20, 100), "precipitationMm": round(rng.uniform(0, 3), 1),
                         "windKph": round(rng.uniform(0, 60), 1)})
        else:
            item.update({"customerId": f"c-{rng.randrange(10000)}", "rating": rng.randint(1, 5),
                         "submittedAt": at, "productId": f"p-{rng.randrange(50)}", "location": city,
                         "channel": "web", "comment": rng.choice(COMMENTS)})
        items.append(item)
    return items


# --- Prometheus text format -------------------------------------------------------------------------------------

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def scrape(url):
    """{(metric name, frozenset of labels): value} of one /actuator/prometheus scrape."""
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        if match:
            labels = frozenset(LABEL.findall(match.group(2) or ""))
            samples[(match.group(1), labels)] = float(match.group(3))
    return samples


def series(samples, name, **want):
    """[(labels dict, value)] of one metric whose labels include `want`."""
    found = []
    for (metric, labels), value in samples.items():
        if metric == name:
            labels = dict(labels)
            if all(labels.get(k) == v for k, v in want.items()):
                found.append((labels, value))
    return found


def buckets(samples, topic=None):
    """{upper bound: cumulative count} of the end-to-end histogram, summed over topics unless one is named."""
    result = collections.defaultdict(float)
    for labels, value in series(samples, "tributary_warehouse_end_to_end_seconds_bucket"):
        if topic is None or labels.get("topic") == topic:
            result[math.inf if labels["le"] == "+Inf" else float(labels["le"])] += value
    return result


def stored(samples):
    return sum(v for _, v in series(samples, "tributary_warehouse_events_total", outcome="stored"))


def lag(samples):
    return {labels.get("topic"): v for labels, v in series(samples, "tributary_warehouse_consumer_lag")}


def known(total):
    """A sum of gauges rounded, or None when one of them is NaN (not measured yet)."""
    return None if math.isnan(total) else round(total)


def delta(after, before):
    return {le: after.get(le, 0.0) - before.get(le, 0.0) for le in after}


def quantile(q, cumulative, missing=0.0):
    """histogram_quantile over cumulative bucket counts (linear within a bucket). Events still not stored count
    as slower than anything measured. Returns (value, exact): exact is False when the quantile falls in the +Inf
    bucket or among the missing, and value is then only a lower bound."""
    bounds = sorted(cumulative)
    total = cumulative[math.inf] + missing if bounds else missing
    if total <= 0:
        return None, False
    rank = q * total
    lower, below = 0.0, 0.0
    if rank > cumulative[math.inf]:
        return None, False  # among the events not stored by the end of the drain: no bound to give
    for le in bounds:
        count = cumulative[le]
        if count >= rank:
            if le == math.inf:
                return lower, False  # slower than the largest bucket: only a lower bound
            share = (rank - below) / (count - below) if count > below else 1.0
            return lower + (le - lower) * share, True
        lower, below = le, count
    return lower, False


def share_within(seconds, cumulative, missing=0.0):
    total = cumulative.get(math.inf, 0.0) + missing
    return cumulative.get(seconds, float("nan")) / total if total else float("nan")


# --- CPU per process --------------------------------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def stat_cpu_seconds(path):
    """utime + stime of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat file, NaN if unreadable."""
    try:
        with open(path) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    except (OSError, IndexError, ValueError):
        return float("nan")


def cpu_seconds(pid):
    return stat_cpu_seconds(f"/proc/{pid}/stat")


def jit_cpu_seconds(pid):
    """CPU seconds of the JVM's JIT compiler threads (C1, C2) now alive: what the window still spends compiling.

    A compiler thread that ended in the window takes its time with it, so this is a lower bound."""
    total = 0.0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return float("nan")
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as f:
                compiler = f.read().startswith(("C1 CompilerThre", "C2 CompilerThre"))
        except OSError:
            continue  # the thread ended
        seconds = stat_cpu_seconds(f"/proc/{pid}/task/{task}/stat") if compiler else 0
        if not math.isnan(seconds):
            total += seconds
    return total


def suite_pids(run_dir):
    pids = {}
    for name in ("kafka", "store", "ingest", "sentiment", "warehouse", "alerts"):
        try:
            with open(os.path.join(run_dir, name + ".pid")) as f:
                pids[name] = int(f.read().split()[0])  # "PID" or "PID START-TIME"
        except (OSError, ValueError, IndexError):
            pass
    pids["load"] = os.getpid()
    return pids


def total_cpu_seconds():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # minus idle and iowait
    return busy / TICKS


def gc_pause_seconds(pid):
    """Seconds the JVM has spent in GC pauses so far, None if unreadable: jstat's GCT, which for G1 and Serial is
    stop-the-world time (young, mixed, full, remark and cleanup pauses)."""
    java_home = os.environ.get("JAVA_HOME", "")
    tool = os.path.join(java_home, "bin", "jstat") if java_home else "jstat"
    try:
        out = subprocess.run([tool, "-gc", str(pid)], capture_output=True, text=True, timeout=60).stdout.split("\n")
        row = dict(zip(out[0].split(), out[1].split()))
        return float(row["GCT"])
    except (OSError, subprocess.SubprocessError, IndexError, KeyError, ValueError):
        return None


def jcmd(pid, *args):
    java_home = os.environ.get("JAVA_HOME", "")
    tool = os.path.join(java_home, "bin", "jcmd") if java_home else "jcmd"
    subprocess.run([tool, str(pid), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


# --- the load ---------------------------------------------------------------------------------------------------

CLIENT_REQUESTS = ("kafka_producer_request_total", "kafka_consumer_request_total")


def client_requests(services):
    """{"<service> <producer|consumer>": requests sent to the broker so far} from each service's own client
    metrics (Micrometer's binding of the Kafka clients' request-total), summed over its clients of that kind.
    The broker's CPU follows its requests more than its records (about 0.7 ms of its request threads each,
    BENCHMARKS.md), so this says where its load comes from. A service that cannot be scraped is left out."""
    totals = collections.Counter()
    for service, url in services.items():
        try:
            samples = scrape(url.rstrip("/") + "/actuator/prometheus")
        except OSError:
            continue
        for name in CLIENT_REQUESTS:
            for labels, value in series(samples, name):
                if "node_id" not in labels:  # the per-node series repeats the total
                    totals[f"{service} {name.split('_')[1]}"] += value
    return dict(totals)


class Load:
    """Sends one batch every batch/rate seconds (after a linear ramp from 0 over `ramp` seconds) from a pool of
    keep-alive connections, rotating the three kinds, from start() until stop()."""

    def __init__(self, ingest, api_key, rate, batch, connections, client_ids, ramp=0.0):
        parsed = urllib.parse.urlparse(ingest)
        self.host, self.port = parsed.hostname, parsed.port
        self.api_key = api_key
        self.rate, self.batch = rate, batch
        self.connections = connections
        self.client_ids = client_ids
        self.ramp = ramp
        self.tasks = queue.Queue()
        self.lock = threading.Lock()
        self.latencies = []  # (due, seconds from due to answered, kind, ok)
        self.accepted = collections.Counter()
        self.failures = collections.Counter()

    def worker(self):
        rng = random.Random()
        connection = None
        while True:
            task = self.tasks.get()
            if task is None:
                break
            due, kind, path = task
            body = make_batch(kind, self.batch, rng, self.client_ids)
            ok = False
            for _ in range(2):  # one reconnect if the server closed an idle keep-alive connection
                try:
                    if connection is None:
                        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                    connection.request("POST", path, body, {"Content-Type": "application/json",
                                                            "X-API-Key": self.api_key})
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 202
                    if not ok:
                        with self.lock:
                            self.failures[f"http_{response.status}"] += 1
                    break
                except (OSError, http.client.HTTPException) as ex:
                    if connection is not None:
                        connection.close()
                    connection = None
                    failure = type(ex).__name__
            else:
                with self.lock:
                    self.failures[failure] += 1
            finished = time.monotonic()
            with self.lock:
                self.latencies.append((due, finished - due, kind, ok))
                if ok:
                    self.accepted[kind] += self.batch

    def run(self):
        """Sends until stop() is called; `started` is when the first request was due."""
        workers = [threading.Thread(target=self.worker, daemon=True) for _ in range(self.connections)]
        for w in workers:
            w.start()
        interval = self.batch / self.rate
        ramped = self.ramp * self.rate / 2 / self.batch  # requests sent while the rate climbs from 0
        start = self.started
        i = 0
        while True:
            # A linear ramp from 0 to the rate over `ramp` seconds, then the rate itself.
            if i < ramped:
                due = start + math.sqrt(2 * self.ramp * i * interval)
            else:
                due = start + self.ramp + (i - ramped) * interval
            self._sleep_until(due)
            if due >= self.stop_at:
                break
            kind, path = KINDS[i % len(KINDS)]
            self.tasks.put((due, kind, path))
            i += 1
        for _ in workers:
            self.tasks.put(None)
        for w in workers:
            w.join(timeout=60)

    def start(self):
        self.started = time.monotonic() + 0.05
        self.stop_at = math.inf
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def stop(self):
        self.stop_at = time.monotonic()
        self.thread.join()

    @staticmethod
    def _sleep_until(t):
        while (wait := t - time.monotonic()) > 0:
            time.sleep(min(wait, 0.05))


def run(args):
    metrics = args.warehouse.rstrip("/") + "/actuator/prometheus"
    services = dict(item.split("=", 1) for item in args.services.split(",") if item) if args.services else {}
    load = Load(args.ingest, args.api_key, args.rate, args.batch, args.connections, args.client_ids, args.ramp)
    pids = suite_pids(args.run_dir)
    jvms = [n for n in pids if n != "load"]  # profiled with --jfr-dir
    snapshots = {}

    def measure():
        return {"time": time.monotonic(), "samples": scrape(metrics), "cpu": {n: cpu_seconds(p) for n, p in pids.items()}}

    def snapshot(name):
        snapshots[name] = measure() | {"machine": total_cpu_seconds(), "loadavg": os.getloadavg()[0],
                                       "requests": client_requests(services),
                                       "gc": {n: gc_pause_seconds(pids[n]) for n in jvms if n in pids},
                                       "jit": {n: jit_cpu_seconds(pids[n]) for n in jvms if n in pids}}
        if name == "start" and args.jfr_dir:
            for n in jvms:
                if n in pids:
                    jcmd(pids[n], "JFR.start", "name=e2e", "settings=profile")
        if name == "end" and args.jfr_dir:
            for n in jvms:
                if n in pids:
                    jcmd(pids[n], "JFR.dump", "name=e2e", f"filename={args.jfr_dir}/{n}.jfr")
                    jcmd(pids[n], "JFR.stop", "name=e2e")

    # Every 10 s: records stored per second, lag and each JVM's cores since the last point, to see the warm-up.
    timeline = []
    last = measure()

    def point():
        now = measure()
        span = now["time"] - last["time"]
        timeline.append({"t": round(now["time"] - load.started, 1),
                         "stored_per_s": round((stored(now["samples"]) - stored(last["samples"])) / span),
                         # None while the warehouse has not measured its lag yet (NaN)
                         "lag": known(sum(lag(now["samples"]).values())),
                         "cores": {n: round((now["cpu"][n] - last["cpu"][n]) / span, 2) for n in pids}})
        print("t=%5.1fs stored/s=%6d lag=%8s %s" % (timeline[-1]["t"], timeline[-1]["stored_per_s"],
              timeline[-1]["lag"], " ".join(f"{n}={c}" for n, c in timeline[-1]["cores"].items())), flush=True)
        last.update(now)
        return timeline[-1]

    def wait_until(t, until=None):
        """Sleeps until t (seconds from the load's start), a timeline point every 10 s; stops early once
        until(point) is true."""
        while time.monotonic() < load.started + t:
            due = load.started + (math.floor((time.monotonic() - load.started) / 10) + 1) * 10
            if due > load.started + t:
                Load._sleep_until(load.started + t)
                break
            Load._sleep_until(due)
            p = point()
            if until is not None and until(p):
                return True
        return until is None

    started_at = now_iso()
    before_load = scrape(metrics)
    load.start()
    wait_until(args.warmup)
    # Settle: the window starts once the cold start's backlog is stored (lag under one second of records), or
    # after at most `settle` more seconds, whichever comes first, so that it measures the steady state if there
    # is one, and shows the backlog if there is none.
    records_per_s = args.rate * 4 / 3  # every post also brings its sentiment
    settled = (wait_until(args.warmup + args.settle, lambda p: p["lag"] is not None and p["lag"] <= records_per_s)
               if args.settle else None)
    settled_after = time.monotonic() - load.started
    snapshot("start")
    wait_until(settled_after + args.duration)
    snapshot("end")
    load.stop()
    # Drain: wait (bounded) until the warehouse stored every accepted event and each post's sentiment.
    expected = stored(before_load) + sum(load.accepted.values()) + load.accepted["posts"]
    deadline = time.monotonic() + args.drain
    while True:
        after = scrape(metrics)
        if stored(after) >= expected or time.monotonic() >= deadline:
            break
        time.sleep(0.5)
    drained_after = time.monotonic() - snapshots["end"]["time"]
    time.sleep(max(0.0, args.lag_settle))  # one more lag measurement after the last commit
    final = scrape(metrics)

    start, end = snapshots["start"], snapshots["end"]
    window = end["time"] - start["time"]
    missing = max(0.0, expected - stored(after))
    total = delta(buckets(after), buckets(start["samples"]))
    result = {
        "variant": args.variant, "started": started_at, "rate": args.rate, "batch": args.batch,
        "warmup_s": args.warmup, "window_s": round(window, 1),
        "settled": settled, "window_started_after_s": round(settled_after, 1),
        "accepted_events": dict(load.accepted), "failed_requests": dict(load.failures),
        "measured_events": int(total.get(math.inf, 0)), "not_stored_after_drain": int(missing),
        "drain_s": round(drained_after, 1),
        "stored_per_s_in_window": round((stored(end["samples"]) - stored(start["samples"])) / window),
        "lag_at_end": lag(end["samples"]), "lag_after_drain": lag(final),
        "loadavg_1m_start": round(start["loadavg"], 2), "loadavg_1m_end": round(end["loadavg"], 2),
        "machine_cores_busy": round((end["machine"] - start["machine"]) / window, 2),
        "cores": {n: round((end["cpu"][n] - start["cpu"][n]) / window, 2) for n in pids},
        # Stop-the-world GC pauses of each JVM in the window (seconds), None where jstat could not read it.
        "gc_pause_s": {n: (None if start["gc"].get(n) is None or end["gc"].get(n) is None
                           else round(end["gc"][n] - start["gc"][n], 2)) for n in jvms},
        # Of each JVM's cores, its JIT compiler threads' (still compiling after the warm-up), at least.
        "jit_cores": {n: round((end["jit"][n] - start["jit"][n]) / window, 3) for n in jvms if n in end["jit"]},
        "timeline": timeline,
        # Requests each service's Kafka clients sent the broker per second in the window (producers include the
        # transactions' requests; consumers their fetches, heartbeats and commits).
        "client_requests_per_s": {k: round((end["requests"][k] - start["requests"].get(k, 0)) / window, 1)
                                  for k in sorted(end["requests"])},
    }
    for q in (0.5, 0.99):
        value, exact = quantile(q, total, missing)
        result[f"p{int(q * 100)}_s"] = None if value is None else round(value, 3)
        result[f"p{int(q * 100)}_exact"] = exact
    result["share_under_1s"] = round(share_within(1.0, total, missing), 4)
    result["per_topic"] = {}
    for labels, _ in series(after, "tributary_warehouse_end_to_end_seconds_count"):
        topic = labels["topic"]
        per = delta(buckets(after, topic), buckets(start["samples"], topic))
        p50, _ = quantile(0.5, per)
        p99, exact = quantile(0.99, per)
        result["per_topic"][topic] = {"events": int(per.get(math.inf, 0)), "p50_s": rounded(p50),
                                      "p99_s": rounded(p99), "p99_exact": exact,
                                      "under_1s": round(share_within(1.0, per), 4)}
    answered = [(due + l) for due, l, _, ok in load.latencies if ok]
    result["ingest_accepted_per_s_in_window"] = round(
        sum(1 for t in answered if start["time"] <= t < end["time"]) * args.batch / window)
    in_window = sorted(l for due, l, _, _ in load.latencies if start["time"] <= due < end["time"])
    if in_window:
        result["ingest_http_p50_ms"] = round(in_window[len(in_window) // 2] * 1000, 1)
        result["ingest_http_p99_ms"] = round(in_window[min(len(in_window) - 1, int(0.99 * len(in_window)))] * 1000, 1)
    # Issue 15's measure: CPU of every suite process (not the load generator) per event accepted in the window.
    suite_cores = sum(c for n, c in result["cores"].items() if n != "load")
    if result["ingest_accepted_per_s_in_window"]:
        result["suite_cpu_us_per_event"] = round(suite_cores / result["ingest_accepted_per_s_in_window"] * 1e6)
        jit_cores = sum(c for c in result["jit_cores"].values() if not math.isnan(c))
        result["suite_jit_us_per_event"] = round(jit_cores / result["ingest_accepted_per_s_in_window"] * 1e6)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
    print(line(result))


def rounded(value):
    return None if value is None else round(value, 3)


def shown(value, exact):
    """A quantile for people: None means it lies among events never stored (a backlog), inexact a lower bound."""
    if value is None:
        return "backlog"
    return ("" if exact else "> ") + f"{value:.3f}"


def line(r):
    p99 = shown(r["p99_s"], r["p99_exact"])
    p50 = shown(r["p50_s"], r["p50_exact"])
    cores = " ".join(f"{n}={c:.2f}" for n, c in r["cores"].items())
    return (f"variant={r['variant']} window_after_s={r.get('window_started_after_s')} settled={r.get('settled')} "
            f"p50_s={p50} p99_s={p99} under_1s={r['share_under_1s']:.2%} "
            f"events={r['measured_events']} not_stored={r['not_stored_after_drain']} "
            f"stored_per_s={r['stored_per_s_in_window']} lag_end={sum(r['lag_at_end'].values()):.0f} "
            f"lag_drained={sum(r['lag_after_drain'].values()):.0f} drain_s={r['drain_s']} "
            f"ingest_p99_ms={r.get('ingest_http_p99_ms')} ingest_per_s={r.get('ingest_accepted_per_s_in_window')} failed={sum(r['failed_requests'].values())} "
            f"load1={r['loadavg_1m_end']} busy_cores={r['machine_cores_busy']} "
            f"suite_cpu_us_per_event={r.get('suite_cpu_us_per_event')} of_which_jit={r.get('suite_jit_us_per_event')} "
            f"gc_pause_s={r.get('gc_pause_s')} cores[{cores}] jit_cores={r.get('jit_cores')} "
            f"client_requests_per_s={r.get('client_requests_per_s')}")


def summarize(files):
    runs = collections.defaultdict(list)
    for name in files:
        with open(name) as f:
            r = json.load(f)
        runs[r["variant"]].append(r)
    print("| variant | runs | window from s (settled) | p50 s | p99 s | share < 1 s | accepted/s in window | stored/s in window | lag at end | not stored after drain "
          "| ingest HTTP p99 ms | load avg | busy cores | suite CPU µs per event | of which JIT compiling | store GC pauses s | cores by process (median) "
          "| clients' requests to the broker per s (median) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for variant, rs in runs.items():
        med = lambda key: statistics.median(r[key] for r in rs)  # noqa: E731
        slowest_first = lambda key: (lambda r: math.inf if r[key] is None else r[key])  # noqa: E731
        # The upper middle run for an even count: the slower of the two, not an average of quantiles.
        by_p50 = sorted(rs, key=slowest_first("p50_s"))[len(rs) // 2]
        by_p99 = sorted(rs, key=slowest_first("p99_s"))[len(rs) // 2]
        p50 = shown(by_p50["p50_s"], by_p50["p50_exact"])
        p99 = shown(by_p99["p99_s"], by_p99["p99_exact"])
        each = ", ".join(shown(r["p99_s"], r["p99_exact"]) for r in rs)
        cores = ", ".join(f"{n} {statistics.median(r['cores'][n] for r in rs):.2f}" for n in rs[0]["cores"])
        # Results written before the JIT share was measured have none.
        jits = [r["suite_jit_us_per_event"] for r in rs if r.get("suite_jit_us_per_event") is not None]
        jit = f"{statistics.median(jits):,.0f}" if len(jits) == len(rs) else "n/a"
        store_gc = [r.get("gc_pause_s", {}).get("store") for r in rs]
        store_gc = "n/a" if None in store_gc else f"{statistics.median(store_gc):.1f}"
        # Results written before the clients' requests were measured have none.
        clients = sorted({k for r in rs for k in r.get("client_requests_per_s", {})})
        requests = ", ".join(f"{k} {statistics.median(r.get('client_requests_per_s', {}).get(k, 0) for r in rs):.0f}"
                             for k in clients) or "n/a"
        window = ", ".join(f"{r.get('window_started_after_s')} ({ {True: 'yes', False: 'no'}.get(r.get('settled'), 'not waited') })" for r in rs)
        print(f"| {variant} | {len(rs)} | {window} | {p50} | {p99} ({each}) "
              f"| {med('share_under_1s'):.1%} | {med('ingest_accepted_per_s_in_window'):,.0f} "
              f"| {med('stored_per_s_in_window'):,.0f} "
              f"| {statistics.median(sum(r['lag_at_end'].values()) for r in rs):,.0f} "
              f"| {statistics.median(r['not_stored_after_drain'] for r in rs):,.0f} "
              f"| {statistics.median(r.get('ingest_http_p99_ms', float('nan')) for r in rs):,.0f} "
              f"| {med('loadavg_1m_end'):.1f} | {med('machine_cores_busy'):.2f} "
              f"| {statistics.median(r.get('suite_cpu_us_per_event', float('nan')) for r in rs):,.0f} "
              f"| {jit} | {store_gc} | {cores} | {requests} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    r = commands.add_parser("run")
    r.add_argument("--ingest", required=True)
    r.add_argument("--warehouse", required=True)
    r.add_argument("--services", default="",
                   help="name=url,... of the services whose Kafka clients' requests are counted")
    r.add_argument("--api-key", required=True)
    r.add_argument("--run-dir", required=True, help="the suite's run folder with the *.pid files")
    r.add_argument("--out", required=True)
    r.add_argument("--variant", default="default")
    r.add_argument("--rate", type=float, default=5000)
    r.add_argument("--batch", type=int, default=50)
    r.add_argument("--connections", type=int, default=16)
    r.add_argument("--client-ids", action="store_true", help="events bring random ids instead of ingest's")
    r.add_argument("--warmup", type=float, default=15)
    r.add_argument("--ramp", type=float, default=0, help="seconds of the warm-up in which the rate climbs from 0")
    r.add_argument("--settle", type=float, default=0,
                   help="after the warm-up, seconds to wait at most for the lag to fall under one second of records")
    r.add_argument("--duration", type=float, default=60)
    r.add_argument("--drain", type=float, default=45, help="seconds to wait at most for the backlog to be stored")
    r.add_argument("--lag-settle", type=float, default=2)
    r.add_argument("--jfr-dir", default="")
    s = commands.add_parser("summarize")
    s.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    else:
        summarize(args.files)


if __name__ == "__main__":
    sys.exit(main())

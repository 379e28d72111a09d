#!/usr/bin/env python3
"""Fault injection against a whole Tributary suite: does every event that got a 2xx end up stored exactly once, and
does nothing anyone writes stop the flow? (RELIABILITY.md)

  faults.py --out DIR [--scenarios kill-store,kill-warehouse,...] [--rate 400] ...

For each scenario: a fresh suite (`./tributary up --detach`, free ports, its own data folder), a fixed-rate mixed load
through ingest (posts, weather, feedback; single events, JSON arrays and NDJSON; ids from ingest and from the
client), one fault, the load continued for a while after the suite is healthy again, a bounded drain, then the
checks: every acknowledged event in the store exactly once, every acknowledged post scored exactly once, every
aggregate equal to what this script computes from what it sent and what was scored, every alert the rules raise from
those events on weather_alerts exactly once with the values this script computes and in the store (the suite runs
with short windows and low thresholds, alert_rules, so that windows close and alerts are many during a scenario), no
consumer lag left, every poison record in a dead-letter topic, every request answered (503 at worst) within 5 s. Exit
status 1 when any row fails.

Needs Debian's python3-kafka, python3-snappy (the services' records are snappy-compressed), python3-pymongo and kcat (reliability/run.sh picks an interpreter that has them).
"""

import argparse
import collections
import http.client
import json
import os
import random
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ left in bench/end-to-end/
sys.path.insert(0, os.path.join(ROOT, "bench", "end-to-end"))
import e2e  # noqa: E402  the load's events, Prometheus scraping: shared with the end-to-end benchmark

import pymongo  # noqa: E402
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition  # noqa: E402

TOPICS = {"posts": "social_media", "weather": "weather_data", "feedback": "customer_feedback"}
SENTIMENT = "customer_sentiment"
ALERTS = "weather_alerts"
ALERTS_GROUP = "tributary-alerts"  # the alerts-service's Streams application id: its group and dead letters' group
SOURCE_TOPICS = ("social_media", "weather_data", "customer_feedback", SENTIMENT, ALERTS)
# Who reads what: each poison record must reach a dead-letter topic from every group that consumes its topic.
CONSUMERS = {"social_media": ("warehouse", "sentiment"), "weather_data": ("warehouse", ALERTS_GROUP),
             "customer_feedback": ("warehouse",), SENTIMENT: ("warehouse", ALERTS_GROUP), ALERTS: ("warehouse",)}
NAMES = ("kafka", "store", "ingest", "sentiment", "warehouse", "alerts")
# The alert rules the suite runs with here: windows that close within a scenario and thresholds that the load's
# events cross often (with the defaults, 3 h and 15 min windows, no window would close). Every located window with
# an event raises a heat-wave alert, every window with a negative post a sentiment-drop alert, every reading at or
# above 30 °C a high-temperature alert. The grace is longer than a killed alerts-service takes to come back, so
# that no record of the load is late; a scenario that pauses a service for longer gets that much more grace
# (grace_s): a record that reaches its window after the grace is left out by design, and the harness checks the
# suite within its rules.
WINDOW_S, GRACE_S = 10, 30
HIGH_TEMPERATURE_C = 30.0


def alert_rules(grace_seconds):
    """The suite's alert rules here (above), with this grace for both kinds of window."""
    return {"TRIBUTARY_ALERTS_HIGH_TEMPERATURE_THRESHOLD_C": str(HIGH_TEMPERATURE_C),
            "TRIBUTARY_ALERTS_HEAT_WAVE_THRESHOLD_C": "-1000", "TRIBUTARY_ALERTS_HEAT_WAVE_MIN_READINGS": "1",
            "TRIBUTARY_ALERTS_HEAT_WAVE_WINDOW": f"{WINDOW_S}s",
            "TRIBUTARY_ALERTS_HEAT_WAVE_GRACE": f"{grace_seconds:.0f}s",
            "TRIBUTARY_ALERTS_SENTIMENT_DROP_THRESHOLD": "0", "TRIBUTARY_ALERTS_SENTIMENT_DROP_MIN_POSTS": "1",
            "TRIBUTARY_ALERTS_SENTIMENT_DROP_WINDOW": f"{WINDOW_S}s",
            "TRIBUTARY_ALERTS_SENTIMENT_DROP_GRACE": f"{grace_seconds:.0f}s"}


SLOW_S = 5.0  # an answer slower than this counts against the row, whatever its status
POISON_LOCATION, POISON_PRODUCT = "poison-city", "poison-product"

SCENARIOS = {
    "kill-kafka": "kill -9 of the Kafka broker",
    "kill-store": "kill -9 of the embedded store",
    "kill-ingest": "kill -9 of ingest-service",
    "kill-sentiment": "kill -9 of sentiment-service",
    "kill-warehouse": "kill -9 of warehouse-service",
    "kill-alerts": "kill -9 of alerts-service",
    "pause-kafka": "the Kafka broker paused (SIGSTOP) for PAUSE s, then SIGCONT",
    "pause-store": "the embedded store paused (SIGSTOP) for PAUSE s, then SIGCONT",
    # A service stopped longer than its group session (45 s): the group drops it while it is stopped, so that when
    # it resumes its offset commits (the transactional ones of the sentiment-service and the alerts-service too)
    # carry an old generation and are refused, and the transaction they belonged to is aborted. It must notice,
    # rejoin and redo exactly what was not committed, as a process that really was replaced would.
    "pause-sentiment": "sentiment-service paused (SIGSTOP) for SERVICE_PAUSE s, past its group session, then SIGCONT",
    "pause-warehouse": "warehouse-service paused (SIGSTOP) for SERVICE_PAUSE s, past its group session, then SIGCONT",
    "pause-alerts": "alerts-service paused (SIGSTOP) for SERVICE_PAUSE s, past its group session, then SIGCONT",
    "poison": "poison records on every partition of every topic, written with kafka-python",
}


SERVICES_PAUSED = ("pause-sentiment", "pause-warehouse", "pause-alerts")


# What a client logs when the group or the transaction coordinator has moved on without it.
FENCING = re.compile(r"UNKNOWN_MEMBER_ID|FENCED_INSTANCE_ID|ILLEGAL_GENERATION|[A-Za-z]*Fenced[A-Za-z]*Exception"
                     r"|InvalidProducerEpoch[A-Za-z]*|CommitFailedException|TaskMigratedException"
                     r"|TRANSACTION_ABORTABLE|session timeout|rejoin", re.IGNORECASE)


def fencing_evidence(log_file, offset):
    """How often each sign of fencing appears in what a service logged after offset: that the pause did what it
    is for (the group and the coordinator moved on), rather than a pause nobody noticed."""
    try:
        with open(log_file, "rb") as f:
            f.seek(offset)
            text = f.read().decode("utf-8", "replace")
    except OSError as ex:
        return f"unreadable ({ex})"
    counts = collections.Counter(m.group(0).lower() for m in FENCING.finditer(text))
    return ", ".join(f"{sign} ×{n}" for sign, n in counts.most_common())


def grace_s(name, args):
    """The alert windows' grace in this scenario: longer than its outage, so that no record is late by design."""
    return GRACE_S + (args.service_pause if name in SERVICES_PAUSED else 0)


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def hour_of(text):
    return parse_instant(text).replace(minute=0, second=0, microsecond=0)


# --- the suite --------------------------------------------------------------------------------------------------

class Suite:
    """One suite started by ./tributary on free ports under its own data folder."""

    def __init__(self, data_dir, java_home, grace):
        self.data_dir = data_dir
        self.ports = {"kafka": free_port(), "controller": free_port(), "store": free_port(),
                      "ingest": free_port(), "sentiment": free_port(), "warehouse": free_port(),
                      "alerts": free_port()}
        self.key = "faults-" + uuid.uuid4().hex
        self.env = dict(os.environ, TRIBUTARY_DATA_DIR=data_dir, TRIBUTARY_SECURITY_API_KEYS=self.key,
                        TRIBUTARY_KAFKA_PORT=str(self.ports["kafka"]),
                        TRIBUTARY_KAFKA_CONTROLLER_PORT=str(self.ports["controller"]),
                        TRIBUTARY_STORE_PORT=str(self.ports["store"]),
                        TRIBUTARY_INGEST_PORT=str(self.ports["ingest"]),
                        TRIBUTARY_SENTIMENT_PORT=str(self.ports["sentiment"]),
                        TRIBUTARY_WAREHOUSE_PORT=str(self.ports["warehouse"]),
                        TRIBUTARY_ALERTS_PORT=str(self.ports["alerts"]),
                        # The warehouse measures its lag every 15 s by default: too coarse to time a recovery.
                        TRIBUTARY_WAREHOUSE_CONSUMER_LAGINTERVAL="1s", **alert_rules(grace))
        if java_home:
            self.env["TRIBUTARY_JAVA_HOME"] = java_home
        self.bootstrap = f"127.0.0.1:{self.ports['kafka']}"
        self.mongo_uri = f"mongodb://127.0.0.1:{self.ports['store']}/tributary"

    def url(self, name):
        return f"http://127.0.0.1:{self.ports[name]}"

    def tributary(self, *args, timeout=300):
        with open(os.path.join(self.data_dir, "tributary.log"), "a") as out:
            out.write(f"\n$ ./tributary {' '.join(args)}  ({time.strftime('%H:%M:%S')})\n")
            out.flush()
            return subprocess.run([os.path.join(ROOT, "tributary"), *args], env=self.env, stdout=out,
                                  stderr=subprocess.STDOUT, timeout=timeout).returncode

    def up(self):
        os.makedirs(self.data_dir, exist_ok=True)
        # Longer than the script's own bound (START_TIMEOUT, 300 s), so that a start that hangs fails in the script,
        # which appends a thread dump of what is not healthy to its log, rather than in this timeout.
        return self.tributary("up", "--detach", timeout=360) == 0

    def down(self):
        try:
            self.tributary("down", timeout=120)
        except subprocess.TimeoutExpired:
            pass

    def pid(self, name):
        """The live pid ./tributary keeps for a process, or None."""
        try:
            with open(os.path.join(self.data_dir, "run", name + ".pid")) as f:
                pid = int(f.read().split()[0])  # "PID" or, with supervision, "PID START-TIME"
            os.kill(pid, 0)
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return None
            return pid
        except (OSError, ValueError, IndexError):
            return None

    def port_open(self, name):
        try:
            with socket.create_connection(("127.0.0.1", self.ports[name]), timeout=1):
                return True
        except OSError:
            return False

    def healthy(self, name):
        if name in ("kafka", "store"):
            return self.pid(name) is not None and self.port_open(name)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.ports[name], timeout=2)
            connection.request("GET", "/actuator/health")
            response = connection.getresponse()
            body = response.read().decode(errors="replace")
            connection.close()
            return response.status == 200 and '"status":"UP"' in body and '"DOWN"' not in body
        except (OSError, http.client.HTTPException):
            return False

    def all_healthy(self):
        return all(self.healthy(name) for name in NAMES)


# --- the load ---------------------------------------------------------------------------------------------------

class Load:
    """An open-loop mixed load: requests due at a fixed rate (events/s averaged over the mix), each kind in turn, as
    a single event, a JSON array or NDJSON of `batch` events, with ids from ingest or from the client. Every request
    is recorded: when it was sent, its latency, its status or error, and the events the answer says were accepted."""

    def __init__(self, url, api_key, rate, batch, workers=48, seed=None):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port, self.api_key = parsed.hostname, parsed.port, api_key
        self.rate, self.batch, self.workers = rate, batch, workers
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.requests = []  # dicts: t (sent, monotonic), latency, status, error, kind, events, accepted
        self.accepted = []  # (topic, id, event dict)
        self.pending = collections.deque()
        self.inflight = {}  # token: when sent, for the requests not answered yet
        self.ready = threading.Semaphore(0)
        self.stopping = False

    def plan(self, i):
        kind = ("posts", "weather", "feedback")[i % 3]
        shape = ("single", "array", "ndjson")[(i // 3) % 3]
        client_ids = (i // 9) % 2 == 1
        return kind, shape, client_ids

    def send(self, connection, kind, shape, client_ids, rng):
        size = 1 if shape == "single" else self.batch
        events = e2e.make_events(kind, size, rng, client_ids)
        if shape == "single":
            body, content_type = json.dumps(events[0]), "application/json"
        elif shape == "array":
            body, content_type = json.dumps(events), "application/json"
        else:
            body, content_type = "\n".join(json.dumps(e) for e in events) + "\n", "application/x-ndjson"
        path = dict(e2e.KINDS)[kind]
        record = {"kind": kind, "shape": shape, "events": size, "status": None, "error": None, "accepted": 0}
        sent = time.monotonic()
        record["t"] = sent
        token = object()
        with self.lock:
            self.inflight[token] = sent
        try:
            connection.request("POST", path, body.encode(), {"Content-Type": content_type, "X-API-Key": self.api_key})
            response = connection.getresponse()
            payload = response.read()
            record["status"] = response.status
        except (OSError, http.client.HTTPException) as ex:
            record["error"] = type(ex).__name__
            record["latency"] = time.monotonic() - sent
            return record, False
        finally:
            with self.lock:
                del self.inflight[token]
        record["latency"] = time.monotonic() - sent
        accepted = []
        if response.status in (202, 207):
            answer = json.loads(payload)
            if shape == "single":
                accepted.append((TOPICS[kind], answer["id"], events[0]))
            else:
                for item in answer["items"]:
                    if "problem" not in item and item.get("partition") is not None:
                        accepted.append((TOPICS[kind], item["id"], events[item["index"]]))
        record["accepted"] = len(accepted)
        with self.lock:
            self.accepted.extend(accepted)
        return record, True

    def worker(self, seed):
        rng = random.Random(seed)
        connection = None
        while True:
            self.ready.acquire()
            task = self.pending.popleft()
            if task is None:
                break
            if connection is None:
                connection = http.client.HTTPConnection(self.host, self.port, timeout=15)
            record, keep = self.send(connection, *task, rng)
            if not keep or record["status"] == 503:
                connection.close()  # a fresh connection after a failure, as a careful client would
                connection = None
            with self.lock:
                self.requests.append(record)

    def run(self):
        threads = [threading.Thread(target=self.worker, args=(self.rng.random(),), daemon=True)
                   for _ in range(self.workers)]
        for t in threads:
            t.start()
        mean_events = (1 + 2 * self.batch) / 3
        interval = mean_events / self.rate
        i = 0
        while not self.stopping:
            due = self.started + i * interval
            while (wait := due - time.monotonic()) > 0 and not self.stopping:
                time.sleep(min(wait, 0.05))
            if self.stopping:
                break
            self.pending.append(self.plan(i))
            self.ready.release()
            i += 1
        for _ in threads:
            self.pending.append(None)
            self.ready.release()
        for t in threads:
            t.join(timeout=30)

    def prompt(self, window=3.0, bound=1.0):
        """Whether the suite answers promptly now: at least ten requests sent in the `window` seconds before the
        last `bound` seconds, every one answered 202/207 within `bound`, and none in flight for longer than that."""
        now = time.monotonic()
        with self.lock:
            if any(now - sent > bound for sent in self.inflight.values()):
                return False
            recent = [r for r in self.requests if now - bound - window <= r["t"] <= now - bound]
        return len(recent) >= 10 and all(r["latency"] <= bound and r["status"] in (202, 207) for r in recent)

    def start(self):
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def stop(self):
        self.stopping = True
        self.thread.join()


# --- watching the suite -----------------------------------------------------------------------------------------

class Monitor:
    """Samples every second: which processes run (their pids), whether each is healthy, the warehouse's lag."""

    def __init__(self, suite):
        self.suite = suite
        self.samples = []  # (monotonic, {name: pid}, {name: healthy}, warehouse lag or None)
        self.stopping = False

    def run(self):
        metrics = self.suite.url("warehouse") + "/actuator/prometheus"
        while not self.stopping:
            t = time.monotonic()
            pids = {n: self.suite.pid(n) for n in NAMES}
            health = {n: self.suite.healthy(n) for n in NAMES}
            try:
                lag = sum(e2e.lag(e2e.scrape(metrics)).values()) if health["warehouse"] else None
            except Exception:  # noqa: BLE001  a warehouse that cannot answer has no lag to report
                lag = None
            self.samples.append((t, pids, health, lag))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - t)))

    def start(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def stop(self):
        self.stopping = True
        self.thread.join()

    def first(self, after, predicate):
        for t, pids, health, lag in list(self.samples):
            if t >= after and predicate(pids, health, lag):
                return t
        return None


# --- faults -----------------------------------------------------------------------------------------------------

def poison_values(topic, n):
    """The poison records for one partition: none of them is a valid event of any topic."""
    at = "+300000000-01-01T00:00:00Z"
    base = {"id": f"poison-{topic}-{n}-instant", "location": POISON_LOCATION, "productId": POISON_PRODUCT}
    extreme = dict(base)
    if topic == "social_media":
        extreme.update(platform="poison", author="poison", text="Extreme instant, great product!", createdAt=at)
    elif topic == "weather_data":
        extreme.update(stationId="POISON-1", observedAt=at, temperatureC=20.0)
    elif topic == "customer_feedback":
        extreme.update(customerId="c-poison", rating=5, submittedAt=at)
    elif topic == ALERTS:
        extreme.update({"kind": "heat-wave", "from": at, "to": at, "value": 40.0, "threshold": 32.0, "count": 3,
                        "sourceId": None, "raisedAt": at})
    else:
        extreme.update(postId=extreme["id"], platform="poison", author="poison", createdAt=at, ingestedAt=at,
                       analyzedAt=at, compound=0.5, positive=0.5, neutral=0.5, negative=0.0, label="positive",
                       engineVersion="poison")
    deep = "[" * 20000 + "]" * 20000
    huge = "x" * 700_000  # under the broker's 1 MB limit: it must reach the consumers
    return [
        ("non-json", b"\x00\x01 this is not JSON {"),
        ("wrong-shape-array", b"[1,2,3]"),
        ("wrong-shape-object", json.dumps({"id": f"poison-{topic}-{n}-shape", "text": [], "rating": "five",
                                           "createdAt": 17, "location": POISON_LOCATION}).encode()),
        ("extreme-instant", json.dumps(extreme).encode()),
        ("huge-string", json.dumps(dict(base, id=f"poison-{topic}-{n}-huge", text=huge, author="poison")).encode()),
        ("deep-nesting", ('{"id":"poison-%s-%d-deep","location":"%s","nested":%s}'
                          % (topic, n, POISON_LOCATION, deep)).encode()),
        ("invalid-utf8", b'{"id":"poison-' + topic.encode() + b'-%d-utf8","text":"\xff\xfe\xc3\x28 bad","author":"\xed\xa0\x80"}' % n),
        ("empty", b""),
    ]


def write_poison(suite):
    """Writes each poison value once to every partition of every topic; returns [(topic, partition, offset, kind)]."""
    # Generous timeouts: on a busy machine a broker under load takes longer than kafka-python's 30 s default.
    producer = KafkaProducer(bootstrap_servers=suite.bootstrap, max_request_size=2_000_000, acks="all",
                             request_timeout_ms=120_000, retries=5, max_in_flight_requests_per_connection=1)
    futures = []
    for topic in SOURCE_TOPICS:
        for partition in sorted(producer.partitions_for(topic)):
            for kind, value in poison_values(topic, partition):
                key = f"poison-{kind}".encode() if partition % 2 else None
                futures.append((topic, kind, producer.send(topic, value=value, key=key, partition=partition)))
    producer.flush(180)
    written = []
    for topic, kind, future in futures:
        metadata = future.get(timeout=180)
        written.append((topic, metadata.partition, metadata.offset, kind))
    producer.close()
    return written


def dead_letters(suite):
    """{(original topic, partition, offset): set of consumer groups} of every record in a dead-letter topic."""
    consumer = KafkaConsumer(bootstrap_servers=suite.bootstrap, enable_auto_commit=False, consumer_timeout_ms=3000,
                             auto_offset_reset="earliest", fetch_max_bytes=5_000_000,
                             max_partition_fetch_bytes=5_000_000)
    dlts = [t for t in consumer.topics() if t.lower().endswith("dlt")]
    found = collections.defaultdict(set)
    if not dlts:
        consumer.close()
        return found, dlts
    consumer.subscribe(dlts)
    for record in consumer:
        headers = dict(record.headers or [])
        topic = headers.get("kafka_dlt-original-topic")
        partition = headers.get("kafka_dlt-original-partition")
        offset = headers.get("kafka_dlt-original-offset")
        if topic is None or partition is None or offset is None:
            continue
        group = headers.get("kafka_dlt-original-consumer-group", b"?").decode(errors="replace")
        found[(topic.decode(), struct.unpack(">i", partition)[0], struct.unpack(">q", offset)[0])].add(group)
    consumer.close()
    return found, dlts


# --- checks -----------------------------------------------------------------------------------------------------

def kcat_has_record(suite, topic, partition, offset):
    """Whether a committed record exists at or after offset: what a read_committed consumer would still get
    (transaction markers and aborted records make the end offset overstate the lag)."""
    result = subprocess.run(["kcat", "-b", suite.bootstrap, "-C", "-t", topic, "-p", str(partition), "-o", str(offset),
                             "-e", "-q", "-c", "1", "-f", "%o\n", "-X", "isolation.level=read_committed"],
                            capture_output=True, text=True, timeout=60)
    return bool(result.stdout.strip())


def consumer_lag(suite):
    """{group: records it has yet to consume} counted from the broker's committed offsets and end offsets. The
    alerts-service first: the alerts of its last commit are on weather_alerts before the warehouse's lag is read."""
    admin = KafkaAdminClient(bootstrap_servers=suite.bootstrap)
    consumer = KafkaConsumer(bootstrap_servers=suite.bootstrap, enable_auto_commit=False)
    # Its repartition topics too: an input offset is committed once a record is written to them, not aggregated.
    repartition = tuple(sorted(t for t in consumer.topics()
                               if t.startswith(ALERTS_GROUP + "-") and t.endswith("-repartition")))
    lags = {}
    for group, topics in ((ALERTS_GROUP, ("weather_data", SENTIMENT) + repartition), ("warehouse", SOURCE_TOPICS),
                          ("sentiment", ("social_media",))):
        committed = admin.list_consumer_group_offsets(group)
        partitions = [TopicPartition(t, p) for t in topics for p in (consumer.partitions_for_topic(t) or ())]
        ends = consumer.end_offsets(partitions)
        total = 0
        for tp in partitions:
            at = committed[tp].offset if tp in committed else 0
            if ends[tp] > at and kcat_has_record(suite, tp.topic, tp.partition, at):
                total += ends[tp] - at
        lags[group] = total
    consumer.close()
    admin.close()
    return lags


def committed_objects(suite, topic):
    """The JSON object of every committed record of a topic, in the order a read_committed consumer reads each
    partition; the poison records that are not JSON objects are left out."""
    result = subprocess.run(["kcat", "-b", suite.bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q",
                             "-f", "%s\n", "-X", "isolation.level=read_committed"],
                            capture_output=True, timeout=300)
    objects = []
    for line in result.stdout.splitlines():  # bytes: poison records need not be UTF-8
        try:
            value = json.loads(line.decode(errors="replace"))
        except (ValueError, RecursionError):  # poison: not JSON, too deep
            continue
        if isinstance(value, dict):
            objects.append(value)
    return objects


def scored_twice(suite):
    """Post ids with more than one committed record on customer_sentiment."""
    counts = collections.Counter(value.get("postId") for value in committed_objects(suite, SENTIMENT))
    return {post: n for post, n in counts.items() if post is not None and n > 1}


# --- alerts -----------------------------------------------------------------------------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def epoch_ms(text):
    return (parse_instant(text) - EPOCH) // timedelta(milliseconds=1)


def expected_alerts(readings, scored):
    """What alert_rules raise from these events: the ids of the high-temperature alerts, and {(kind, location,
    window start in ms): [events, sum]} of every located window (heat-wave: °C; sentiment-drop: 1 per negative post),
    with {kind: the event time every task's stream time has reached at least}."""
    size = WINDOW_S * 1000
    hot = {f"high-temperature/{reading_id}" for reading_id, reading in readings.items()
           if reading["temperatureC"] >= HIGH_TEMPERATURE_C}
    windows = collections.defaultdict(lambda: [0, 0.0])
    latest = {"heat-wave": {}, "sentiment-drop": {}}

    def fold(kind, location, instant, value):
        at = epoch_ms(instant)
        window = windows[(kind, location, at - at % size)]
        window[0] += 1
        window[1] += value
        latest[kind][location] = max(at, latest[kind].get(location, at))

    for reading in readings.values():
        fold("heat-wave", reading["location"], reading["observedAt"], reading["temperatureC"])
    for post in scored:
        if post.get("location"):
            fold("sentiment-drop", post["location"], post["createdAt"], 1.0 if post["label"] == "negative" else 0.0)
    # A window task's stream time is the latest event time of any location it aggregates: at least the latest
    # of each of them, so at least the smallest of those latest times.
    reached = {kind: min(times.values()) if times else None for kind, times in latest.items()}
    return hot, windows, reached


def check_alerts(suite, readings, scored, stored, row, grace_seconds):
    """Every alert alert_rules raise from the stored readings and scored posts, on weather_alerts exactly once with
    the values computed here and in the store; none for anything else. Adds its counts and failures to row."""
    size, grace, margin = WINDOW_S * 1000, grace_seconds * 1000, 2000
    hot, windows, reached = expected_alerts(readings, scored)
    alerts = [a for a in committed_objects(suite, ALERTS) if not str(a.get("id", "")).startswith("poison-")]
    counts = collections.Counter(a.get("id") for a in alerts)
    doubled = sorted(i for i, n in counts.items() if n > 1)
    wrong, seen = [], set()
    for alert in alerts:
        kind = alert.get("kind")
        if kind == "high-temperature":
            if alert["id"] not in hot:
                wrong.append(f"{alert['id']}: no stored reading at or above {HIGH_TEMPERATURE_C} °C")
            continue
        start = epoch_ms(alert["from"])
        key = (kind, alert["location"], start)
        seen.add(key)
        want = windows.get(key)
        if want is None:
            wrong.append(f"{alert['id']}: a window without a stored event")
        elif (alert["count"] != want[0] or not close(alert["value"], want[1] / want[0])
              or epoch_ms(alert["to"]) - start != size):
            wrong.append(f"{alert['id']}: count {alert['count']}, value {alert['value']}, to {alert['to']}; "
                         f"expected count {want[0]}, value {want[1] / want[0]:.6f}")
    missing = sorted(hot - set(counts))
    closed = 0
    for (kind, location, start), (events, total) in sorted(windows.items()):
        fires = events >= 1 and (kind == "heat-wave" or total > 0)
        if fires and reached[kind] is not None and start + size + grace + margin <= reached[kind]:
            closed += 1
            if (kind, location, start) not in seen:
                missing.append(f"{kind}/{location}/{datetime.fromtimestamp(start / 1000, timezone.utc):%H:%M:%S}")
    unstored = sorted(i for i in counts if i not in stored[ALERTS])
    row["alerts"] = len(counts)
    row["alerts_by_kind"] = dict(collections.Counter(a.get("kind") for a in alerts))
    row["alert_windows_closed"] = closed
    row["alerts_missing"] = len(missing)
    row["alerts_doubled"] = len(doubled)
    row["alerts_wrong"] = len(wrong)
    row["alerts_unstored"] = len(unstored)
    row["alert_examples"] = (missing[:3] + doubled[:3] + wrong[:3] + unstored[:3])[:6]
    if not hot or not closed:
        row["failures"].append(f"the load raised too few alerts to check ({len(hot)} high-temperature, "
                               f"{closed} closed windows)")
    for count, what in ((len(missing), "alerts missing from weather_alerts"),
                        (len(doubled), "alerts on weather_alerts more than once"),
                        (len(wrong), "alerts with values other than the stored events give"),
                        (len(unstored), "alerts not stored by the warehouse")):
        if count:
            row["failures"].append(f"{count} {what}")


def stored_ids(db):
    """{topic: Counter of stored _ids}; a Counter, so that an id stored twice shows."""
    return {topic: collections.Counter(d["_id"] for d in db[topic].find({}, {"_id": 1})) for topic in SOURCE_TOPICS}


class Expected:
    """The aggregates computed here from the events themselves, as the warehouse should have them."""

    def __init__(self):
        self.hourly = collections.defaultdict(lambda: collections.defaultdict(Decimal))
        self.products = collections.defaultdict(lambda: collections.defaultdict(Decimal))
        self.platforms = collections.defaultdict(lambda: collections.defaultdict(Decimal))
        self.temperatures = collections.defaultdict(list)

    @staticmethod
    def add_sentiment(target, scored):
        target["sentiment.count"] += 1
        target["sentiment." + scored["label"]] += 1
        target["sentiment.compoundSum"] += Decimal(repr(scored["compound"]))

    def add(self, topic, event):
        if topic == "social_media":
            if event.get("location"):
                self.hourly[(event["location"], hour_of(event["createdAt"]))]["posts.count"] += 1
            if event.get("productId"):
                self.products[event["productId"]]["posts.count"] += 1
        elif topic == "weather_data":
            target = self.hourly[(event["location"], hour_of(event["observedAt"]))]
            target["weather.readings"] += 1
            target["weather.temperatureSum"] += Decimal(repr(event["temperatureC"]))
            self.temperatures[(event["location"], hour_of(event["observedAt"]))].append(event["temperatureC"])
            if event.get("humidityPct") is not None:
                target["weather.humidityReadings"] += 1
                target["weather.humiditySum"] += Decimal(repr(event["humidityPct"]))
            if event.get("precipitationMm") is not None:
                target["weather.precipitationReadings"] += 1
                target["weather.precipitationSum"] += Decimal(repr(event["precipitationMm"]))
        elif topic == "customer_feedback":
            if event.get("location"):
                target = self.hourly[(event["location"], hour_of(event["submittedAt"]))]
                target["feedback.count"] += 1
                target["feedback.ratingSum"] += event["rating"]
            if event.get("productId"):
                target = self.products[event["productId"]]
                target["feedback.count"] += 1
                target["feedback.ratingSum"] += event["rating"]
                target[f"feedback.ratings.{event['rating']}"] += 1
        else:
            hour = hour_of(event["createdAt"])
            if event.get("location"):
                self.add_sentiment(self.hourly[(event["location"], hour)], event)
            if event.get("productId"):
                self.add_sentiment(self.products[event["productId"]], event)
            self.add_sentiment(self.platforms[event["platform"]], event)


def mean(total, count):
    return None if not count else float(Decimal(total) / Decimal(count))


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def sentiment_view(values):
    return {"count": int(values["sentiment.count"]), "positive": int(values["sentiment.positive"]),
            "neutral": int(values["sentiment.neutral"]), "negative": int(values["sentiment.negative"]),
            "compoundMean": mean(values["sentiment.compoundSum"], values["sentiment.count"])}


def differences(path, expected, actual, out):
    for key, want in expected.items():
        got = actual.get(key) if isinstance(actual, dict) else None
        if isinstance(want, dict):
            differences(f"{path}.{key}", want, got or {}, out)
        elif isinstance(want, float) or isinstance(got, float):
            if not close(want, got):
                out.append(f"{path}.{key}: expected {want}, warehouse {got}")
        elif want != got:
            out.append(f"{path}.{key}: expected {want}, warehouse {got}")


def get_json(suite, path, api_key):
    connection = http.client.HTTPConnection("127.0.0.1", suite.ports["warehouse"], timeout=30)
    connection.request("GET", path, headers={"X-API-Key": api_key})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, (json.loads(body) if body else None)


def compare_aggregates(suite, expected, since):
    """Every aggregate the insights API serves for the load's locations, products and platforms, against
    `expected`; returns (aggregates compared, list of differences)."""
    diffs = []
    compared = 0
    start = since.replace(minute=0, second=0, microsecond=0)
    end = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    span = {"from": start.isoformat().replace("+00:00", "Z"), "to": end.isoformat().replace("+00:00", "Z")}
    for location in e2e.CITIES:
        status, answer = get_json(suite, "/api/v1/insights/hourly?" + urllib.parse.urlencode(
            dict(span, location=location)), suite.key)
        hours = {parse_instant(h["hour"]): h for h in (answer or {}).get("hours", [])} if status == 200 else {}
        keys = {h for (loc, h) in expected.hourly if loc == location} | set(hours)
        for hour in sorted(keys):
            compared += 1
            values = expected.hourly.get((location, hour), collections.defaultdict(Decimal))
            temps = expected.temperatures.get((location, hour), [])
            readings = int(values["weather.readings"])
            want = {
                "weather": {"readings": readings,
                            "temperatureMinC": min(temps) if temps else None,
                            "temperatureMaxC": max(temps) if temps else None,
                            "temperatureMeanC": mean(values["weather.temperatureSum"], readings),
                            "humidityMeanPct": mean(values["weather.humiditySum"], values["weather.humidityReadings"]),
                            "precipitationMm": (float(values["weather.precipitationSum"])
                                                if values["weather.precipitationReadings"] else None)},
                "posts": {"count": int(values["posts.count"])},
                "sentiment": sentiment_view(values),
                "feedback": {"count": int(values["feedback.count"]),
                             "ratingMean": mean(values["feedback.ratingSum"], values["feedback.count"])},
            }
            if status != 200:
                diffs.append(f"hourly {location}: HTTP {status}")
                break
            differences(f"hourly[{location} {hour:%H}h]", want, hours.get(hour, {}), diffs)
    for product in sorted(expected.products):
        compared += 1
        values = expected.products[product]
        status, answer = get_json(suite, f"/api/v1/insights/products/{urllib.parse.quote(product)}", suite.key)
        want = {"feedback": {"count": int(values["feedback.count"]),
                             "ratingMean": mean(values["feedback.ratingSum"], values["feedback.count"]),
                             "ratings": {str(r): int(values[f"feedback.ratings.{r}"]) for r in range(1, 6)}},
                "sentiment": sentiment_view(values), "posts": {"count": int(values["posts.count"])}}
        if status != 200:
            diffs.append(f"product {product}: HTTP {status}")
            continue
        differences(f"product[{product}]", want, answer, diffs)
    for platform in sorted(expected.platforms):
        compared += 1
        status, answer = get_json(suite, "/api/v1/insights/sentiment?" + urllib.parse.urlencode(
            dict(span, platform=platform)), suite.key)
        if status != 200:
            diffs.append(f"sentiment {platform}: HTTP {status}")
            continue
        differences(f"sentiment[{platform}]", {"totals": sentiment_view(expected.platforms[platform])}, answer, diffs)
    return compared, diffs


# --- one scenario -----------------------------------------------------------------------------------------------

def run_scenario(name, args, out_dir):
    fault = (SCENARIOS[name].replace("SERVICE_PAUSE", str(int(args.service_pause)))
             .replace("PAUSE", str(int(args.pause))))
    row = {"scenario": name, "fault": fault, "failures": [], "notes": [], "grace_s": grace_s(name, args)}
    suite = Suite(os.path.join(out_dir, name), args.java_home, row["grace_s"])
    running = []
    try:
        return scenario(name, args, row, suite, running)
    finally:
        for thing in running:  # a harness error must not leave a load or a suite behind
            thing.stop()
        suite.down()
        if not args.keep_data:
            for folder in ("kafka", "store"):
                subprocess.run(["rm", "-rf", os.path.join(suite.data_dir, folder)])


def scenario(name, args, row, suite, running):
    log(f"== {name}: starting a fresh suite in {suite.data_dir}")
    if not suite.up():
        # A start that fails on a busy machine is not the fault under test: one more try, and the row says so.
        row["notes"].append("the first ./tributary up --detach failed (see tributary.log); started again")
        log(f"{name}: the suite did not start; trying once more")
        suite.down()
        if not suite.up():
            row["failures"].append("the suite did not start twice (see tributary.log)")
            row["verdict"] = "FAIL"
            return row
    monitor = Monitor(suite)
    monitor.start()
    running.append(monitor)
    load = Load(suite.url("ingest"), suite.key, args.rate, args.batch, seed=name)
    since = datetime.now(timezone.utc)
    load.start()
    running.append(load)
    # A cold suite on two cores (six JVMs still compiling, the broker creating the alerts' internal topics) can
    # take seconds to answer its first requests, fault or not. The load runs from the start and every event it gets
    # a 2xx for is checked like any other; only the answers' 5 s bound waits until the suite answers promptly (or
    # SETTLE_BOUND s), and the row says how long that took and what those first answers were.
    judged_from = None
    while judged_from is None:
        time.sleep(0.5)
        if load.prompt():
            judged_from = time.monotonic()
        elif time.monotonic() - load.started >= args.settle_bound:
            judged_from = time.monotonic()
            row["notes"].append(f"the suite did not answer promptly within {args.settle_bound:.0f} s of load; "
                                f"every later answer is judged")
    row["settled_s"] = judged_from - load.started
    log(f"{name}: answering promptly after {row['settled_s']:.1f} s of load; {args.warmup:.0f} s more before the fault")
    time.sleep(args.warmup)
    poison = []
    fault_at = time.monotonic()
    resumed_at = fault_at
    target = name.split("-", 1)[1] if "-" in name else None
    log(f"{name}: injecting the fault ({row['fault']})")
    restarted_at = None
    manual = None  # (from, to) of a restart by hand: what requests meet then is the harness's doing, not the fault's
    if name.startswith("kill-"):
        old = suite.pid(target)
        os.kill(old, signal.SIGKILL)
        deadline = fault_at + args.restart_bound
        while time.monotonic() < deadline:
            pid = suite.pid(target)
            if pid is not None and pid != old:
                restarted_at = time.monotonic()
                break
            time.sleep(0.2)
        if restarted_at is None:
            row["failures"].append(f"{target} not restarted within {args.restart_bound:.0f} s")
            row["restart"] = None
            if args.manual_restart:
                # Without supervision, what a user would do: restart the whole suite on the same data.
                log(f"{name}: {target} was not restarted; restarting the whole suite by hand (down, up)")
                row["notes"].append(f"{target} not restarted by ./tributary; restarted by hand (down + up) "
                                    f"after {args.restart_bound:.0f} s")
                manual_from = time.monotonic()
                suite.down()
                if not suite.up():
                    row["failures"].append("the suite did not start again after the manual restart")
                manual = (manual_from, time.monotonic())
        else:
            row["restart"] = restarted_at - fault_at
    elif name.startswith("pause-"):
        pid = suite.pid(target)
        log_file = os.path.join(suite.data_dir, "logs", f"{target}.log")
        log_from = os.path.getsize(log_file) if os.path.exists(log_file) else 0
        os.kill(pid, signal.SIGSTOP)
        time.sleep(args.service_pause if name in SERVICES_PAUSED else args.pause)
        os.kill(pid, signal.SIGCONT)
        resumed_at = time.monotonic()
    else:
        poison = write_poison(suite)
        log(f"{name}: wrote {len(poison)} poison records")
    # Healthy again: every process runs and answers; a killed one under a new pid.
    healthy_at = None
    deadline = time.monotonic() + args.recovery_bound
    while time.monotonic() < deadline:
        if suite.all_healthy() and (not name.startswith("kill-") or suite.pid(target) != old):
            healthy_at = time.monotonic()
            break
        time.sleep(0.5)
    if healthy_at is None:
        row["failures"].append(f"not healthy within {args.recovery_bound:.0f} s of the fault")
    row["healthy_s"] = None if healthy_at is None else healthy_at - fault_at
    # AFTER s more, and at least until the alert windows open at the fault have closed, so that they are checked.
    time.sleep(max(args.after, fault_at + WINDOW_S + row["grace_s"] + 5 - time.monotonic()))
    load.stop()
    running.remove(load)
    load_stopped = time.monotonic()
    log(f"{name}: load stopped after {load_stopped - load.started:.0f} s; {len(load.accepted)} events accepted; "
        f"draining (at most {args.drain:.0f} s)")
    # Drain: until every acknowledged event and each acknowledged post's sentiment is stored and no group lags.
    client = pymongo.MongoClient(suite.mongo_uri, serverSelectionTimeoutMS=5000, socketTimeoutMS=60000)
    db = client.get_default_database()
    acked = collections.defaultdict(dict)
    for topic, event_id, event in load.accepted:
        acked[topic][event_id] = event
    acked_posts = set(acked["social_media"])
    deadline = load_stopped + args.drain
    drained_at = None
    stored = None
    lags = None
    while True:
        try:
            stored = stored_ids(db)
            missing = sum(1 for t in acked for i in acked[t] if i not in stored[t])
            unscored = sum(1 for i in acked_posts if i not in stored[SENTIMENT])
            lags = consumer_lag(suite) if missing == 0 and unscored == 0 else None
            if lags is not None and not any(lags.values()):
                drained_at = time.monotonic()
                break
        except Exception as ex:  # noqa: BLE001  the store or broker may still be away; try again until the deadline
            log(f"{name}: drain check failed: {type(ex).__name__}: {ex}")
        if time.monotonic() >= deadline:
            break
        time.sleep(2)
    row["drain_s"] = None if drained_at is None else drained_at - load_stopped
    if name in SERVICES_PAUSED:
        evidence = fencing_evidence(log_file, log_from) or "nothing on fencing or rejoining"
        row["notes"].append(f"{target}'s log after the pause: {evidence}")
    # Caught up: the first second after the fault at which the warehouse was healthy with at most one second of
    # records in lag, or the end of the drain.
    per_second = args.rate * 4 / 3
    caught = None
    if healthy_at is not None:
        caught = monitor.first(max(resumed_at, healthy_at), lambda pids, health, lag: all(health.values())
                               and lag is not None and lag <= per_second)
    row["caught_up_s"] = (caught - fault_at) if caught is not None else (
        drained_at - fault_at if drained_at is not None else None)
    monitor.stop()
    running.remove(monitor)
    if drained_at is None:
        row["failures"].append(f"backlog not stored within {args.drain:.0f} s after the load stopped")
    # Stored exactly once.
    if stored is None:
        try:
            stored = stored_ids(db)
        except Exception as ex:  # noqa: BLE001
            row["failures"].append(f"the store could not be read: {ex}")
            stored = {t: collections.Counter() for t in SOURCE_TOPICS}
    accepted_events = sum(len(v) for v in acked.values())
    lost = {t: [i for i in acked[t] if i not in stored[t]] for t in acked}
    doubled = {t: [i for i, n in stored[t].items() if n > 1] for t in SOURCE_TOPICS}
    row["accepted"] = accepted_events
    row["stored"] = sum(1 for t in acked for i in acked[t] if i in stored[t])
    row["lost"] = sum(len(v) for v in lost.values())
    row["lost_by_topic"] = {t: len(v) for t, v in lost.items() if v}
    row["lost_examples"] = [i for v in lost.values() for i in v][:5]
    twice = {}
    try:
        twice = scored_twice(suite)
    except Exception as ex:  # noqa: BLE001
        row["failures"].append(f"customer_sentiment could not be read: {ex}")
    row["unscored"] = sum(1 for i in acked_posts if i not in stored[SENTIMENT])
    row["scored_twice"] = len(twice)
    row["doubled"] = sum(len(v) for v in doubled.values()) + len(twice)
    extra = {t: [i for i in stored[t] if i not in acked[t] and not str(i).startswith("poison-")]
             for t in ("social_media", "weather_data", "customer_feedback")}
    row["stored_without_2xx"] = sum(len(v) for v in extra.values())
    poison_stored = sum(1 for t in SOURCE_TOPICS for i in stored[t] if str(i).startswith("poison-"))
    row["poison_stored"] = poison_stored
    # The aggregates, from what was acknowledged (and anything stored without a 2xx: a client cannot tell those
    # from lost ones, but the warehouse counts them) and from what the sentiment service scored.
    expected = Expected()
    for topic in acked:
        for event in acked[topic].values():
            expected.add(topic, event)
    readings = dict(acked["weather_data"])  # {id: event}: what the alerts-service reads from weather_data
    scored = []  # the scored posts it reads from customer_sentiment
    try:
        for topic, ids in extra.items():
            for start in range(0, len(ids), 1000):
                for document in db[topic].find({"_id": {"$in": ids[start:start + 1000]}}, {"event": 1}):
                    expected.add(topic, document["event"])
                    if topic == "weather_data":
                        readings[document["_id"]] = document["event"]
        for document in db[SENTIMENT].find({}, {"event": 1}):
            event = document["event"]
            if event.get("postId") in acked_posts or event.get("postId") in extra["social_media"]:
                expected.add(SENTIMENT, event)
                scored.append(event)
        compared, diffs = compare_aggregates(suite, expected, since)
    except Exception as ex:  # noqa: BLE001
        compared, diffs = 0, [f"aggregates could not be compared: {type(ex).__name__}: {ex}"]
    try:
        check_alerts(suite, readings, scored, stored, row, row["grace_s"])
    except Exception as ex:  # noqa: BLE001
        row["failures"].append(f"alerts could not be checked: {type(ex).__name__}: {ex}")
    row["aggregates_compared"] = compared
    row["aggregates_wrong"] = len(diffs)
    row["aggregate_differences"] = diffs[:10]
    client.close()
    # Lag and dead letters.
    row["lag"] = lags
    if poison:
        try:
            letters, dlts = dead_letters(suite)
        except Exception as ex:  # noqa: BLE001
            letters, dlts = {}, []
            row["failures"].append(f"dead-letter topics could not be read: {ex}")
        missing_letters = []
        for topic, partition, offset, kind in poison:
            groups = letters.get((topic, partition, offset), set())
            for group in CONSUMERS[topic]:
                if group not in groups and "?" not in groups:
                    missing_letters.append(f"{kind}@{topic}/{partition}/{offset} (group {group})")
        row["poison_written"] = len(poison)
        row["poison_expected_letters"] = sum(len(CONSUMERS[t]) for t, _, _, _ in poison)
        row["poison_not_dead_lettered"] = len(missing_letters)
        row["poison_missing_examples"] = missing_letters[:8]
        row["poison_missing_by_kind"] = dict(collections.Counter(m.split("@")[0] for m in missing_letters))
        if missing_letters:
            row["failures"].append(f"{len(missing_letters)} of {row['poison_expected_letters']} poison "
                                   f"dead letters missing")
        if poison_stored:
            row["failures"].append(f"{poison_stored} poison records stored as events")
    # Requests.
    requests = load.requests
    statuses = collections.Counter(r["status"] if r["status"] is not None else r["error"] for r in requests)
    row["requests"] = len(requests)
    row["statuses"] = {str(k): v for k, v in statuses.items()}
    row["503s"] = statuses.get(503, 0)
    if manual is not None:
        during = [r for r in requests if r["t"] + r["latency"] >= manual[0] and r["t"] <= manual[1]]
        requests = [r for r in requests if not (r["t"] + r["latency"] >= manual[0] and r["t"] <= manual[1])]
        row["notes"].append(f"{len(during)} requests during the manual restart not judged "
                            f"({dict(collections.Counter(r['status'] or r['error'] for r in during))})")
    settling = [r for r in requests if r["t"] < judged_from]
    if settling:
        row["notes"].append(f"{len(settling)} requests while the cold suite settled ({row['settled_s']:.1f} s), "
                            f"not held to the {SLOW_S:.0f} s bound: slowest {max(r['latency'] for r in settling):.2f} s, "
                            f"{dict(collections.Counter(r['status'] or r['error'] for r in settling))}")
        requests = [r for r in requests if r["t"] >= judged_from]
    slow = [r for r in requests if r["latency"] > SLOW_S]
    errors = [r for r in requests if r["error"] is not None]
    unexpected = [r for r in requests if r["status"] is not None and r["status"] not in (202, 207, 503)]
    if name == "kill-ingest":
        # While nothing listens on ingest's port, a refused connection is the only possible answer.
        refused = [r for r in errors if r["error"] == "ConnectionRefusedError"]
        row["notes"].append(f"{len(refused)} requests refused while ingest was not running")
        errors = [r for r in errors if r["error"] != "ConnectionRefusedError"]
        # A request in flight when its server process is killed, or sent on a kept-alive connection to the dead
        # process before it is back, can only lose its connection: no answer, and no 2xx for anything (the
        # client retries with the same ids). Not a hang, so not held against the row.
        back = healthy_at if healthy_at is not None else load_stopped
        cut = [r for r in errors if r["error"] in ("RemoteDisconnected", "ConnectionResetError", "BrokenPipeError")
               and r["t"] + r["latency"] + 1.0 >= fault_at and r["t"] <= back]
        row["notes"].append(f"{len(cut)} requests lost their connection to the killed ingest "
                            f"({dict(collections.Counter(r['error'] for r in cut))})")
        errors = [r for r in errors if r not in cut]
    end_of_outage = healthy_at if healthy_at is not None else load_stopped
    phases = collections.Counter("before the fault" if r["t"] + r["latency"] < fault_at else
                                 "until healthy again" if r["t"] <= end_of_outage else "after"
                                 for r in slow + errors)
    if phases:
        row["notes"].append(f"slow or unanswered requests by when they were sent: {dict(phases)}")
    with open(os.path.join(suite.data_dir, "requests.csv"), "w") as f:
        f.write("sent_s,latency_s,kind,shape,events,status,error,accepted\n")
        for r in load.requests:
            f.write(f"{r['t'] - load.started:.3f},{r['latency']:.3f},{r['kind']},{r['shape']},{r['events']},"
                    f"{r['status'] or ''},{r['error'] or ''},{r['accepted']}\n")
    row["fault_at_s"] = fault_at - load.started
    row["slowest_s"] = max((r["latency"] for r in requests), default=0.0)
    row["slow_requests"] = len(slow)
    row["failed_requests"] = len(errors) + len(unexpected)
    if slow:
        row["failures"].append(f"{len(slow)} requests slower than {SLOW_S:.0f} s")
    if errors:
        row["failures"].append(f"{len(errors)} requests without an answer "
                               f"({dict(collections.Counter(r['error'] for r in errors))})")
    if unexpected:
        row["failures"].append(f"{len(unexpected)} requests answered "
                               f"{dict(collections.Counter(r['status'] for r in unexpected))}")
    if row["lost"]:
        row["failures"].append(f"{row['lost']} acknowledged events lost {row['lost_by_topic']}")
    if row["unscored"]:
        row["failures"].append(f"{row['unscored']} acknowledged posts not scored")
    if row["doubled"]:
        row["failures"].append(f"{row['doubled']} doubled ({row['scored_twice']} posts scored twice)")
    if row["aggregates_wrong"]:
        row["failures"].append(f"{row['aggregates_wrong']} aggregate values differ")
    if lags and any(lags.values()):
        row["failures"].append(f"consumer lag left {lags}")
    row["verdict"] = "FAIL" if row["failures"] else "PASS"
    log(f"{name}: {row['verdict']} accepted={row['accepted']} stored={row['stored']} lost={row['lost']} "
        f"doubled={row['doubled']} healthy_s={fmt(row.get('healthy_s'))} caught_up_s={fmt(row.get('caught_up_s'))} "
        f"503s={row['503s']} slowest_s={row['slowest_s']:.2f} {'; '.join(row['failures'])}")
    return row


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def table(rows):
    lines = ["| fault | events accepted | stored | lost (not stored when the drain ended) | doubled "
             "| recovery s (healthy / backlog stored) "
             "| 503s | slowest response s | aggregates wrong | alerts (missing / doubled / wrong) | verdict |",
             "|---|---:|---:|---:|---:|---|---:|---:|---:|---|---|"]
    for r in rows:
        recovery = f"{fmt(r.get('healthy_s'))} / {fmt(r.get('caught_up_s'))}"
        if r["scenario"].startswith("kill-") and r.get("restart") is None and "accepted" in r:
            recovery = "not restarted; " + recovery + " after a manual restart"
        lost = r.get("lost", "–")
        if any("did not start again" in f for f in r["failures"]):
            # Nothing runs to store the backlog: what is missing says nothing about what the suite keeps.
            lost = f"not measured ({lost} missing, the suite did not start again)"
        lines.append(f"| {r['fault']} | {r.get('accepted', '–')} | {r.get('stored', '–')} | {lost} "
                     f"| {r.get('doubled', '–')} | {recovery} | {r.get('503s', '–')} "
                     f"| {fmt(r.get('slowest_s'), 2)} | {r.get('aggregates_wrong', '–')} "
                     f"| {alerts_cell(r)} | **{r['verdict']}** |")
    return "\n".join(lines)


def alerts_cell(r):
    if "alerts" not in r:
        return "–"
    return f"{r['alerts']} ({r['alerts_missing']} / {r['alerts_doubled']} / {r['alerts_wrong']})"


def details(rows):
    lines = []
    for r in rows:
        lines.append(f"- **{r['scenario']}** ({r['verdict']}): " + ("; ".join(r["failures"]) or "all checks passed"))
        for note in r["notes"]:
            lines.append(f"  - {note}")
        if "accepted" in r:
            lines.append(f"  - requests {r['requests']} {r['statuses']}; stored without a 2xx "
                         f"{r['stored_without_2xx']}; posts not scored {r['unscored']}, scored twice "
                         f"{r['scored_twice']}; aggregates compared {r['aggregates_compared']}; lag after drain "
                         f"{r['lag']}; drain {fmt(r.get('drain_s'))} s")
        if r.get("poison_written"):
            lines.append(f"  - poison: {r['poison_written']} records written, {r['poison_expected_letters']} dead "
                         f"letters expected, {r['poison_not_dead_lettered']} missing "
                         f"{r.get('poison_missing_by_kind') or ''}; stored as events {r['poison_stored']}")
        if "alerts" in r:
            lines.append(f"  - alerts on weather_alerts {r['alerts']} {r['alerts_by_kind']}, closed windows checked "
                         f"{r['alert_windows_closed']}, not stored by the warehouse {r['alerts_unstored']}"
                         + (f"; e.g. {'; '.join(r['alert_examples'])}" if r["alert_examples"] else ""))
        for diff in r.get("aggregate_differences", [])[:3]:
            lines.append(f"  - aggregate: {diff}")
        if r.get("lost_examples"):
            lines.append(f"  - lost ids, e.g. {', '.join(map(str, r['lost_examples'][:3]))}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--rate", type=float, default=400, help="events/s through ingest, all kinds together")
    parser.add_argument("--batch", type=int, default=20, help="events in an array or NDJSON request")
    parser.add_argument("--warmup", type=float, default=20, help="seconds of load before the fault")
    parser.add_argument("--settle-bound", type=float, default=30,
                        help="seconds of load at most before the answers' 5 s bound applies (see scenario)")
    parser.add_argument("--after", type=float, default=20, help="seconds of load once healthy again")
    parser.add_argument("--pause", type=float, default=10, help="seconds a paused broker or store stays stopped")
    parser.add_argument("--service-pause", type=float, default=50,
                        help="seconds a paused service stays stopped: longer than its 45 s group session")
    parser.add_argument("--restart-bound", type=float, default=60, help="seconds for ./tributary to restart a process")
    parser.add_argument("--recovery-bound", type=float, default=120, help="seconds until healthy again")
    parser.add_argument("--drain", type=float, default=120, help="seconds after the load for the backlog")
    parser.add_argument("--no-manual-restart", dest="manual_restart", action="store_false",
                        help="leave a process nobody restarted dead instead of restarting the suite by hand")
    parser.add_argument("--keep-data", action="store_true")
    parser.add_argument("--java-home", default=os.environ.get("JAVA_HOME", ""))
    args = parser.parse_args()
    names = [s for s in args.scenarios.split(",") if s]
    unknown = [s for s in names if s not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenarios {unknown}; known: {', '.join(SCENARIOS)}")
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for name in names:
        try:
            row = run_scenario(name, args, args.out)
        except Exception as ex:  # noqa: BLE001  one broken row must not hide the others
            log(f"{name}: the harness failed: {type(ex).__name__}: {ex}")
            row = {"scenario": name, "fault": SCENARIOS[name], "failures": [f"harness error: {ex}"], "notes": [],
                   "verdict": "FAIL"}
        rows.append(row)
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump(rows, f, indent=2, default=str)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(table(rows) + "\n\n" + details(rows) + "\n")
    print()
    print(table(rows))
    print()
    print(details(rows))
    return 1 if any(r["verdict"] != "PASS" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

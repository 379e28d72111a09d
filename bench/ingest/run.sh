#!/usr/bin/env bash
# ingest-service against a co-located broker (events/s, latency), side by side with Kafka's own producer benchmark.
#
#   bench/run ingest                       # 3 rounds of 20 s per scenario
#   ROUNDS=5 DURATION=30 bench/run ingest
#   JFR=1 bench/run ingest                 # also a profile of each scenario, in an extra round that is not counted
#
# Starts a broker and the service on free loopback ports (never 8080/9092), runs every scenario once per
# round (interleaved, so a noisy neighbour hurts all of them alike), prints each round and the medians, and
# stops everything it started. Needs wrk (apt-get install -y wrk), kcat, curl and a JDK (scripts/jdk.sh picks it).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
# A subset, for a quick look at one scenario: SCENARIOS="fixed-2000" (the medians need single-c64 and producer-perf).
SCENARIOS=${SCENARIOS:-single-c64 single-c16 fixed-2000 batch-100 ndjson-1000 producer-perf}
DURATION=${DURATION:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/bench/ingest
source "$ROOT/scripts/jdk.sh"
use_tributary_java_home
: "${JAVA_HOME:?needs a JDK (jcmd, jfr): set JAVA_HOME or TRIBUTARY_JAVA_HOME}"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=${OUT:-$BENCH/target/run-$(date +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: > "$RESULTS"

echo "Building the service and the benchmark tools..."
# The tools' project is a module of the build only with -Pbench, so that the reactor supplies local-stack.
(cd "$ROOT" && ./mvnw -B -q -Pbench -pl ingest-service,bench/ingest -am package -DskipTests -Dspring-javaformat.skip=true)
CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"
# A copy, so that a build in the same checkout while the run lasts cannot replace the jar the service reads
# its classes from (a service whose producer then fails to load a class answers 503 for the rest of the run).
cp "$(ls "$ROOT"/ingest-service/target/ingest-service-*.jar | grep -v original | head -1)" "$OUT/ingest-service.jar"
JAR=$OUT/ingest-service.jar

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
KAFKA_PORT=$(free_port)
CONTROLLER_PORT=$(free_port)
HTTP_PORT=$(free_port)
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
BASE=http://127.0.0.1:$HTTP_PORT
API_KEY=bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
export API_KEY

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# The broker runs the way kafka-server-start runs it (1 GiB heap, G1), not as the tests' small C1-only JVM.
"$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=tributary/local/logback-local.xml -cp "$CP" tributary.local.LocalKafka \
  --data-dir "$OUT/kafka" --port "$KAFKA_PORT" --controller-port "$CONTROLLER_PORT" > "$OUT/broker.log" 2>&1 &
BROKER=$!
PIDS+=("$BROKER")
for _ in $(seq 1 120); do kcat -b "$BOOTSTRAP" -L -m 2 >/dev/null 2>&1 && break; sleep 0.5; done

# The service as deployed (virtual threads on). No recording while rounds are measured: ProducerPerformance runs
# without one, and with the service's recordings on (the whole run's, and round 1's besides) its round 1 of batches
# ran at 35-49% of ProducerPerformance against 54-56% without (bench/ingest/BENCHMARKS.md, 2026-12-06, night).
# With JFR=1, an extra round 0, not counted, records each scenario alone.
TRIBUTARY_SECURITY_API_KEYS=$API_KEY "$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC \
  -jar "$JAR" --server.port="$HTTP_PORT" --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
  --logging.level.root=WARN > "$OUT/service.log" 2>&1 &
SERVICE=$!
PIDS+=("$SERVICE")
for _ in $(seq 1 240); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/readyz" >/dev/null || { echo "The service did not start; see $OUT/service.log"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# Runs a scenario, records its RESULT line with the CPU the service and the broker used meanwhile.
measure() {
  local round=$1 name=$2
  shift 2
  local service_before broker_before started line elapsed
  service_before=$(cpu_ticks "$SERVICE")
  broker_before=$(cpu_ticks "$BROKER")
  # Round 0 (JFR=1) records each service scenario alone, so that the profile of the bulk loads is not mixed with
  # that of single events; it is not counted.
  local profiled=false
  if [[ $round == 0 && $name != producer-perf ]]; then
    "$JAVA_HOME/bin/jcmd" "$SERVICE" JFR.start name="$name" settings=profile > /dev/null && profiled=true
  fi
  started=$(date +%s.%N)
  line=$("$@" 2>&1 | grep -E '^RESULT|^requests=|records sent' | tail -1)
  elapsed=$(echo "$(date +%s.%N) - $started" | bc)
  if $profiled; then
    "$JAVA_HOME/bin/jcmd" "$SERVICE" JFR.stop name="$name" filename="$OUT/$name.jfr" > /dev/null || true
  fi
  local service_cores broker_cores
  service_cores=$(echo "scale=2; ($(cpu_ticks "$SERVICE") - $service_before) / $TICKS / $elapsed" | bc)
  broker_cores=$(echo "scale=2; ($(cpu_ticks "$BROKER") - $broker_before) / $TICKS / $elapsed" | bc)
  echo "round $round  $name  $line  service_cores=$service_cores broker_cores=$broker_cores"
  [[ $round == 0 ]] && return
  printf '%s\t%s\t%s service_cores=%s broker_cores=%s\n' "$round" "$name" "$line" "$service_cores" "$broker_cores" >> "$RESULTS"
}

single() { wrk -t2 -c"${CONNECTIONS:-64}" -d"${DURATION}s" --latency -s "$BENCH/single.lua" "$BASE/api/v1/social-media"; }
fixed_rate() {
  "$JAVA" -cp "$CP" tributary.bench.FixedRateLoad "$BASE/api/v1/social-media" "$API_KEY" 2000 "$DURATION" "${FIXED_WARMUP:-10}" \
    2> "$OUT/fixed-rate-round-$round.txt"
}
batch() { ITEMS=100 FORMAT=json wrk -t2 -c8 -d"${DURATION}s" -s "$BENCH/batch.lua" "$BASE/api/v1/social-media"; }
ndjson() { ITEMS=1000 FORMAT=ndjson wrk -t2 -c4 -d"${DURATION}s" -s "$BENCH/batch.lua" "$BASE/api/v1/social-media"; }
# The ceiling: Kafka's own producer, same broker, same producer settings as the service (acks=all, idempotent,
# snappy, or the codec SPRING_KAFKA_PRODUCER_COMPRESSIONTYPE gives the service; lz4 before 2026-12-07; 64 KiB batches,
# linger 1 ms), 300-byte records: the size of single.lua's and batch.lua's events on the topic
# (~290 bytes). It runs in every round, between the service's scenarios, so each round has its own ratio.
producer_perf() {
  "$JAVA" -Xmx1g -cp "$CP" org.apache.kafka.tools.ProducerPerformance --topic weather_data \
    --num-records "${PERF_RECORDS:-4000000}" --record-size 300 --throughput -1 \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true compression.type="${SPRING_KAFKA_PRODUCER_COMPRESSIONTYPE:-snappy}" \
    batch.size=65536 linger.ms=1
}

wanted() { [[ " $SCENARIOS " == *" $1 "* ]]; }
# Every path the rounds take, for as long as a round takes it. With 5 s of batches and the recordings on, round 1's
# batches ran at 59-66% of round 2's; with this warm-up and no recordings, at 94-98%.
echo "Warming up (JIT, connections, topic metadata)..."
WARMUP=${WARMUP:-$DURATION}
DURATION=$WARMUP single > /dev/null
if wanted batch-100; then DURATION=$WARMUP batch > /dev/null; fi
if wanted ndjson-1000; then DURATION=$WARMUP ndjson > /dev/null; fi

first_round=1
[[ "${JFR:-0}" == "1" ]] && first_round=0
for round in $(seq "$first_round" "$ROUNDS"); do
  wanted single-c64 && measure "$round" single-c64 single
  wanted single-c16 && CONNECTIONS=16 measure "$round" single-c16 single
  wanted fixed-2000 && measure "$round" fixed-2000 fixed_rate
  wanted batch-100 && measure "$round" batch-100 batch
  wanted ndjson-1000 && measure "$round" ndjson-1000 ndjson
  if [[ $round != 0 ]]; then wanted producer-perf && measure "$round" producer-perf producer_perf; fi
done

# The top frames and allocations of each scenario's round-0 recording (fold.py is the warehouse benchmark's, shared).
for name in $SCENARIOS; do
  [[ -f $OUT/$name.jfr ]] || continue
  python3 "$ROOT/bench/warehouse-vs-connector/fold.py" "$OUT/$name.jfr" 25 > "$OUT/profile-$name.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$OUT/$name.jfr" > "$OUT/hot-methods-$name.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" view --width 160 allocation-by-class "$OUT/$name.jfr" > "$OUT/allocation-by-class-$name.txt" 2>&1 || true
done
python3 "$BENCH/summarize.py" "$RESULTS" | tee "$OUT/summary.md"
echo "Raw results and logs (with JFR=1 each scenario's recording and its hot methods) are in $OUT"

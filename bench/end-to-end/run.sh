#!/usr/bin/env bash
# The whole suite: end-to-end latency (ingest accepted -> warehouse stored) at a fixed rate through ingest.
#
#   bench/run end-to-end                                  3 runs at 5,000 events/s: 240 s warm-up (the first 30 s
#                                                         ramping up from 0), then until the cold start's backlog
#                                                         is stored (at most 120 s more), then 60 s measured
#   WARMUP=60 bench/run end-to-end                        the warm-up before 2026-12-06, night: the window then
#                                                         still holds the JVMs' compiling (its JIT share is printed)
#   RUNS=1 DURATION=30 bench/run end-to-end
#   VARIANTS="default concurrency-1:TRIBUTARY_WAREHOUSE_CONCURRENCY=1" bench/run end-to-end
#   VARIANTS="rate-1000:RATE=1000 rate-2500:RATE=2500" bench/run end-to-end
#   VARIANTS="ingest-ids client-ids:IDS=client" bench/run end-to-end ingest's time-ordered ids or clients' random ones
#   JFR=1 RUNS=1 bench/run end-to-end                     also profiles every suite JVM over the measured window
#
# Each run starts a fresh suite with `./tributary up --detach` (Kafka, the embedded H2-file store, the three
# services) on free loopback ports and its own data folder, sends a mixed stream of posts, weather readings and
# feedback as JSON arrays of BATCH events (one kind per request, the kinds in turn) from an open-loop generator
# (e2e.py beside this script), the rate climbing from 0 over the first RAMP seconds of the warm-up (five JVMs that start cold on
# two cores cannot take the full rate while they compile; BENCHMARKS.md), reads the warehouse's
# tributary_warehouse_end_to_end_seconds histogram when the window starts (after the warm-up, once the lag is under
# one second of records or SETTLE more seconds have passed) and again once the backlog is stored (at most DRAIN
# seconds after the load), and stops the suite, also on failure. Variants are `name[:VAR=value[,VAR=value]]`, environment for the suite (RATE, BATCH and IDS change the
# load instead); runs are interleaved (v1, v2, v1, v2, ...) so that a noisy neighbour hurts every variant alike.
# Medians go to OUT/summary.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-3}
RATE=${RATE:-5000}
BATCH=${BATCH:-50}
# Six JVMs on two cores are still compiling a minute in: after 60 s, their JIT compiler threads took 36-47 us of the
# window's 222-236 us per event; after 240 s, 10-12 of 164-178 (BENCHMARKS.md). The measure is the steady state.
WARMUP=${WARMUP:-240}
RAMP=${RAMP:-30}
SETTLE=${SETTLE:-120}
DURATION=${DURATION:-60}
DRAIN=${DRAIN:-45}
VARIANTS=${VARIANTS:-default}
OUT=${OUT:-$ROOT/bench/end-to-end/target/run-$(date +%Y%m%dT%H%M%S)}
source "$ROOT/scripts/jdk.sh"
use_tributary_java_home
: "${JAVA_HOME:?needs a JDK (jcmd, jfr): set JAVA_HOME or TRIBUTARY_JAVA_HOME}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

SUITE_DIR=""
LOAD_PID=""
stop_suite() {
  if [[ -n "$LOAD_PID" ]]; then kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; LOAD_PID=""; fi
  if [[ -n "$SUITE_DIR" ]]; then
    TRIBUTARY_DATA_DIR="$SUITE_DIR" "$ROOT/tributary" down >/dev/null || true
    # Keep the logs, drop the broker's and the store's data (hundreds of MB a run).
    rm -rf "$SUITE_DIR/kafka" "$SUITE_DIR/store"
    SUITE_DIR=""
  fi
}
trap stop_suite EXIT
trap 'exit 130' INT TERM

if ! compgen -G "$ROOT/warehouse-service/target/warehouse-service-*.jar" >/dev/null; then
  echo "Building the suite (./mvnw -DskipTests package) ..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package)
fi

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $COMMIT  java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load: $RATE events/s in JSON arrays of $BATCH unless a variant says otherwise (posts, weather, feedback in turn), warm-up ${WARMUP}s (ramp ${RAMP}s) + until the lag is under 1 s of records (<= ${SETTLE}s more), measured ${DURATION}s, drain <= ${DRAIN}s"
  echo "variants: $VARIANTS"
} | tee "$OUT/context.txt"

run_once() {
  local run=$1 spec=$2 name assignments
  name=${spec%%:*}
  assignments=""
  [[ "$spec" == *:* ]] && assignments=${spec#*:}
  SUITE_DIR="$OUT/$name-$run"
  mkdir -p "$SUITE_DIR"
  local key="e2e-bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  local ingest_port sentiment_port warehouse_port alerts_port
  ingest_port=$(free_port)
  sentiment_port=$(free_port)
  warehouse_port=$(free_port)
  alerts_port=$(free_port)
  local env_args=(
    TRIBUTARY_DATA_DIR="$SUITE_DIR" TRIBUTARY_JAVA_HOME="$JAVA_HOME" TRIBUTARY_SECURITY_API_KEYS="$key"
    TRIBUTARY_KAFKA_PORT="$(free_port)" TRIBUTARY_KAFKA_CONTROLLER_PORT="$(free_port)"
    TRIBUTARY_STORE_PORT="$(free_port)" TRIBUTARY_INGEST_PORT="$ingest_port"
    TRIBUTARY_SENTIMENT_PORT="$sentiment_port" TRIBUTARY_WAREHOUSE_PORT="$warehouse_port"
    TRIBUTARY_ALERTS_PORT="$alerts_port"
    # The lag gauge is measured every 15 s by default: too coarse for a 60 s window.
    TRIBUTARY_WAREHOUSE_CONSUMER_LAGINTERVAL=1s
  )
  local rate=$RATE batch=$BATCH assignment id_args=()
  if [[ -n "$assignments" ]]; then
    IFS=, read -r -a extra <<<"$assignments"
    for assignment in "${extra[@]}"; do
      case "$assignment" in
        RATE=*) rate=${assignment#RATE=} ;;  # a variant may change the load instead of the suite
        BATCH=*) batch=${assignment#BATCH=} ;;
        IDS=client) id_args=(--client-ids) ;;
        IDS=ingest) id_args=() ;;
        *) env_args+=("$assignment") ;;
      esac
    done
  fi
  echo "== run $run, variant $name${assignments:+ ($assignments)}: starting the suite in $SUITE_DIR"
  env "${env_args[@]}" "$ROOT/tributary" up --detach >"$SUITE_DIR/up.log" 2>&1 \
    || { tail -n 30 "$SUITE_DIR/up.log" >&2; echo "the suite did not start (logs in $SUITE_DIR/logs)" >&2; return 1; }
  local jfr_args=()
  if [[ -n "${JFR:-}" ]]; then jfr_args=(--jfr-dir "$SUITE_DIR"); fi
  python3 "$ROOT/bench/end-to-end/e2e.py" run --variant "$name" --ingest "http://127.0.0.1:$ingest_port" \
    --warehouse "http://127.0.0.1:$warehouse_port" --api-key "$key" --run-dir "$SUITE_DIR/run" \
    --services "ingest=http://127.0.0.1:$ingest_port,sentiment=http://127.0.0.1:$sentiment_port,warehouse=http://127.0.0.1:$warehouse_port,alerts=http://127.0.0.1:$alerts_port" \
    --out "$OUT/$name-$run.json" --rate "$rate" --batch "$batch" --warmup "$WARMUP" --ramp "$RAMP" --settle "$SETTLE" --duration "$DURATION" \
    --drain "$DRAIN" "${id_args[@]}" "${jfr_args[@]}" &
  LOAD_PID=$!
  wait "$LOAD_PID"
  LOAD_PID=""
  if [[ -n "${JFR:-}" ]]; then
    for jfr in "$SUITE_DIR"/*.jfr; do
      [[ -f "$jfr" ]] && "$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$jfr" \
        >"${jfr%.jfr}-hot-methods.txt" 2>&1 || true
    done
  fi
  stop_suite
}

read -r -a variants <<<"$VARIANTS"
for run in $(seq 1 "$RUNS"); do
  for spec in "${variants[@]}"; do
    run_once "$run" "$spec"
  done
done

{
  cat "$OUT/context.txt"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  python3 "$ROOT/bench/end-to-end/e2e.py" summarize "$OUT"/*.json
} | tee "$OUT/summary.md"
echo "Results, suite logs and profiles: $OUT"

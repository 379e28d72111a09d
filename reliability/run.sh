#!/usr/bin/env bash
# Fault injection against the whole suite (RELIABILITY.md): one fresh suite per scenario, a fixed-rate mixed load
# through ingest, one fault, then the checks. Exit status 1 when any row loses or doubles anything or misses a bound.
#
#   reliability/run.sh                       every scenario, a fresh suite each (about 2 minutes a scenario)
#   reliability/run.sh --short               CI: kill -9 of the store, the warehouse and the alerts-service, the
#                                            alerts-service paused, and poison records, at a lower rate (about
#                                            12 minutes)
#   SCENARIOS=kill-store,pause-kafka reliability/run.sh
#
# Knobs (defaults in brackets; --short changes those marked *): SCENARIOS [all: kill-kafka, kill-store,
# kill-ingest, kill-sentiment, kill-warehouse, kill-alerts, pause-kafka, pause-store, pause-sentiment,
# pause-warehouse, pause-alerts, poison], RATE* [400 events/s; 200],
# BATCH [20 events per array or NDJSON request], WARMUP* [20 s of load before the fault; 15], AFTER* [20 s of load
# once healthy again; 15], SETTLE_BOUND [30 s of load at most before the answers' 5 s bound applies: it applies
# from the moment the cold suite answers promptly], PAUSE [10 s for the broker or the store], SERVICE_PAUSE [50 s for
# a service: past its 45 s group session], RESTART_BOUND [60 s for ./tributary to restart a killed process],
# RECOVERY_BOUND [120 s until healthy], DRAIN* [120 s after the load for the backlog; 90], MANUAL_RESTART [1:
# when nothing restarts a killed process, restart the whole suite by hand after RESTART_BOUND so that the row can
# still count what was lost; 0 leaves it dead], OUT [reliability/target/run-DATE].
# Needs Debian's python3-kafka, python3-snappy (the dead letters are snappy-compressed), python3-pymongo and kcat.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
short=false
for arg in "$@"; do
  case "$arg" in
    --short) short=true ;;
    *) echo "unknown option $arg (run.sh takes --short)" >&2; exit 2 ;;
  esac
done
if $short; then
  SCENARIOS=${SCENARIOS:-kill-store,kill-warehouse,kill-alerts,pause-alerts,poison}
  RATE=${RATE:-200}
  WARMUP=${WARMUP:-15}
  AFTER=${AFTER:-15}
  DRAIN=${DRAIN:-90}
fi
OUT=${OUT:-$ROOT/reliability/target/run-$(date +%Y%m%dT%H%M%S)}
source "$ROOT/scripts/jdk.sh"
use_tributary_java_home

# Debian's packages install into the system interpreter, whatever python3 comes first on PATH.
python=""
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import kafka, kafka.codec, pymongo, snappy; assert kafka.codec.has_snappy()' 2>/dev/null; then python=$candidate; break; fi
done
[[ -n "$python" ]] || { echo "needs python3-kafka, python3-snappy and python3-pymongo (apt-get install python3-kafka python3-snappy python3-pymongo kcat)" >&2; exit 2; }
command -v kcat >/dev/null || { echo "needs kcat (apt-get install kcat)" >&2; exit 2; }

if ! compgen -G "$ROOT/warehouse-service/target/warehouse-service-*.jar" >/dev/null; then
  echo "Building the suite (./mvnw -DskipTests package) ..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package)
fi

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')  branch: $(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
} | tee "$OUT/context.txt"

args=(--out "$OUT")
[[ -n "${SCENARIOS:-}" ]] && args+=(--scenarios "$SCENARIOS")
[[ -n "${RATE:-}" ]] && args+=(--rate "$RATE")
[[ -n "${BATCH:-}" ]] && args+=(--batch "$BATCH")
[[ -n "${WARMUP:-}" ]] && args+=(--warmup "$WARMUP")
[[ -n "${AFTER:-}" ]] && args+=(--after "$AFTER")
[[ -n "${SETTLE_BOUND:-}" ]] && args+=(--settle-bound "$SETTLE_BOUND")
[[ -n "${PAUSE:-}" ]] && args+=(--pause "$PAUSE")
[[ -n "${SERVICE_PAUSE:-}" ]] && args+=(--service-pause "$SERVICE_PAUSE")
[[ -n "${RESTART_BOUND:-}" ]] && args+=(--restart-bound "$RESTART_BOUND")
[[ -n "${RECOVERY_BOUND:-}" ]] && args+=(--recovery-bound "$RECOVERY_BOUND")
[[ -n "${DRAIN:-}" ]] && args+=(--drain "$DRAIN")
[[ "${MANUAL_RESTART:-1}" == 0 ]] && args+=(--no-manual-restart)
status=0
"$python" -B "$ROOT/reliability/faults.py" "${args[@]}" || status=$?
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/context.txt"
echo "Results: $OUT/results.md (suite logs under $OUT/<scenario>/logs)"
exit "$status"

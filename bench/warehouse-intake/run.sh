#!/usr/bin/env bash
# Sustained intake of the warehouse from pre-loaded topics into the H2-file store (events/s).
# Usage: bench/run warehouse-intake [events=200000] [runs=3]   (JFR=1 records a profile to warehouse-service/target)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
CP=$(test_classpath warehouse-service)
JFR_OPTS=()
if [[ "${JFR:-0}" == "1" ]]; then
	JFR_OPTS=(-XX:StartFlightRecording=filename=$ROOT/warehouse-service/target/bench.jfr,settings=profile
		-Dbench.storeJfr=$ROOT/warehouse-service/target/bench-store.jfr)
fi
cd "$ROOT/warehouse-service"
exec "$JAVA" -Xmx1g "${JFR_OPTS[@]}" -cp "$CP" "$ROOT/bench/warehouse-intake/IntakeBenchmark.java" "$@"

#!/usr/bin/env bash
# Sustained intake benchmark of the warehouse: see BENCHMARKS.md.
# Usage: bench/run.sh [events=200000] [runs=3]   (from warehouse-service/; set JFR=1 to record a profile)
set -euo pipefail
cd "$(dirname "$0")/.."
source ../scripts/jdk.sh
use_tributary_java_home
../mvnw -q -o -pl warehouse-service -f ../pom.xml test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
JFR_OPTS=()
if [[ "${JFR:-0}" == "1" ]]; then
	JFR_OPTS=(-XX:StartFlightRecording=filename=target/bench.jfr,settings=profile -Dbench.storeJfr=target/bench-store.jfr)
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g "${JFR_OPTS[@]}" -cp "$CP" bench/IntakeBenchmark.java "$@"

#!/usr/bin/env bash
# Store-level benchmark, writes acknowledged before vs after they are on disk: see ../BENCHMARKS.md.
# Usage (from local-stack/): bench/durability.sh [seconds=20] [rounds=3] [bulk writers=3] [single writers=2] [batch=500]
set -euo pipefail
cd "$(dirname "$0")/.."
source ../scripts/jdk.sh
use_tributary_java_home
../mvnw -q -o -pl local-stack -f ../pom.xml test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -XX:+UseG1GC -cp "target/classes:$(cat target/bench.classpath)" bench/DurabilityBenchmark.java "$@"

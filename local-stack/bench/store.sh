#!/usr/bin/env bash
# Store-level benchmark, the library's H2 backend against ours: see ../BENCHMARKS.md.
# Usage (from local-stack/): bench/store.sh [documents=100000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source ../scripts/jdk.sh
use_tributary_java_home
../mvnw -q -o -pl local-stack -f ../pom.xml test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -cp "target/classes:$(cat target/bench.classpath)" bench/StoreBenchmark.java "$@"

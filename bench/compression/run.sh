#!/usr/bin/env bash
# Kafka's codecs on the services' record batches: CPU per batch built and read, as a Spring Boot jar loads them.
# Usage: bench/run compression [rounds=5] [batches per measurement=20000]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
# ingest-service's class path: the kafka-clients and codec versions the services run with.
CP=$(test_classpath ingest-service)
OUT=$ROOT/bench/compression/target/classes
mkdir -p "$OUT"
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -nowarn -d "$OUT" -cp "$CP" "$ROOT/bench/compression/CompressionBenchmark.java"
exec "$JAVA" -Xms256m -Xmx256m -XX:+UseSerialGC -cp "$OUT:$CP" CompressionBenchmark "$@"

#!/usr/bin/env bash
# End-to-end throughput of sentiment-service: see BENCHMARKS.md. Starts its own broker on
# free ports and the service on a random port; leaves nothing running.
#   sentiment-service/benchmark.sh [--posts 200000] [--runs 3] [--jfr] \
#     [--variants "c1=--tributary.sentiment.stream.concurrency=1;c2=--tributary.sentiment.stream.concurrency=2"]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
use_tributary_java_home
./mvnw -B -q -o -pl sentiment-service package -DskipTests
classpath=$(./mvnw -B -q -o -pl sentiment-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=/dev/stdout)
jar=$(ls sentiment-service/target/sentiment-service-*.jar | grep -v original | head -1)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -Dlogback.configurationFile=logback-benchmark.xml -cp "sentiment-service/target/test-classes:$classpath" \
  tributary.sentiment.benchmark.StreamBenchmark --jar "$jar" --out sentiment-service/target/benchmark "$@"

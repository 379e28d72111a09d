#!/usr/bin/env bash
# sentiment-service end to end through its own broker: posts scored per second, one service JVM.
# Usage: bench/run sentiment-service [--posts 200000] [--runs 3] [--jfr] \
#   [--variants "c1=--tributary.sentiment.stream.concurrency=1;c2=--tributary.sentiment.stream.concurrency=2"]
# Starts its own broker on free ports and the service on a random port; leaves nothing running.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
package_modules sentiment-service
CP=$(test_classpath sentiment-service)
jar=$(ls "$ROOT"/sentiment-service/target/sentiment-service-*.jar | grep -v original | head -1)
cd "$ROOT"
exec "$JAVA" -Xmx1g -Dlogback.configurationFile=logback-benchmark.xml -cp "$CP" \
  tributary.sentiment.benchmark.StreamBenchmark --jar "$jar" --out sentiment-service/target/benchmark "$@"

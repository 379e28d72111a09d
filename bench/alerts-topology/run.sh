#!/usr/bin/env bash
# The alerts topology's own CPU per record without Kafka: readings and posts through Kafka Streams' test driver on one thread.
# Usage: bench/run alerts-topology [records per pass=100000] [warm-up passes=3] [measured passes=5]
#   Prints this thread's CPU and allocation per record, per pass and their medians (TopologyPathBenchmark's javadoc says
#   what is in them). Thread CPU leaves out what other processes take, so builds compare run after run.
#   ALERTS_JAVA_OPTS replaces the JVM options (default: `./tributary`'s for the alerts-service).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
CP=$(test_classpath alerts-service)
read -r -a ALERTS_OPTS <<<"${ALERTS_JAVA_OPTS:--Xms64m -Xmx512m}"
exec "$JAVA" "${ALERTS_OPTS[@]}" -cp "$CP" tributary.alerts.topology.TopologyPathBenchmark "$@"

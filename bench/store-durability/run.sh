#!/usr/bin/env bash
# The embedded store: writes answered before they are on disk against after (group commit), per second and latency.
# Usage: bench/run store-durability [seconds=20] [rounds=3] [bulk writers=3] [single writers=2] [batch=500]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
CP=$(test_classpath local-stack)
cd "$ROOT/local-stack"
exec "$JAVA" -Xmx1g -XX:+UseG1GC -cp "$CP" "$ROOT/bench/store-durability/DurabilityBenchmark.java" "$@"

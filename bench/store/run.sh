#!/usr/bin/env bash
# The embedded store: the library's H2 backend against ours (inserts and reads per second).
# Usage: bench/run store [documents=100000] [rounds=3]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
CP=$(test_classpath local-stack)
cd "$ROOT/local-stack"
exec "$JAVA" -Xmx1g -cp "$CP" "$ROOT/bench/store/StoreBenchmark.java" "$@"

#!/usr/bin/env bash
# The warehouse's own CPU per record without Kafka: its listener fed batches on one thread, storing into the store.
# Usage: bench/run warehouse-record-path [records per pass=100000] [warm-up passes=3] [measured passes=5]
#   Prints this thread's CPU per record (what the consumer threads do), this JVM's (adding JIT and GC) and the store's, per pass
#   and their medians, and the bytes this thread allocated per record (what the collector has to reclaim).
#   Thread CPU leaves out what other processes take, so builds compare run after run.
#   WAREHOUSE_JAVA_OPTS replaces the JVM options (default: `./tributary`'s for the warehouse).
#   STORE_JAVA_OPTS adds options to the store JVM's (`./tributary`'s), e.g. "-Xlog:gc*:file=store-gc.log".
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
CP=$(test_classpath warehouse-service)
read -r -a WAREHOUSE_OPTS <<<"${WAREHOUSE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}"
exec "$JAVA" "${WAREHOUSE_OPTS[@]}" -Dbench.storeJavaOpts="${STORE_JAVA_OPTS:-}" -cp "$CP" tributary.warehouse.intake.RecordPathBenchmark "$@"

#!/usr/bin/env bash
# The warehouse against the MongoDB Kafka sink connector on Kafka Connect: records/s, CPU/record per JVM, ratio.
# Usage: bench/run warehouse-vs-connector [records=300000] [rounds=3] [consumer counts=3,1]
#   (a warm-up round runs first and is not counted; JFR=1 records warehouse-service/target/bench.jfr and
#   bench-store.jfr, the store of the last run; THREADS=1 prints the CPU per thread group of the side JVM (warehouse or
#   Connect) and of the broker for each run;
#   STORE_ARGS="--cache-mb 64" passes arguments to the store, tributary.local.LocalStore;
#   BROKER_JAVA_OPTS="-XX:StartFlightRecording=filename=broker.jfr" adds options to the broker JVM's;
#   WAREHOUSE_JAVA_OPTS="-Xmx1g -XX:+UseG1GC" replaces the JVM options of the benchmark's JVM, which hosts the warehouse;
#   MAX_POLL_RECORDS=5000 sets max.poll.records of both sides (2000 unless given);
#   STORE=shared runs one store JVM for all runs, a new database each, instead of a new store JVM per run;
#   at the end each store's count of durable write commands and sync rounds is printed, in the order the stores
#   ran, and the work folder under /tmp (hundreds of MB a run) is removed unless KEEP_WORK=1)
# The warehouse's CPU leaves out the benchmark's own threads in its JVM (the main thread, which waits for the
# warehouse's count of records taken, and the admin client that then asks for the committed offsets); THREADS=1
# prints how much that was.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
CP=$(test_classpath warehouse-service)
# The peer's class path from Maven Central: Kafka Connect at the broker's version and the connector (pom.xml).
PEER_CP=$ROOT/warehouse-service/target/bench-peer.classpath
(cd "$ROOT" && ./mvnw -B -q -f bench/warehouse-vs-connector/pom.xml dependency:build-classpath \
	-Dmdep.outputFile="$PEER_CP") >&2
JFR_OPTS=()
if [[ "${JFR:-0}" == "1" ]]; then
	JFR_OPTS=(-XX:StartFlightRecording=filename=$ROOT/warehouse-service/target/bench.jfr,settings=profile,jdk.ExecutionSample#period=2ms
		-Dbench.storeJfr=$ROOT/warehouse-service/target/bench-store.jfr)
fi
if [[ "${THREADS:-0}" == "1" ]]; then
	JFR_OPTS+=(-Dbench.threads=true)
fi
# The warehouse runs in this JVM: by default with the heap and collector `./tributary` gives it (command_of there).
read -r -a WAREHOUSE_OPTS <<<"${WAREHOUSE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}"
cd "$ROOT/warehouse-service"
exec "$JAVA" "${WAREHOUSE_OPTS[@]}" "${JFR_OPTS[@]}" -Dbench.peerClasspath="$PEER_CP" \
	-Dbench.storeArgs="${STORE_ARGS:-}" -Dbench.brokerJavaOpts="${BROKER_JAVA_OPTS:-}" -Dbench.store="${STORE:-per-run}" -Dbench.maxPollRecords="${MAX_POLL_RECORDS:-2000}" -Dbench.keepWork="$([[ "${KEEP_WORK:-0}" == 1 ]] && echo true || echo false)" -cp "$CP" "$ROOT/bench/warehouse-vs-connector/WarehouseVsConnector.java" "$@"

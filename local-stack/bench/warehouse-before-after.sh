#!/usr/bin/env bash
# The warehouse intake benchmark (warehouse-service/bench/IntakeBenchmark.java) against the
# store of an older local-stack jar and of the installed one, back to back in one go.
# Usage (from the repository root, after ./mvnw -pl local-stack install):
#   local-stack/bench/warehouse-before-after.sh OLD_LOCAL_STACK_JAR [events=100000] [runs=3]
# Build the old jar aside first, e.g.: git worktree add /tmp/old <commit> && (cd /tmp/old &&
#   ./mvnw -q -o -pl local-stack package -DskipTests) && cp /tmp/old/local-stack/target/*.jar /tmp/ls-old/
# Set STORE_JFR=1 to record the store JVM of the new run to local-stack/target/bench-store-new.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD_JAR=$(realpath "$1")
EVENTS=${2:-100000}
RUNS=${3:-3}
source scripts/jdk.sh
use_tributary_java_home
OUT=local-stack/target/bench
mkdir -p "$OUT"
./mvnw -q -o -pl warehouse-service test-compile dependency:build-classpath \
	-Dmdep.outputFile="$PWD/$OUT/warehouse.classpath" -Dmdep.includeScope=test
NEW_CP="warehouse-service/target/classes:warehouse-service/target/test-classes:$(cat "$OUT/warehouse.classpath")"
NEW_JAR=$(tr ':' '\n' <"$OUT/warehouse.classpath" | grep '/local-stack-[^/]*\.jar$')
OLD_CP=${NEW_CP//$NEW_JAR/$OLD_JAR}
if [[ "$OLD_CP" == "$NEW_CP" ]]; then
	echo "local-stack jar not found on the warehouse's classpath" >&2
	exit 1
fi
run() {
	local name=$1 cp=$2
	shift 2
	echo "== $name store ($(uptime | sed 's/.*load average/load average/'))"
	"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g "$@" -cp "$cp" warehouse-service/bench/IntakeBenchmark.java "$EVENTS" "$RUNS" \
		| tee "$OUT/$name.txt"
}
run old "$OLD_CP"
if [[ "${STORE_JFR:-0}" == "1" ]]; then
	run new "$NEW_CP" -Dbench.storeJfr="$PWD/$OUT/bench-store-new.jfr"
else
	run new "$NEW_CP"
fi
echo "== done ($(uptime | sed 's/.*load average/load average/'))"

#!/usr/bin/env bash
# The warehouse intake benchmark against the store of an older local-stack jar and of this checkout, back to back.
# Usage: bench/run store-before-after OLD_LOCAL_STACK_JAR [events=100000] [runs=3]
# Build the old jar aside first, e.g.: git worktree add /tmp/old <commit> && (cd /tmp/old &&
#   ./mvnw -q -pl local-stack package -DskipTests) && cp /tmp/old/local-stack/target/local-stack-*.jar /tmp/ls-old/
# Set STORE_JFR=1 to record the store JVM of the new run to local-stack/target/bench/bench-store-new.jfr.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
OLD_JAR=$(realpath "$1")
EVENTS=${2:-100000}
RUNS=${3:-3}
OUT=$ROOT/local-stack/target/bench
mkdir -p "$OUT"
NEW_CP=$(test_classpath warehouse-service)
# In a reactor build the warehouse reads local-stack's classes from its target folder; swap in the old jar.
NEW_STACK=$ROOT/local-stack/target/classes
OLD_CP=${NEW_CP//$NEW_STACK/$OLD_JAR}
if [[ "$OLD_CP" == "$NEW_CP" ]]; then
	echo "local-stack not found on the warehouse's class path" >&2
	exit 1
fi
cd "$ROOT/warehouse-service"
run() {
	local name=$1 cp=$2
	shift 2
	echo "== $name store ($(uptime | sed 's/.*load average/load average/'))"
	"$JAVA" -Xmx1g "$@" -cp "$cp" "$ROOT/bench/warehouse-intake/IntakeBenchmark.java" "$EVENTS" "$RUNS" \
		| tee "$OUT/$name.txt"
}
run old "$OLD_CP"
if [[ "${STORE_JFR:-0}" == "1" ]]; then
	run new "$NEW_CP" -Dbench.storeJfr="$OUT/bench-store-new.jfr"
else
	run new "$NEW_CP"
fi
echo "== done ($(uptime | sed 's/.*load average/load average/'))"

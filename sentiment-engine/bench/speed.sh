#!/usr/bin/env bash
# Texts scored per second on one thread, pinned to one core (JMH; not part of the build).
# Usage, from the repository root: sentiment-engine/bench/speed.sh [extra JMH options, e.g. -p corpus=written]
# The "dataset" corpus reads ../shared/datasets/vader-tweets/tweets_GroundTruth.txt (or -Dtributary.dataset=...)
# and falls back to the written texts when it is absent. Prints the median of the measured iterations.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source scripts/jdk.sh
use_tributary_java_home
./mvnw -B -q -pl sentiment-engine test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cp="sentiment-engine/target/test-classes:sentiment-engine/target/classes:$(cat sentiment-engine/target/bench-classpath.txt)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
result="sentiment-engine/target/jmh-result.json"
pin=()
if command -v taskset >/dev/null; then
	pin=(taskset -c "$(($(nproc) - 1))")
fi
"${pin[@]}" "$java" -Dtributary.dataset="$root/../shared/datasets/vader-tweets/tweets_GroundTruth.txt" -cp "$cp" \
	org.openjdk.jmh.Main ThroughputBenchmark -rf json -rff "$result" "$@"
python3 - "$result" <<'PY'
import json, statistics, sys
for run in json.load(open(sys.argv[1])):
    raw = [v for fork in run["primaryMetric"]["rawData"] for v in fork]
    print(f'{run["params"]["corpus"]:8s} median {statistics.median(raw):>12,.0f} texts/s  '
          f'(min {min(raw):,.0f}, max {max(raw):,.0f}, {len(raw)} iterations, JDK {run["jdkVersion"]})')
PY

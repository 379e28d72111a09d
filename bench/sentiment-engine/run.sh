#!/usr/bin/env bash
# The sentiment engine's speed: texts scored per second on one thread, pinned to one core (JMH).
# Usage: bench/run sentiment-engine [extra JMH options, e.g. -p corpus=written -p engine=model]
# engine=rules is the rules engine, engine=model the trained model (sentiment-engine/README.md); both by default.
# The "dataset" corpus reads ../shared/datasets/vader-tweets/tweets_GroundTruth.txt (or -Dtributary.dataset=...)
# and falls back to the written texts when it is absent. Prints the median of the measured iterations.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cp=$(test_classpath sentiment-engine)
result="$ROOT/sentiment-engine/target/jmh-result.json"
pin=()
if command -v taskset >/dev/null; then
	pin=(taskset -c "$(($(nproc) - 1))")
fi
"${pin[@]}" "$JAVA" -Dtributary.dataset="$ROOT/../shared/datasets/vader-tweets/tweets_GroundTruth.txt" -cp "$cp" \
	org.openjdk.jmh.Main ThroughputBenchmark -rf json -rff "$result" "$@"
python3 - "$result" <<'PY'
import json, statistics, sys
for run in json.load(open(sys.argv[1])):
    raw = [v for fork in run["primaryMetric"]["rawData"] for v in fork]
    print(f'{run["params"]["engine"]:6s} {run["params"]["corpus"]:8s} median {statistics.median(raw):>12,.0f} texts/s  '
          f'(min {min(raw):,.0f}, max {max(raw):,.0f}, {len(raw)} iterations, JDK {run["jdkVersion"]})')
PY

#!/usr/bin/env bash
# Accuracy of the sentiment engine on the VADER tweets ground truth (not part of the build).
# Usage, from the repository root: sentiment-engine/bench/accuracy.sh [path/to/tweets_GroundTruth.txt] [--errors N]
# Exit status: 0 when Pearson r >= 0.88 and 3-class accuracy >= 0.90, 1 below target, 2 when the data is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source scripts/jdk.sh
use_tributary_java_home
args=("$@")
if [[ ${#args[@]} -eq 0 || ${args[0]} == --* ]]; then
	args=("$root/../shared/datasets/vader-tweets/tweets_GroundTruth.txt" "${args[@]}")
fi
./mvnw -B -q -pl sentiment-engine test-compile
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp sentiment-engine/target/classes:sentiment-engine/target/test-classes \
	tributary.sentiment.engine.bench.AccuracyBenchmark "${args[@]}"

#!/usr/bin/env bash
# The accuracy of the rules engine and the trained model on the VADER tweets ground truth (Pearson r, 3-class
# accuracy, macro-F1), and the model's held-out SemEval figures from its provenance.
# Usage: bench/run sentiment-accuracy [path/to/tweets_GroundTruth.txt] [--errors N]
# Exit status: 0 when the rules engine has Pearson r >= 0.88 and 3-class accuracy >= 0.90 and the model has
# r >= 0.85, 1 below target, 2 when the data is missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
args=("$@")
if [[ ${#args[@]} -eq 0 || ${args[0]} == --* ]]; then
	args=("$ROOT/../shared/datasets/vader-tweets/tweets_GroundTruth.txt" "${args[@]}")
fi
cp=$(test_classpath sentiment-engine)
cd "$ROOT"
exec "$JAVA" -cp "$cp" tributary.sentiment.engine.bench.AccuracyBenchmark "${args[@]}"

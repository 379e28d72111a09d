#!/usr/bin/env bash
# Regenerates the golden scores (src/test/resources/.../golden.tsv) after an intended change of rules or lexicons.
# Usage: scripts/sentiment-golden.sh; then review `git diff` line by line and commit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/jdk.sh
use_tributary_java_home
./mvnw -B -q -pl sentiment-engine test-compile
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd sentiment-engine
exec "$java" -cp target/classes:target/test-classes tributary.sentiment.engine.GoldenFile

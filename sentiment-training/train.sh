#!/usr/bin/env bash
# Trains the sentiment model and writes sentiment-engine/src/main/resources/tributary/sentiment/model/
# sentiment-model.bin and sentiment-model.provenance.json: the one command that rebuilds exactly the committed model.
# Usage: sentiment-training/train.sh            train and write the model and its provenance
#        sentiment-training/train.sh --check    train and fail (exit 1) unless the bytes equal the committed model
#        sentiment-training/train.sh --search   try the settings around the chosen ones, print held-out figures
set -euo pipefail
source "$(dirname "$0")/../bench/lib.sh"
cp=$(test_classpath sentiment-training)
cd "$ROOT"
exec "$JAVA" -Xmx4g -cp "$cp" tributary.sentiment.training.Trainer "$@" "$ROOT"

#!/usr/bin/env bash
# Compares the pipelines in eval/pipelines/ (ensemble_cv.yml is config.yml) and prints a Markdown table.
#   MODE=crossval (default): k-fold cross-validation (FOLDS, default 5) on data/nlu/, each fold also
#     scoring the TF-IDF + logistic regression baseline on the same split (bot.nlu_eval.crossval).
#     This is how the pipeline is chosen. Slow: FOLDS trainings per pipeline.
#   MODE=heldout: train each pipeline once on data/nlu/, score it on tests/nlu/test_nlu.yml.
# Results go to reports/pipelines/ (a pipeline already scored there is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${MODE:-crossval}
FOLDS=${FOLDS:-5}
RASA_VENV=${RASA_VENV:-.venv-rasa}
out=reports/pipelines/$MODE
mkdir -p "$out"
export TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false
for cfg in eval/pipelines/*.yml; do
  name=$(basename "$cfg" .yml)
  dir="$out/$name"
  [ -f "$dir/result.json" ] && continue
  mkdir -p "$dir"
  echo "[compare] $name ($MODE)"
  start=$(date +%s)
  if [ "$MODE" = crossval ]; then
    nice -n 5 "$RASA_VENV/bin/python" -m bot.nlu_eval.crossval --config "$cfg" --folds "$FOLDS" \
      --report "$dir/report.md" --json "$dir/result.json" >"$dir/log.txt" 2>&1
  else
    "$RASA_VENV/bin/rasa" train nlu --config "$cfg" --out "$dir" --fixed-model-name model \
      --quiet >"$dir/log.txt" 2>&1
    "$RASA_VENV/bin/asumisbotti" eval --model "$dir/model.tar.gz" --report "$dir/report.md" \
      --min-accuracy 0 --min-crisis-recall 0 --json "$dir/result.json" >>"$dir/log.txt" 2>&1
  fi
  echo $(( $(date +%s) - start )) > "$dir/seconds"
done
"${APP_VENV:-.venv}/bin/python" -m bot.nlu_eval.compare "$out"

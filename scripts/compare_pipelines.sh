#!/usr/bin/env bash
# Compares config.yml with each ablation in eval/pipelines/ and prints a Markdown table.
#   MODE=heldout (default): train each pipeline once on data/, score it on tests/nlu/test_nlu.yml.
#   MODE=crossval: k-fold cross-validation (FOLDS, default 3) on data/; several times slower.
# Results go to reports/pipelines/ (a pipeline already scored there is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${MODE:-heldout}
FOLDS=${FOLDS:-3}
RASA_VENV=${RASA_VENV:-.venv-rasa}
out=reports/pipelines/$MODE
mkdir -p "$out"
export TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false
for cfg in config.yml eval/pipelines/*.yml; do
  name=$(basename "$cfg" .yml)
  dir="$out/$name"
  [ -f "$dir/result.json" ] && continue
  mkdir -p "$dir"
  echo "[compare] $name ($MODE)"
  start=$(date +%s)
  if [ "$MODE" = crossval ]; then
    "$RASA_VENV/bin/rasa" test nlu --cross-validation --folds "$FOLDS" --config "$cfg" \
      --out "$dir" --quiet >"$dir/log.txt" 2>&1
    cp "$dir/intent_report.json" "$dir/result.json"
  else
    "$RASA_VENV/bin/rasa" train nlu --config "$cfg" --out "$dir" --fixed-model-name model \
      --quiet >"$dir/log.txt" 2>&1
    "$RASA_VENV/bin/asumisbotti" eval --model "$dir/model.tar.gz" --report "$dir/report.md" \
      --min-accuracy 0 --min-crisis-recall 0 --json "$dir/result.json" >>"$dir/log.txt" 2>&1
  fi
  echo $(( $(date +%s) - start )) > "$dir/seconds"
done
"${APP_VENV:-.venv}/bin/python" -m bot.nlu_eval.compare "$out"

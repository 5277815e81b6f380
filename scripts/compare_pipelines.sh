#!/usr/bin/env bash
# Cross-validates config.yml and each ablation in eval/pipelines/ and prints a comparison table.
# Slow (one training per fold per config); results go to reports/pipelines/.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLDS=${FOLDS:-3}
RASA=${RASA_VENV:-.venv-rasa}/bin/rasa
out=reports/pipelines
mkdir -p "$out"
for cfg in config.yml eval/pipelines/*.yml; do
  name=$(basename "$cfg" .yml)
  [ -f "$out/$name/intent_report.json" ] && continue
  echo "[compare] $name ($FOLDS folds)"
  start=$(date +%s)
  "$RASA" test nlu --cross-validation --folds "$FOLDS" --config "$cfg" --out "$out/$name" --quiet \
    >"$out/$name.log" 2>&1
  echo $(( $(date +%s) - start )) > "$out/$name/seconds"
done
"${APP_VENV:-.venv}/bin/python" - "$out" <<'PY'
import json, sys, pathlib
root = pathlib.Path(sys.argv[1])
print("| pipeline | accuracy | macro F1 | weighted F1 | kriisi F1 | seconds |")
print("|---|---|---|---|---|---|")
for d in sorted(p for p in root.iterdir() if (p / "intent_report.json").exists()):
    r = json.loads((d / "intent_report.json").read_text())
    secs = (d / "seconds").read_text().strip() if (d / "seconds").exists() else "?"
    print(f"| {d.name} | {r['accuracy']:.3f} | {r['macro avg']['f1-score']:.3f} | "
          f"{r['weighted avg']['f1-score']:.3f} | {r.get('kriisi', {}).get('f1-score', 0):.3f} | {secs} |")
PY

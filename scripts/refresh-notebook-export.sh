#!/usr/bin/env bash
# Rewrites Notebooks-export/: the built-in portfolio's run with default settings (its CSV files and
# manifest) and the notebook export-notebook writes for it. Run after a change to the engine, the
# built-in scenario, the CSV files or the notebook builder; the tests check that the shipped notebook is
# what export-notebook writes now.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cofund >/dev/null
bin=$(swift build -c release --show-bin-path)/cofund
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" run --out "$work/run" --quiet --no-history
mkdir -p Notebooks-export/run
for f in summary.csv totals.csv budgets.csv assumptions.csv manifest.json; do
    cp "$work/run/$f" "Notebooks-export/run/$f"
done
"$bin" export-notebook Notebooks-export/run -o Notebooks-export/jinan-portfolio.ipynb
echo "Notebooks-export/ rewritten from $("$bin" --version 2>/dev/null || echo cofund)"

#!/usr/bin/env bash
# Paths needed for a stated precision, plain against `cofund run --stratify` (a Latin hypercube of
# the per-path inputs within each of the 20 batches), measured by replication: R runs of N paths
# with seeds 1 … R, each plain and stratified. The spread of an estimate over the seeds is its real
# standard error (no formula assumed); the squared ratio of the plain and the stratified spreads is
# how many times as many plain paths the same precision needs. Beside it, the standard error the
# stratified run reports (from its batches), averaged over the runs, against that spread.
#
#   Benchmarks/stratified-paths.sh [SCENARIO.yaml] [N] [R]     (defaults: built-in, 4000, 16)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-}
n=${2:-4000}
r=${3:-16}
swift build -c release --product cofund >/dev/null
bin=$(swift build -c release --show-bin-path)/cofund
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in $(seq 1 "$r"); do
    "$bin" run $scenario --paths "$n" --seed "$s" --no-history --quiet --no-bom --out "$work/plain$s" >/dev/null
    "$bin" run $scenario --paths "$n" --seed "$s" --no-history --quiet --no-bom --stratify --out "$work/strat$s" >/dev/null
done
python3 - "$work" "$n" "$r" <<'PY'
import csv, statistics, sys
work, n, r = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def rows(kind, name):
    return [list(csv.DictReader(open(f"{work}/{kind}{s}/{name}", encoding="utf-8"))) for s in range(1, r + 1)]
def total(run):
    return next(x for x in run if x["program"] == "all" and x["funder"] == "government" and x["period"] == "total" and x["flow"] == "net")
plain, strat = [total(x) for x in rows("plain", "summary.csv")], [total(x) for x in rows("strat", "summary.csv")]
print(f"{r} runs of {n} paths, plain and --stratify; standard errors are the spread over the runs")
print(f"{'statistic':<10} {'plain':>12} {'se':>8} {'stratified':>12} {'se':>8} {'paths ratio':>12} {'reported se':>12}")
for stat in ["mean", "p95", "cvar95"]:
    p, q = [float(x[stat]) for x in plain], [float(x[stat]) for x in strat]
    sp, sq = statistics.stdev(p), statistics.stdev(q)
    reported = f"{statistics.mean(float(x['se']) for x in strat):>12,.0f}" if stat == "mean" else ""
    print(f"{stat:<10} {statistics.mean(p):>12,.0f} {sp:>8,.0f} {statistics.mean(q):>12,.0f} {sq:>8,.0f} {(sp / sq) ** 2:>12.1f} {reported}")
cells = {}
for kind in ["plain", "strat"]:
    for run in rows(kind, "budgets.csv"):
        for x in run:
            cells.setdefault((x["line"], x["funder"], x["year"] or "total"), {}).setdefault(kind, []).append(x)
for (line, funder, year), both in cells.items():
    p, q = [float(x["p_over"]) for x in both["plain"]], [float(x["p_over"]) for x in both["strat"]]
    if not 0.02 < statistics.mean(p) < 0.98:
        continue
    sp, sq = statistics.stdev(p), statistics.stdev(q)
    reported = statistics.mean(float(x["p_over_se"]) for x in both["strat"])
    print(f"{'P(over)':<10} {statistics.mean(p):>12.4f} {sp:>8.4f} {statistics.mean(q):>12.4f} {sq:>8.4f} {(sp / sq) ** 2:>12.1f} {reported:>12.4f}  {line} {funder} {year}")
PY

#!/usr/bin/env bash
# Paths needed for a stated precision on a total's mean and tail, plain against cofund's methods,
# measured by replication: R runs of N paths with seeds 1 … R, each `cofund run --importance ID`.
# The spread of each estimate over the seeds is its real standard error (no formula assumed); the
# squared ratio of the plain and the weighted spreads is how many times as many plain paths the same
# precision needs. The mean is compared with its closed form (checks.csv), whose error is nil, and
# each budget's chance of an overrun with its control-variate estimate (budgets.csv).
#
#   Benchmarks/paths-needed.sh [SCENARIO.yaml] [N] [R] [ID]     (defaults: built-in, 4000, 16, government)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-}
n=${2:-4000}
r=${3:-16}
id=${4:-government}
swift build -c release --product cofund >/dev/null
bin=$(swift build -c release --show-bin-path)/cofund
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in $(seq 1 "$r"); do
    "$bin" run $scenario --paths "$n" --seed "$s" --no-history --quiet --no-bom --importance "$id" --out "$work/run$s" >/dev/null
done
python3 - "$work" "$n" "$r" "$id" <<'PY'
import csv, math, statistics, sys
work, n, r, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows, means = {}, []
for s in range(1, r + 1):
    for row in csv.DictReader(open(f"{work}/run{s}/importance.csv", encoding="utf-8")):
        rows.setdefault(row["statistic"], []).append(row)
    for row in csv.DictReader(open(f"{work}/run{s}/checks.csv", encoding="utf-8")):
        if row["program"] == "all" and row["funder"] == (target if target != "all" else "all") and row["period"] == "total" and row["flow"] == "net":
            means.append(row)
print(f"{r} runs of {n} paths, target {target}; standard errors are the spread over the runs")
print(f"{'statistic':<10} {'plain':>12} {'se':>8} {'method':>12} {'se':>8} {'paths ratio':>12}")
plain = [float(m["mean"]) for m in means]
closed = [m["closed_form"] or m["controlled_mean"] for m in means]
se = statistics.stdev(plain)
exact = all(m["closed_form"] for m in means)
cv = [float(m["controlled_mean"]) for m in means if m["controlled_mean"]]
cv_se = 0.0 if exact else (statistics.stdev(cv) if len(cv) > 1 else float("nan"))
label = "closed form" if exact else "ctrl variate"
ratio = "exact" if cv_se == 0 else f"{(se / cv_se) ** 2:.1f}"
print(f"{'mean':<10} {statistics.mean(plain):>12,.0f} {se:>8,.0f} {label:>12} {cv_se:>8,.0f} {ratio:>12}")
for stat, rs in rows.items():
    p = [float(x["plain_estimate"]) for x in rs]
    w = [float(x["estimate"]) for x in rs]
    sp, sw = statistics.stdev(p), statistics.stdev(w)
    print(f"{stat:<10} {statistics.mean(p):>12,.0f} {sp:>8,.0f} {statistics.mean(w):>12,.0f} {sw:>8,.0f} {(sp / sw) ** 2:>12.1f}")
cells = {}
for s in range(1, r + 1):
    for row in csv.DictReader(open(f"{work}/run{s}/budgets.csv", encoding="utf-8")):
        if row["p_over_controlled"]:
            cells.setdefault((row["line"], row["funder"], row["year"] or "total"), []).append(row)
for (line, funder, year), rs2 in cells.items():
    p = [float(x["p_over"]) for x in rs2]
    c = [float(x["p_over_controlled"]) for x in rs2]
    if not 0.02 < statistics.mean(p) < 0.98:
        continue
    sp, sc = statistics.stdev(p), statistics.stdev(c)
    print(f"{'P(over)':<10} {statistics.mean(p):>12.4f} {sp:>8.4f} {statistics.mean(c):>12.4f} {sc:>8.4f} {(sp / sc) ** 2:>12.1f}  {line} {funder} {year}, control variate")
pilot = int(rs[0]["pilot_paths"])
print(f"importance sampling simulates {pilot + n} paths (pilot and weighted pass) for the plain run's {n}: "
      f"divide a paths ratio by {(pilot + n) / n:.2f} for the ratio of work.")
PY

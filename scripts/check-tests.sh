#!/usr/bin/env bash
# Before every commit (and in CI): the tests read no clock. A test that compares elapsed time fails
# on a loaded machine and rejects good work; tests bound work (steps, nodes, characters) instead, and
# speed is measured in Benchmarks/.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='ContinuousClock|SuspendingClock|DispatchTime|timeIntervalSince|(^|[^A-Za-z_])Date\(\)|\.measure[ ({]|clock_gettime|CFAbsoluteTimeGetCurrent|executionTimeAllowance'
if hits=$(grep -rnE "$pattern" Tests); then
    echo "Tests must not read a clock (bound work instead; time goes in Benchmarks/):" >&2
    echo "$hits" >&2
    exit 1
fi
echo "check-tests: no clock in Tests/"

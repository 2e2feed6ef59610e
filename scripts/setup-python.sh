#!/usr/bin/env bash
# Makes .venv/ in the project root: the Python that executes exported notebooks in the tests and reads
# the CSV files back with pandas. A project venv rather than the system Python, because Debian's
# Python refuses `pip install` (PEP 668) and because a test should not depend on what was installed
# by hand.
#
# Idempotent: returns at once when .venv/.cofund-packages lists the same packages as PACKAGES below.
# Safe to run twice at once (the tests may start it while a developer does): the second waits on a
# lock in .venv/ and then finds the work done. Quiet unless it fails; then it says what failed and
# exits non-zero.
set -euo pipefail

PACKAGES="nbformat nbclient ipykernel pandas matplotlib openpyxl selenium"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.cofund-packages"
LOG="$VENV/.setup.log"

fail() {
    echo "scripts/setup-python.sh: $*" >&2
    if [ -s "$LOG" ]; then
        echo "--- last lines of $LOG ---" >&2
        tail -n 25 "$LOG" >&2
    fi
    exit 1
}

ready() {
    [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$PACKAGES" ] && "$VENV/bin/python" -c '' 2>/dev/null
}

ready && exit 0

command -v flock >/dev/null || fail "flock is missing (Debian: apt-get install -y util-linux)"
mkdir -p "$VENV" || fail "cannot create $VENV"
exec 9>"$VENV/.setup.lock" || fail "cannot open the lock file $VENV/.setup.lock"
flock 9 || fail "cannot lock $VENV/.setup.lock"
# Another process may have finished the work while this one waited for the lock.
ready && exit 0
rm -f "$STAMP"
: >"$LOG"

# apt-get as root, or through sudo.
apt_install() {
    command -v apt-get >/dev/null || return 1
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || return 1
        sudo="sudo"
    fi
    echo "scripts/setup-python.sh: installing $* with apt-get" >&2
    $sudo apt-get update -qq >>"$LOG" 2>&1 \
        && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >>"$LOG" 2>&1
}

if ! command -v python3 >/dev/null; then
    apt_install python3 python3-venv || fail "python3 is missing: install Python 3 (Debian: apt-get install -y python3 python3-venv)"
fi

# A venv whose interpreter no longer starts (its base Python was upgraded or removed) is made again.
if ! "$VENV/bin/python" -c '' 2>/dev/null; then
    if ! python3 -m venv "$VENV" >>"$LOG" 2>&1; then
        # Debian ships venv's pip bootstrap (ensurepip) in a separate package.
        apt_install python3-venv || fail "python3 -m venv failed: install the venv module (Debian: apt-get install -y python3-venv)"
        python3 -m venv "$VENV" >>"$LOG" 2>&1 || fail "python3 -m venv $VENV failed"
    fi
fi

# shellcheck disable=SC2086 # PACKAGES is a list of words.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $PACKAGES >>"$LOG" 2>&1 \
    || fail "pip could not install $PACKAGES into $VENV (is PyPI reachable?)"
"$VENV/bin/python" -c 'import nbformat, nbclient, ipykernel, pandas, matplotlib, openpyxl' >>"$LOG" 2>&1 \
    || fail "the packages were installed but do not import in $VENV"
echo "$PACKAGES" >"$STAMP"

#!/usr/bin/env bash
# Installs what building and testing cofund needs on Debian or Ubuntu: GSL and pkg-config (the
# simulation links libgsl through pkg-config), the SQLite headers (the run history links the system's
# libsqlite3 through GRDB), Chromium and chromedriver (the drafting page's browser test drives them
# through Selenium), then the project's Python venv (scripts/setup-python.sh) that the notebook, CSV
# and browser tests run. Returns quickly when everything is there already, so that
# `scripts/setup.sh && swift run -c release cofund run` can be typed every time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DEBIAN_PACKAGES="libgsl-dev libxlsxwriter-dev libsqlite3-dev pkg-config chromium chromium-driver"

fail() {
    echo "scripts/setup.sh: $*" >&2
    exit 1
}

# shellcheck disable=SC2086 # DEBIAN_PACKAGES is a list of words.
if ! dpkg -s $DEBIAN_PACKAGES >/dev/null 2>&1; then
    command -v apt-get >/dev/null \
        || fail "no apt-get: install GSL, pkg-config, the SQLite headers, Chromium and chromedriver yourself (macOS: brew install gsl pkg-config; brew install --cask chromium chromedriver), then run scripts/setup-python.sh"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || fail "run as root, or install sudo, to apt-get install $DEBIAN_PACKAGES"
        SUDO=sudo
    fi
    $SUDO apt-get update -qq || fail "apt-get update failed"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $DEBIAN_PACKAGES >/dev/null \
        || fail "apt-get install $DEBIAN_PACKAGES failed"
fi

scripts/setup-python.sh

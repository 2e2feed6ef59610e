#!/usr/bin/env bash
# Checks Sources/ and Tests/ against .swift-format (swift-format of the toolchain, `swift format`);
# prints each finding and exits non-zero when there is one. It reformats nothing: run
# `swift format format -i -r Sources Tests --configuration .swift-format` for that.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict -r Sources Tests --configuration .swift-format

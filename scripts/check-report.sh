#!/usr/bin/env bash
# Checks a cofund report in a real browser: renders RUN_DIR/report.html with headless Chromium to a
# PNG and fails (exit 1) when the page does not load, the PNG is missing or blank, or the HTML
# lacks its charts or a section heading.
#
#   scripts/check-report.sh RUN_DIR [OUT.png]        (default OUT.png: RUN_DIR/report.png)
#
# WINDOW_SIZE=W,H sets the browser window, and so the screenshot (default 1280,4000).
# Needs: apt-get install -y chromium fonts-noto-cjk (python3, if present, checks the PNG's pixels).
set -euo pipefail

fail() { echo "check-report: $*" >&2; exit 1; }
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 RUN_DIR [OUT.png]" >&2; exit 2; }

dir=$1
html="$dir/report.html"
out=${2:-$dir/report.png}
window=${WINDOW_SIZE:-1280,4000}
[ -s "$html" ] || fail "$html is missing or empty"

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null; then browser=$b; break; fi
done
[ -n "$browser" ] || fail "no Chromium found: apt-get install -y chromium fonts-noto-cjk"

# file:// URL of the report, spaces and other special characters percent-encoded.
abs="$(cd "$(dirname "$html")" && pwd)/report.html"
url="file://$(printf '%s' "$abs" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/#/%23/g' -e 's/?/%3F/g')"

# 1. The HTML: self-contained, with the charts and the headings of its kind of page.
kind=$(sed -n 's/.*<meta name="cofund-report" content="\([a-z]*\)">.*/\1/p' "$html" | head -n 1)
case $kind in
    run) min_svg=4
         headings=("Exposure by funder" "Expected exposure by year" "Spread of yearly exposure" "Distribution of the grand total"
                   "Budgets at risk" "Programs and assumptions" "Parameters" "Run manifest") ;;
    compare) min_svg=2
         headings=("Change by funder" "Change by year" "Programs that move each funder most" "Run manifest") ;;
    sweep) min_svg=1
         headings=("Exposure against the swept values" "Sweep results" "Run manifest") ;;
    sensitivity) min_svg=0
         headings=("Drivers of exposure" "Drivers of each budget line" "Parameters or chance" "Sensitivity ranking" "Run manifest") ;;
    stress) min_svg=1
         headings=("The bad years" "Run manifest") ;;
    *) fail "$html is not a cofund report (no <meta name=\"cofund-report\">)" ;;
esac
svgs=$(grep -o '<svg' "$html" | wc -l)
[ "$svgs" -ge "$min_svg" ] || fail "$svgs charts (<svg>) in a $kind report; expected at least $min_svg"
for h in "${headings[@]}"; do
    grep -qF "<h2>$h</h2>" "$html" || fail "missing section: $h"
done
if grep -qiE '<script|https?://|url\(' "$html"; then fail "not self-contained: a script or a reference to the network"; fi

# 2. The page loads: the DOM Chromium builds holds every section.
dom=$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "$url" 2>/dev/null) \
    || fail "Chromium could not load $url"
for h in "${headings[@]}"; do
    grep -qF "<h2>$h</h2>" <<<"$dom" || fail "Chromium's page lacks the section $h"
done
[ "$(grep -o '<svg' <<<"$dom" | wc -l)" -ge "$min_svg" ] || fail "Chromium's page lacks the charts"

# 3. The screenshot.
mkdir -p "$(dirname "$out")"
rm -f "$out"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$window" --screenshot="$out" "$url" >/dev/null 2>&1 || fail "Chromium could not take the screenshot"
[ -s "$out" ] || fail "no screenshot written to $out"

# 4. Not blank: enough dark pixels (text) and enough colors (charts).
if command -v python3 >/dev/null; then
    python3 - "$out" <<'PY' || fail "the screenshot $out is blank"
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat, width = 8, [], 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, color = struct.unpack(">IIBB", body[:10])
        if depth != 8 or color not in (2, 6):
            sys.exit(f"unexpected PNG format (depth {depth}, color type {color})")
        bpp = 3 if color == 2 else 4
    elif kind == b"IDAT":
        idat.append(body)
    pos += 12 + length
raw = zlib.decompress(b"".join(idat))
stride = width * bpp
prev = bytearray(stride)
dark = colored = 0
colors = set()
for y in range(height):
    f = raw[y * (stride + 1)]
    row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride): row[i] = (row[i] + row[i - bpp]) & 255
    elif f == 2:
        row = bytearray((a + b) & 255 for a, b in zip(row, prev))
    elif f == 3:
        for i in range(stride): row[i] = (row[i] + ((row[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
    prev = row
    if y % 4 == 0:
        for x in range(0, stride, bpp * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r + g + b < 300: dark += 1
            if max(r, g, b) - min(r, g, b) > 60: colored += 1
            colors.add((r >> 4, g >> 4, b >> 4))
sampled = (height // 4 + 1) * (width // 2 + 1)
print(f"check-report: {width}x{height} screenshot, {100 * dark / sampled:.1f}% dark, {100 * colored / sampled:.1f}% colored, {len(colors)} colors")
if dark / sampled < 0.001 or colored / sampled < 0.0002 or len(colors) < 8:
    sys.exit(1)
PY
elif command -v identify >/dev/null; then
    [ "$(identify -format '%k' "$out")" -ge 8 ] || fail "the screenshot $out is blank"
else
    echo "check-report: neither python3 nor ImageMagick: the screenshot's pixels were not checked" >&2
fi

echo "check-report: $html ($kind) is OK: $svgs charts, ${#headings[@]} sections; screenshot $out ($(du -h "$out" | cut -f1))"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders switchboard.svg into the committed PNG sizes (hicolor theme), the Windows .ico and the
# macOS .icns. Run it after changing the SVG and commit the results; the build does not need these
# tools. Debian: apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for tool in rsvg-convert icotool png2icns; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing (see the header)" >&2; exit 1; }
done
sizes=(16 22 24 32 48 64 128 256 512)
mkdir -p png
for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" switchboard.svg --output "png/switchboard-$size.png"
done
icotool --create --output switchboard.ico \
    png/switchboard-{16,24,32,48,64}.png --raw=png/switchboard-256.png
png2icns switchboard.icns png/switchboard-{16,32,48,128,256,512}.png >/dev/null
echo "Rendered: png/switchboard-{$(IFS=,; echo "${sizes[*]}")}.png switchboard.ico switchboard.icns"

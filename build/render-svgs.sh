#!/usr/bin/env bash
# Renders every SVG the project writes with a real renderer and checks the pictures (CI).
#
#   bash build/render-svgs.sh
#
# (a) runs samples/WorkedExample, samples/Iris and samples/Digits with --plots into a temporary folder: the worked
#     example's diagram (every weight labelled), Iris's network (neurons drawn, weight matrices counted), Digits's
#     network (one box per layer), the training curves and the confusion matrices; plus the checked-in docs/images;
# (b) renders each with rsvg-convert (Debian's librsvg2-bin, installed when missing) to PNG;
# (c) checks each PNG: the size the SVG declares, and not blank (enough non-white pixels, several colours), with a
#     small PNG reader in python3's standard library (zlib, no imaging package).
# The PNGs are left in artifacts/rendered-svgs/ for a look.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "render-svgs: $*"; }
fail() { echo "render-svgs: FAILED: $*" >&2; exit 1; }

if ! command -v rsvg-convert >/dev/null 2>&1; then
    say "installing librsvg2-bin (rsvg-convert)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends librsvg2-bin >/dev/null 2>&1 \
        || { apt-get update >/dev/null && apt-get install -y --no-install-recommends librsvg2-bin >/dev/null; } \
        || fail "could not install librsvg2-bin"
fi
rsvg-convert --version

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=artifacts/rendered-svgs
rm -rf "$out"
mkdir -p "$out" "$tmp/svg"

say "(a) writing the SVGs"
dotnet run --project samples/WorkedExample -- --plots "$tmp/svg" > "$tmp/worked.txt" || { cat "$tmp/worked.txt"; fail "samples/WorkedExample"; }
dotnet run -c Release --project samples/Iris -- --plots "$tmp/svg" > "$tmp/iris.txt" || { cat "$tmp/iris.txt"; fail "samples/Iris"; }
dotnet run -c Release --project samples/Digits -- --plots "$tmp/svg" > "$tmp/digits.txt" || { cat "$tmp/digits.txt"; fail "samples/Digits"; }
shopt -s nullglob
for f in docs/images/*.svg; do cp "$f" "$tmp/svg/docs-$(basename "$f")"; done
shopt -u nullglob

expected=(mazur-diagram iris-training iris-network iris-confusion digits-training digits-network digits-confusion)
for name in "${expected[@]}"; do
    [ -f "$tmp/svg/$name.svg" ] || fail "the samples did not write $name.svg"
done

say "(b) rendering and (c) checking"
count=0
for svg in "$tmp"/svg/*.svg; do
    name=$(basename "$svg" .svg)
    rsvg-convert "$svg" -o "$out/$name.png" || fail "rsvg-convert could not render $name.svg"
    python3 - "$svg" "$out/$name.png" <<'PY' || fail "$name.png"
import re, struct, sys, zlib

svg_path, png_path = sys.argv[1], sys.argv[2]
head = open(svg_path, encoding="utf-8").read(2000)
m = re.search(r'<svg[^>]*\swidth="([0-9.]+)"[^>]*\sheight="([0-9.]+)"', head)
if not m:
    sys.exit(f"{svg_path}: no width/height on <svg>")
want_w, want_h = round(float(m.group(1))), round(float(m.group(2)))

data = open(png_path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat, width = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
if width is None or depth != 8 or colour not in (2, 6):
    sys.exit(f"unexpected PNG format (depth {depth}, colour type {colour})")
if (width, height) != (want_w, want_h):
    sys.exit(f"rendered {width}x{height}, the SVG says {want_w}x{want_h}")

channels = 4 if colour == 6 else 3
raw, stride = zlib.decompress(idat), width * channels
rows, previous, i = [], bytearray(stride), 0
for _ in range(height):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b, c = previous[x], previous[x - channels] if x >= channels else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    previous = line

ink, colours = 0, set()
for line in rows:
    for x in range(0, stride, channels):
        px = tuple(line[x:x + 3])
        alpha = line[x + 3] if channels == 4 else 255
        if alpha > 0 and px != (255, 255, 255):
            ink += 1
            colours.add(px)
share = ink / (width * height)
if share < 0.01 or len(colours) < 3:
    sys.exit(f"looks blank: {share:.2%} non-white pixels, {len(colours)} colours")
print(f"  {png_path}: {width}x{height}, {share:.1%} ink, {len(colours)} colours")
PY
    count=$((count + 1))
done
say "all $count SVGs render, at their declared size, and none is blank"

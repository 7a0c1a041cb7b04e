#!/usr/bin/env bash
# The README's pictures and walk-through, regenerated from the samples (deterministic: invariant culture, seeded
# training, fixed sizes), into docs/images/:
#   mazur-diagram.svg      MazurNet.ToDiagramSvg()            (samples/WorkedExample)
#   walkthrough.md         MazurNet.WriteWalkthrough(...)     (samples/WorkedExample)
#   iris-training.svg      the Iris training curve            (samples/Iris)
#   iris-confusion.svg     its held-out confusion matrix      (samples/Iris)
#
#   bash build/images.sh           rewrite docs/images/ (after an intended change; review the diff)
#   bash build/images.sh --check   regenerate into a temporary folder and compare byte for byte (CI)
#
# On linux-x64: Iris's training calls the C library's exp and tanh, whose last bit can differ on other systems.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [ "${1:-}" = "--check" ]; then check=true; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dotnet run --project samples/WorkedExample -- --plots "$tmp" > "$tmp/worked.txt" || { cat "$tmp/worked.txt"; exit 1; }
dotnet run -c Release --project samples/Iris -- --plots "$tmp" > "$tmp/iris.txt" || { cat "$tmp/iris.txt"; exit 1; }

files=(mazur-diagram.svg walkthrough.md iris-training.svg iris-confusion.svg)
if $check; then
    status=0
    for f in "${files[@]}"; do
        if ! cmp -s "$tmp/$f" "docs/images/$f"; then
            echo "images: docs/images/$f is not what the samples write now (if intended: bash build/images.sh, then review the diff)" >&2
            diff -u "docs/images/$f" "$tmp/$f" | head -20 >&2 || true
            status=1
        fi
    done
    [ $status -eq 0 ] && echo "images: docs/images/ is byte for byte what the samples write"
    exit $status
fi

mkdir -p docs/images
for f in "${files[@]}"; do cp "$tmp/$f" "docs/images/$f"; done
echo "images: wrote ${files[*]} to docs/images/"

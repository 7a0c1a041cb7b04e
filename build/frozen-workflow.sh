#!/usr/bin/env bash
# The train -> export -> freeze workflow, end to end (README.md, "Train, export, freeze"):
#  (a) trains samples/Iris with --export into a temporary folder, twice (the second time in a German culture), and
#      checks the three exported files are byte-identical to the checked-in samples/IrisFrozen/iris-trained.* files:
#      a fresh clone reproduces them;
#  (b) builds and runs samples/IrisFrozen (the export compiled frozen), which checks every held-out prediction and
#      output against the trainer's bit for bit; checks its accuracy and confusion matrix are the trainer's;
#  (c) publishes samples/IrisFrozen with NativeAOT for linux-x64 (PublishAot is set in its project file) with every
#      warning an error, runs the native executable alone in an empty folder (with only its data files), checks it
#      prints exactly what the JIT-compiled app printed, and prints its size.
# Installs the native toolchain (clang, zlib1g-dev) from Debian's packages when missing, as build/aot-test.sh does.
# Exits non-zero on any failure. Usage: build/frozen-workflow.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

start=$SECONDS
step_start=$SECONDS
fail() { echo "frozen-workflow: FAIL: $*" >&2; exit 1; }
say() { echo "frozen-workflow: $*"; }
took() { say "  ($(( SECONDS - step_start )) s)"; step_start=$SECONDS; }

art="artifacts/frozen-workflow"
rm -rf "$art" && mkdir -p "$art"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/backpropgen-frozen.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
files=(iris-trained.json iris-trained.preprocessing.cs iris-trained.heldout.csv)

# (a) Train and export; the export must reproduce the checked-in files byte for byte, in any culture.
say "(a) dotnet run -c Release --project samples/Iris -- --min-accuracy 0.95 --export <temp>/iris-trained.json"
dotnet build samples/Iris -c Release -nologo -v:q > "$art/iris-build.log" 2>&1 || { cat "$art/iris-build.log"; fail "building samples/Iris failed"; }
dotnet run -c Release --project samples/Iris --no-build -- --min-accuracy 0.95 --export "$tmp/export/iris-trained.json" > "$art/trainer.txt" \
  || { cat "$art/trainer.txt"; fail "the trainer exited non-zero"; }
LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 dotnet run -c Release --project samples/Iris --no-build -- --export "$tmp/export-de/iris-trained.json" > "$art/trainer-de.txt" \
  || { cat "$art/trainer-de.txt"; fail "the trainer exited non-zero in the de-DE culture"; }
for f in "${files[@]}"; do
  cmp -s "$tmp/export/$f" "$tmp/export-de/$f" || { diff "$tmp/export/$f" "$tmp/export-de/$f" | head -n 20 || true; fail "$f differs between two runs (invariant vs de-DE culture)"; }
  cmp -s "$tmp/export/$f" "samples/IrisFrozen/$f" || {
    diff "samples/IrisFrozen/$f" "$tmp/export/$f" | head -n 20 || true
    fail "the export does not reproduce the checked-in samples/IrisFrozen/$f (if the change is intended: dotnet run -c Release --project samples/Iris -- --export samples/IrisFrozen/iris-trained.json)"
  }
  cp "$tmp/export/$f" "$art/"
  say "  $f: $(stat -c %s "$tmp/export/$f") bytes, identical to the checked-in file (and in the de-DE culture)"
done
trainer_accuracy="$(sed -n 's/^Held-out accuracy: .*(\([0-9]*\/[0-9]*\)).*/\1/p' "$art/trainer.txt")"
[ -n "$trainer_accuracy" ] || { cat "$art/trainer.txt"; fail "no held-out accuracy in the trainer's output"; }
grep -A 4 '^Confusion matrix' "$art/trainer.txt" > "$art/trainer-confusion.txt"
say "  trainer's held-out accuracy: $trainer_accuracy"
took

# (b) The frozen consumer, JIT-compiled: the same accuracy, the same confusion matrix, every row bit for bit.
say "(b) dotnet run -c Release --project samples/IrisFrozen -- --expect-accuracy $trainer_accuracy"
dotnet build samples/IrisFrozen -c Release -nologo -v:q > "$art/frozen-build.log" 2>&1 || { cat "$art/frozen-build.log"; fail "building samples/IrisFrozen failed"; }
dotnet run -c Release --project samples/IrisFrozen --no-build -- --expect-accuracy "$trainer_accuracy" > "$art/jit.txt" \
  || { cat "$art/jit.txt"; fail "the frozen app (JIT) exited non-zero"; }
grep -A 4 '^Confusion matrix' "$art/jit.txt" > "$art/jit-confusion.txt"
cmp -s "$art/trainer-confusion.txt" "$art/jit-confusion.txt" \
  || { diff "$art/trainer-confusion.txt" "$art/jit-confusion.txt" || true; fail "the frozen app's confusion matrix differs from the trainer's"; }
sed -n '/^Held-out accuracy/,$p' "$art/jit.txt" | sed 's/^/  /'
took

# (c) NativeAOT: the same app as a native executable, without warnings, printing the same.
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt_get[@]}" update -qq >/dev/null
  "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
out="$art/linux-x64"
log="$art/publish.log"
say "(c) dotnet publish samples/IrisFrozen -c Release -r linux-x64 (PublishAot=true, warnings are errors); $(clang --version | head -n 1)"
if ! dotnet publish samples/IrisFrozen -c Release -r linux-x64 -warnaserror -nologo -o "$out" > "$log" 2>&1; then
  cat "$log"; fail "the NativeAOT publish failed"
fi
if grep -E -i ": warning |warning (IL|CS|NETSDK|NU)[0-9]" "$log"; then fail "the NativeAOT publish printed warnings"; fi
grep -q "Generating native code" "$log" || { cat "$log"; fail "the publish did not run the NativeAOT compiler"; }
exe="$out/IrisFrozen"
[ -x "$exe" ] || fail "no native executable at $exe"
[ "$(head -c 4 "$exe" | od -An -c | tr -d ' ')" = "177ELF" ] || fail "$exe is not an ELF executable"
! ls "$out"/*.dll >/dev/null 2>&1 || fail "assemblies were published next to the native executable: $(ls "$out"/*.dll | tr '\n' ' ')"

# The executable alone in an empty folder, with only the data it reads (the Iris rows and the trainer's predictions).
alone="$tmp/native"
mkdir -p "$alone/data"
cp "$exe" "$alone/"
cp "$out/data/iris.csv" "$alone/data/"
cp "$out/iris-trained.heldout.csv" "$alone/"
set +e
(cd "$alone" && ./IrisFrozen --expect-accuracy "$trainer_accuracy") > "$art/native.txt"
status=$?
set -e
[ "$status" -eq 0 ] || { cat "$art/native.txt"; fail "the native executable exited with $status"; }
cmp -s "$art/jit.txt" "$art/native.txt" \
  || { diff "$art/jit.txt" "$art/native.txt" || true; fail "the native executable's output differs from the JIT-compiled app's"; }
size="$(stat -c %s "$exe")"
say "  native output identical to the JIT output ($(wc -l < "$art/native.txt") lines, exit 0)"
say "  $exe: $size bytes ($(( (size + 1023) / 1024 )) KiB); published files: $(cd "$out" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')"
took

say "OK: train -> export -> freeze reproduced, frozen predictions identical to the trainer's (JIT and NativeAOT); $(( SECONDS - start )) s in all"

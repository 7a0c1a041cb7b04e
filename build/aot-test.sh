#!/usr/bin/env bash
# NativeAOT: publishes samples/WorkedExample for linux-x64 (PublishAot is set in its project file) with every
# warning an error, checks that no trim/AOT warning was printed, runs the native executable alone in an empty
# folder (so it needs no BackpropGen.dll or any other file) and checks it prints exactly what the JIT-compiled
# sample prints and exits 0. Installs the native toolchain (clang, zlib1g-dev) from Debian's packages when missing.
# Usage: build/aot-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "aot-test: FAIL: $*" >&2; exit 1; }

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "aot-test: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt_get[@]}" update -qq >/dev/null
  "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "aot-test: native toolchain: $(clang --version | head -n 1)"

out="artifacts/aot/linux-x64"
log="artifacts/aot/publish.log"
rm -rf "$out" && mkdir -p "$out"
echo "aot-test: dotnet publish samples/WorkedExample -c Release -r linux-x64 (PublishAot=true, warnings are errors)"
if ! dotnet publish samples/WorkedExample -c Release -r linux-x64 -warnaserror -nologo -o "$out" > "$log" 2>&1; then
  cat "$log"; fail "the NativeAOT publish failed"
fi
if grep -E -i ": warning |warning (IL|CS|NETSDK|NU)[0-9]" "$log"; then fail "the NativeAOT publish printed warnings"; fi
grep -q "Generating native code" "$log" || { cat "$log"; fail "the publish did not run the NativeAOT compiler"; }

exe="$out/WorkedExample"
[ -x "$exe" ] || fail "no native executable at $exe"
file_type="$(head -c 4 "$exe" | od -An -c | tr -d ' ')"
[ "$file_type" = "177ELF" ] || fail "$exe is not an ELF executable"
[ ! -e "$out/BackpropGen.dll" ] || fail "BackpropGen.dll was published next to the native executable"
[ ! -e "$out/WorkedExample.dll" ] || fail "WorkedExample.dll was published: not a NativeAOT publish"
size="$(stat -c %s "$exe")"
echo "aot-test: $exe: $size bytes ($(( (size + 1023) / 1024 )) KiB), published files: $(ls "$out" | tr '\n' ' ')"

# The reference: the same sample, JIT-compiled.
dotnet build samples/WorkedExample -nologo -v:q > artifacts/aot/jit-build.log 2>&1 || { cat artifacts/aot/jit-build.log; fail "the JIT build failed"; }
dotnet run --project samples/WorkedExample --no-build > artifacts/aot/jit.txt || fail "the JIT-compiled sample exited non-zero"

# The native executable alone in an empty folder.
alone="$(mktemp -d "${TMPDIR:-/tmp}/backpropgen-aot.XXXXXX")"
trap 'rm -rf "$alone"' EXIT
cp "$exe" "$alone/"
set +e
(cd "$alone" && ./WorkedExample) > artifacts/aot/native.txt
status=$?
set -e
[ "$status" -eq 0 ] || { cat artifacts/aot/native.txt; fail "the native executable exited with $status"; }
cmp -s artifacts/aot/jit.txt artifacts/aot/native.txt \
  || { diff artifacts/aot/jit.txt artifacts/aot/native.txt || true; fail "the native executable's report differs from the JIT-compiled sample's"; }
tail -n 4 artifacts/aot/native.txt | sed 's/^/  /'
echo "aot-test: OK (native report identical to the JIT report, $(wc -l < artifacts/aot/native.txt) lines, exit 0)"

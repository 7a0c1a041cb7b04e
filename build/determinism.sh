#!/usr/bin/env bash
# Same bits everywhere (issue 14): runs tests/BackpropGen.Determinism (every layout, double and float, trainable and
# frozen, every method, a few training steps; one SHA-256 per network and method) under the JIT as the machine is, then
# with vector ISAs switched off, then as a NativeAOT binary, and fails with a readable diff if any hash differs from the
# first run's, or if a knob did not take effect (each run prints the ISA the process really has).
#
# Knobs, as .NET 10 honours them (checked here on an AVX-512 machine):
#   DOTNET_EnableAVX512=0      Vector512 off. .NET 10 ignores DOTNET_EnableAVX512F (set too, for older runtimes).
#   DOTNET_EnableAVX2=0        Vector256 off, and FMA with it (.NET 10 switches the AVX2/BMI/FMA/LZCNT/MOVBE group together).
#   DOTNET_EnableFMA=0         not honoured alone by .NET 10: run anyway; if FMA stays on, the AVX2 run is the no-FMA run.
#   DOTNET_EnableHWIntrinsic=0 no SIMD at all: Vector128 off, the scalar paths.
#   NativeAOT                  compiled ahead of time for the default target (no AVX2 or AVX-512 assumed).
# A knob whose feature the machine lacks in the first run is reported, not failed.
# Usage: build/determinism.sh [--no-aot]
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=tests/BackpropGen.Determinism
out=artifacts/determinism
aot=1
[ "${1:-}" = "--no-aot" ] && aot=0
fail() { echo "determinism: FAIL: $*" >&2; exit 1; }
mkdir -p "$out"

echo "determinism: dotnet build $project -c Release"
dotnet build "$project" -c Release -nologo -v:q > "$out/build.log" 2>&1 || { cat "$out/build.log"; fail "the build failed"; }
dll="$project/bin/Release/net10.0/BackpropGen.Determinism.dll"

# run <label> [VAR=value ...]: runs the JIT-compiled harness with those variables, output in $out/<label>.txt.
run() {
  local label="$1"; shift
  env "$@" dotnet "$dll" > "$out/$label.txt" || fail "the $label run exited non-zero"
  grep -q '^hash all ' "$out/$label.txt" || fail "the $label run printed no final hash"
}

isa() { sed -n "s/^isa $2=//p" "$out/$1.txt"; }

# expect <label> <isa name> <value>: the knob took effect (or the machine never had the feature: reported).
expect() {
  local label="$1" name="$2" want="$3" have baseline
  have="$(isa "$label" "$name")"; baseline="$(isa jit "$name")"
  if [ "$have" = "$want" ]; then
    echo "determinism:   $label: $name=$have (as wanted)"
  elif [ "$baseline" = "$want" ]; then
    echo "determinism:   $label: $name=$have, but this machine has $name=$baseline without any knob: not tested here"
  else
    fail "the $label run has $name=$have: the knob did not take effect"
  fi
}

runs=(jit)
run jit
echo "determinism: jit: $(grep '^isa ' "$out/jit.txt" | sed 's/^isa //' | tr '\n' ' ')"

run avx512 DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0; runs+=(avx512)
expect avx512 Vector512.IsHardwareAccelerated False
expect avx512 Avx512F.IsSupported False

run avx2 DOTNET_EnableAVX2=0; runs+=(avx2)
expect avx2 Vector256.IsHardwareAccelerated False
expect avx2 Avx2.IsSupported False
expect avx2 Fma.IsSupported False

run fma DOTNET_EnableFMA=0; runs+=(fma)
if [ "$(isa fma Fma.IsSupported)" = True ]; then
  echo "determinism:   fma: Fma.IsSupported=True: DOTNET_EnableFMA alone is not honoured by this runtime; FMA is off in the avx2 run"
else
  echo "determinism:   fma: Fma.IsSupported=False (as wanted)"
fi

run hwintrinsic DOTNET_EnableHWIntrinsic=0; runs+=(hwintrinsic)
expect hwintrinsic Vector128.IsHardwareAccelerated False
expect hwintrinsic Vector256.IsHardwareAccelerated False

for label in "${runs[@]}"; do expect "$label" Jit True > /dev/null; done

if [ "$aot" -eq 1 ]; then
  missing=()
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "determinism: installing ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
    export DEBIAN_FRONTEND=noninteractive
    "${apt_get[@]}" update -qq >/dev/null
    "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) fail "no NativeAOT runtime identifier for $(uname -m)" ;; esac
  echo "determinism: dotnet publish $project -c Release -r $rid (NativeAOT)"
  dotnet publish "$project" -c Release -r "$rid" -nologo -o "$out/aot" > "$out/publish.log" 2>&1 || { cat "$out/publish.log"; fail "the NativeAOT publish failed"; }
  grep -q "Generating native code" "$out/publish.log" || { cat "$out/publish.log"; fail "the publish did not run the NativeAOT compiler"; }
  "$out/aot/BackpropGen.Determinism" > "$out/nativeaot.txt" || fail "the native executable exited non-zero"
  runs+=(nativeaot)
  expect nativeaot Jit False
  echo "determinism: nativeaot: $(grep '^isa ' "$out/nativeaot.txt" | sed 's/^isa //' | tr '\n' ' ')"
fi

# Every run's hashes against the first run's.
grep '^hash ' "$out/jit.txt" > "$out/jit.hashes"
differing=0
for label in "${runs[@]:1}"; do
  grep '^hash ' "$out/$label.txt" > "$out/$label.hashes"
  if cmp -s "$out/jit.hashes" "$out/$label.hashes"; then
    echo "determinism: $label: all $(wc -l < "$out/$label.hashes") hashes equal the jit run's"
  else
    differing=$((differing + 1))
    echo "determinism: $label: hashes differing from the jit run's (network.method  jit -> $label):"
    join -j 2 <(awk '{print $1, $2, $3}' "$out/jit.hashes" | sort -k2,2) <(awk '{print $1, $2, $3}' "$out/$label.hashes" | sort -k2,2) \
      | awk '$3 != $5 { printf "  %-40s %s -> %s\n", $1, substr($3, 1, 16), substr($5, 1, 16) }'
  fi
done
[ "$differing" -eq 0 ] || fail "$differing run(s) gave other bits than the jit run (outputs in $out/)"
echo "determinism: OK ($(( ${#runs[@]} )) runs, $(wc -l < "$out/jit.hashes") hashes each, all equal: $(sed -n 's/^hash all //p' "$out/jit.txt"))"

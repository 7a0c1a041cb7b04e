#!/usr/bin/env bash
# The ONNX import workflow, end to end (README.md, "From PyTorch / Keras / scikit-learn"):
#  (a) packs the .NET tool BackpropGen.Tool, installs it as a user would (dotnet tool install, into a temporary folder,
#      with a private package cache so no stale copy of the same version is used), re-imports the checked-in PyTorch
#      export samples/OnnxImport/iris_mlp.onnx with the installed backpropgen command and checks the result is byte for
#      byte the checked-in samples/OnnxImport/iris_mlp.json (a fresh clone reproduces it); prints "backpropgen inspect";
#  (b) builds and runs samples/OnnxImport (Release, JIT): the frozen generated Predict against ONNX Runtime on the same
#      file, all 150 Iris rows; it exits non-zero if a class differs or a probability is off by more than 1e-5; prints
#      the time per prediction of both;
#  (c) publishes it with NativeAOT for linux-x64 (PublishAot is set in its project file) with every warning an error, runs
#      the native executable in an empty folder with only its data (the model, iris.csv and ONNX Runtime's native
#      library, which the comparison needs; the generated class needs nothing), and checks it prints the same
#      agreement lines as the JIT run; prints its timings.
# Installs the native toolchain (clang, zlib1g-dev) from Debian's packages when missing, as build/aot-test.sh does.
# Exits non-zero on any failure. Usage: build/onnx-sample.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

start=$SECONDS
fail() { echo "onnx-sample: FAIL: $*" >&2; exit 1; }
say() { echo "onnx-sample: $*"; }

art="artifacts/onnx-sample"
rm -rf "$art" && mkdir -p "$art"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/backpropgen-onnx.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
sample="samples/OnnxImport"

# (a) Re-import: the same bytes as the checked-in description.
say "(a) dotnet pack tools/BackpropGen.Tool; dotnet tool install BackpropGen.Tool; backpropgen import $sample/iris_mlp.onnx"
dotnet pack tools/BackpropGen.Tool -c Release -o "$tmp/packages" -nologo -v:q > "$art/tool-pack.log" 2>&1 || { cat "$art/tool-pack.log"; fail "packing the tool failed"; }
version="$(dotnet msbuild tools/BackpropGen.Tool/BackpropGen.Tool.csproj -getProperty:PackageVersion -p:Configuration=Release)"
[ -f "$tmp/packages/BackpropGen.Tool.$version.nupkg" ] || fail "no BackpropGen.Tool.$version.nupkg: $(ls "$tmp/packages")"
NUGET_PACKAGES="$tmp/nuget" dotnet tool install --tool-path "$tmp/tool" BackpropGen.Tool --version "$version" --add-source "$tmp/packages" > "$art/tool-install.log" 2>&1 \
  || { cat "$art/tool-install.log"; fail "dotnet tool install BackpropGen.Tool failed"; }
tool=("$tmp/tool/backpropgen")
"${tool[@]}" --version | grep -q "^$version" || fail "the installed backpropgen is not version $version"
"${tool[@]}" import "$sample/iris_mlp.onnx" -o "$tmp/iris_mlp.json"
cmp -s "$tmp/iris_mlp.json" "$sample/iris_mlp.json" || {
  diff "$sample/iris_mlp.json" "$tmp/iris_mlp.json" | head -n 20 || true
  fail "the import does not reproduce the checked-in $sample/iris_mlp.json (if intended: dotnet run --project tools/BackpropGen.Tool -- import $sample/iris_mlp.onnx -o $sample/iris_mlp.json)"
}
say "  identical to the checked-in $sample/iris_mlp.json ($(stat -c %s "$sample/iris_mlp.json") bytes)"
"${tool[@]}" inspect "$sample/iris_mlp.onnx" | sed 's/^/  /'

# (b) JIT: agreement with ONNX Runtime and timings.
say "(b) dotnet run -c Release --project $sample"
dotnet build "$sample" -c Release -nologo -v:q > "$art/build.log" 2>&1 || { cat "$art/build.log"; fail "building $sample failed"; }
dotnet run -c Release --project "$sample" --no-build > "$art/jit.txt" || { cat "$art/jit.txt"; fail "the sample (JIT) exited non-zero: BackpropGen and ONNX Runtime disagree"; }
sed 's/^/  /' "$art/jit.txt"

# (c) NativeAOT.
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
say "(c) dotnet publish $sample -c Release -r linux-x64 (PublishAot=true, warnings are errors)"
if ! dotnet publish "$sample" -c Release -r linux-x64 -warnaserror -nologo -o "$out" > "$log" 2>&1; then
  cat "$log"; fail "the NativeAOT publish failed"
fi
if grep -E -i ": warning |warning (IL|CS|NETSDK|NU)[0-9]" "$log"; then fail "the NativeAOT publish printed warnings"; fi
# (An incremental publish does not print "Generating native code"; the ELF file without OnnxImport.dll shows NativeAOT.)
exe="$out/OnnxImport"
[ -x "$exe" ] || fail "no native executable at $exe"
[ "$(head -c 4 "$exe" | od -An -c | tr -d ' ')" = "177ELF" ] || fail "$exe is not an ELF executable"
[ ! -e "$out/OnnxImport.dll" ] || fail "OnnxImport.dll was published: not a NativeAOT publish"

alone="$tmp/native"
mkdir -p "$alone/data"
cp "$exe" "$out/libonnxruntime.so" "$out/iris_mlp.onnx" "$alone/"
cp "$out/data/iris.csv" "$alone/data/"
set +e
(cd "$alone" && ./OnnxImport) > "$art/native.txt"
status=$?
set -e
[ "$status" -eq 0 ] || { cat "$art/native.txt"; fail "the native executable exited with $status"; }
sed '/^$/q' "$art/jit.txt" > "$art/jit-agreement.txt"
sed '/^$/q' "$art/native.txt" > "$art/native-agreement.txt"
cmp -s "$art/jit-agreement.txt" "$art/native-agreement.txt" \
  || { diff "$art/jit-agreement.txt" "$art/native-agreement.txt" || true; fail "the native executable's agreement report differs from the JIT run's"; }
grep -q "^Time per prediction (NativeAOT" "$art/native.txt" || fail "the native executable did not report NativeAOT timings"
say "  native agreement report identical to the JIT one; $exe: $(stat -c %s "$exe") bytes"
sed -n '/^Time per prediction/,$p' "$art/native.txt" | sed 's/^/  /'
say "OK: re-import reproduced, Predict agrees with ONNX Runtime (JIT and NativeAOT); $(( SECONDS - start )) s in all"

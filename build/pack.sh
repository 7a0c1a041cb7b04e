#!/usr/bin/env bash
# Packs the solution into artifacts/ and checks the packages: exactly BackpropGen.<version>.nupkg (the attributes
# assembly in lib/netstandard2.0, the generator in analyzers/dotnet/cs and nowhere else, the metadata) and the .NET tool
# BackpropGen.Tool.<version>.nupkg (command backpropgen).
# Prints the version on its last line. Usage: build/pack.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "pack: FAIL: $*" >&2; exit 1; }

rm -rf artifacts
dotnet pack BackpropGen.sln -c Release -o artifacts -nologo -v:q >&2

version="$(dotnet msbuild src/BackpropGen/BackpropGen.csproj -getProperty:PackageVersion -p:Configuration=Release)"
[ -n "$version" ] || fail "could not read PackageVersion"

mapfile -t packages < <(cd artifacts && ls -1 -- *.nupkg 2>/dev/null)
[ "${packages[*]:-}" = "BackpropGen.$version.nupkg BackpropGen.Tool.$version.nupkg" ] \
  || fail "expected BackpropGen.$version.nupkg and BackpropGen.Tool.$version.nupkg in artifacts/, found: ${packages[*]:-none}"
nupkg="artifacts/BackpropGen.$version.nupkg"

entries="$(unzip -Z1 "$nupkg")"
echo "$entries" | sed 's/^/  /' >&2
has() { grep -qx -- "$1" <<<"$entries" || fail "$nupkg lacks $1"; }
has "lib/netstandard2.0/BackpropGen.dll"
has "lib/netstandard2.0/BackpropGen.xml"
has "analyzers/dotnet/cs/BackpropGen.Generator.dll"
has "PACKAGE.md"
dlls="$(grep -E '\.dll$' <<<"$entries" | sort | tr '\n' ' ')"
[ "$dlls" = "analyzers/dotnet/cs/BackpropGen.Generator.dll lib/netstandard2.0/BackpropGen.dll " ] \
  || fail "unexpected assemblies in the package: $dlls"

nuspec="$(unzip -p "$nupkg" BackpropGen.nuspec)"
for pattern in "<id>BackpropGen</id>" "<version>$version</version>" "<license type=\"expression\">MIT</license>" \
               "<readme>PACKAGE.md</readme>" "<description>" "<tags>" "<repository type=\"git\""; do
  grep -qF -- "$pattern" <<<"$nuspec" || fail "nuspec lacks $pattern"
done
# The generator must not become a package dependency (it ships inside this package).
if grep -q "<dependency " <<<"$nuspec"; then fail "nuspec has dependencies: $(grep '<dependency ' <<<"$nuspec")"; fi

# The .NET tool: command backpropgen, its assembly and the generator it runs in-process for "inspect".
tool="artifacts/BackpropGen.Tool.$version.nupkg"
tool_entries="$(unzip -Z1 "$tool")"
for entry in tools/net10.0/any/BackpropGen.Tool.dll tools/net10.0/any/BackpropGen.Generator.dll tools/net10.0/any/Google.Protobuf.dll \
             tools/net10.0/any/DotnetToolSettings.xml PACKAGE.md; do
  grep -qx -- "$entry" <<<"$tool_entries" || fail "$tool lacks $entry"
done
unzip -p "$tool" tools/net10.0/any/DotnetToolSettings.xml | grep -q 'Command Name="backpropgen"' || fail "$tool does not install the command backpropgen"
unzip -p "$tool" BackpropGen.Tool.nuspec | grep -q '<packageType name="DotnetTool"' || fail "$tool is not a DotnetTool package"

echo "pack: OK $nupkg $tool" >&2
echo "$version"

#!/usr/bin/env bash
# Build cost (issue 5): how long the generator and the whole compile take, for the worked example and for a
# 784-128-10 network (101,770 parameters). Each is its own library project referencing the generator from this
# repository; after a warm-up build, the compile is forced RUNS times and the compiler's own report
# (-p:ReportAnalyzer=true) gives the generator's time. Two modes: a fresh compiler process per build (cold: the
# generator is loaded and JIT-compiled each time, as in CI) and the compiler server (warm: as in an IDE or
# repeated builds). Not run by CI; prints a table.
#
#   bash build/build-cost.sh            # RUNS=3 by default
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/generator/BackpropGen.Generator" -v:q -nologo >/dev/null
dotnet build -c Release "$root/src/BackpropGen" -v:q -nologo >/dev/null

make_project() { # name, json
    local dir="$work/$1"
    mkdir -p "$dir"
    cat >"$dir/$1.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Library</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/BackpropGen/BackpropGen.csproj" />
    <ProjectReference Include="$root/generator/BackpropGen.Generator/BackpropGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <AdditionalFiles Include="network.json" />
  </ItemGroup>
</Project>
EOF
    printf '%s\n' "$2" >"$dir/network.json"
    printf '[BackpropGen.Network("network.json")]\npublic partial class Net { }\n' >"$dir/Net.cs"
    dotnet build -c Release "$dir" -v:q -nologo >/dev/null # restore and warm up
}

measure() { # name, shared compilation (true|false)
    local dir="$work/$1" total=() generator=()
    for _ in $(seq "$runs"); do
        touch "$dir/Net.cs"
        local start end log
        start=$(date +%s.%N)
        log=$(dotnet build -c Release "$dir" --no-restore --no-dependencies -nologo -v:d -p:ReportAnalyzer=true -p:UseSharedCompilation="$2" 2>&1)
        end=$(date +%s.%N)
        total+=("$(printf "%.2f" "$(echo "$end - $start" | bc)")")
        # The compiler's report: "   <seconds>   <percent>   BackpropGen.Generator.BackpropGenerator"
        generator+=("$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+BackpropGen\.Generator\.BackpropGenerator' <<<"$log" | head -1 | awk '{print $1}')")
    done
    printf '| %s | %s | %s | %s |\n' "$1" "$3" "${generator[*]}" "${total[*]}"
}

make_project worked "$(cat "$root/samples/WorkedExample/mazur.json")"
make_project mnist '{ "inputs": 784, "layers": [ { "size": 128, "activation": "tanh" }, { "size": 10, "activation": "softmax" } ], "loss": "cross_entropy", "seed": 2 }'

echo "| network | compiler | generator time, s (each run, from -p:ReportAnalyzer) | whole dotnet build of the project, s (each run) |"
echo "|---|---|---|---|"
measure worked false "fresh process (cold)"
measure mnist false "fresh process (cold)"
dotnet build -c Release "$work/worked" --no-restore -nologo -v:q -p:UseSharedCompilation=true >/dev/null # starts the server
measure worked true "compiler server (warm)"
measure mnist true "compiler server (warm)"
dotnet build-server shutdown >/dev/null 2>&1 || true

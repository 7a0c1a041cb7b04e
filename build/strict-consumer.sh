#!/usr/bin/env bash
# A fresh consumer with the strictest settings a user may choose (AnalysisLevel latest-all, code style enforced,
# warnings as errors, nullable) stays silent: every layout (unrolled, split, loops, frozen), both numeric types,
# every optimizer kind, attributes and JSON, and the reading members (walk-through, diagram) are generated into it,
# built, and run. Any warning from generated code fails the build. Usage: build/strict-consumer.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$(mktemp -d "${TMPDIR:-/tmp}/backpropgen-strict.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > Strict.csproj <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
    <AnalysisLevel>latest-all</AnalysisLevel>
    <EnforceCodeStyleInBuild>true</EnforceCodeStyleInBuild>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/BackpropGen/BackpropGen.csproj" />
    <ProjectReference Include="$repo/generator/BackpropGen.Generator/BackpropGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <AdditionalFiles Include="*.json" />
  </ItemGroup>
</Project>
EOF
cp "$repo/samples/WorkedExample/mazur.json" net.json
cat > loops.json <<'EOF'
{ "inputs": 40, "layers": [ { "size": 30, "activation": "silu" }, { "size": 3, "activation": "softmax" } ], "loss": "cross_entropy", "codegen": "loops", "optimizer": { "type": "sgd", "momentum": 0.9, "nesterov": true } }
EOF
cat > split.json <<'EOF'
{ "inputs": 3, "layers": [ { "size": 4, "activation": "elu" }, { "size": 2, "activation": "logistic" } ], "codegen": "split", "numeric": "float", "optimizer": { "type": "adam" } }
EOF
cat > frozen.json <<'EOF'
{ "inputs": 1, "layers": [ { "size": 1, "activation": "identity" } ], "frozen": true, "codegen": "loops", "initial": { "weights": [2], "biases": [1] } }
EOF
cat > Program.cs <<'EOF'
namespace Strict
{
    using System;

    [BackpropGen.Network("net.json")] internal sealed partial class WorkedNet { }
    [BackpropGen.Network("loops.json")] internal sealed partial class LoopsNet { }
    [BackpropGen.Network("split.json")] internal sealed partial class SplitNet { }
    [BackpropGen.Network("frozen.json")] internal static partial class FrozenNet { }

    [BackpropGen.Network(Inputs = 2)]
    [BackpropGen.Layer(2, BackpropGen.Activation.Tanh)]
    [BackpropGen.Optimizer(BackpropGen.OptimizerKind.AdamW)]
    internal sealed partial class AttributeNet { }

    internal static class Program
    {
        public static void Main()
        {
            var worked = new WorkedNet();
            worked.TrainStep([0.05, 0.1], [0.01, 0.99], 0.5);
            worked.WriteWalkthrough([0.05, 0.1], [0.01, 0.99], 0.5, Console.Out);
            Console.WriteLine(new LoopsNet().ToDiagramSvg().Length);
            Console.WriteLine(new SplitNet().TrainBatch(new float[6], new float[4], 0.1f));
            Span<double> output = stackalloc double[1];
            FrozenNet.Predict([3.0], output);
            Console.WriteLine(output[0]);
            Console.WriteLine(AttributeNet.OptimizerStateCount + new AttributeNet().InputGradient([1.0, 2.0], [0.5, 0.5], new double[2]));
        }
    }
}
EOF
dotnet build -nologo -v:q > build.log 2>&1 || { grep -E "error|warning" build.log | sort -u | head -30; echo "strict-consumer: FAIL: the strict consumer does not build silently" >&2; exit 1; }
if grep -qE "warning [A-Z]+[0-9]+" build.log; then grep -E "warning" build.log | sort -u | head -30; echo "strict-consumer: FAIL: warnings" >&2; exit 1; fi
dotnet run --no-build > run.log || { cat run.log; echo "strict-consumer: FAIL: the program failed" >&2; exit 1; }
grep -q "^7$" run.log || { tail -5 run.log; echo "strict-consumer: FAIL: frozen Predict(3) should be 2 * 3 + 1 = 7" >&2; exit 1; }
echo "strict-consumer: OK: every layout, numeric type and optimizer builds silently under AnalysisLevel latest-all with warnings as errors, and runs"

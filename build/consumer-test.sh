#!/usr/bin/env bash
# Consumer test from the package: packs artifacts/ (build/pack.sh), then creates a brand-new console project in a
# temporary folder, adds BackpropGen with one "dotnet add package" from artifacts/ (the machine's normal feeds stay
# configured for everything else), writes one JSON network and one attribute network, builds, runs and checks what
# it prints. A private NuGet package folder means a stale cached BackpropGen of the same version never hides a change.
# Usage: build/consumer-test.sh [--no-pack]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "consumer-test: FAIL: $*" >&2; exit 1; }

if [ "${1:-}" = "--no-pack" ]; then
  version="$(dotnet msbuild src/BackpropGen/BackpropGen.csproj -getProperty:PackageVersion -p:Configuration=Release)"
else
  version="$(build/pack.sh | tail -n 1)"
fi
[ -f "artifacts/BackpropGen.$version.nupkg" ] || fail "artifacts/BackpropGen.$version.nupkg is missing"

work="$(mktemp -d "${TMPDIR:-/tmp}/backpropgen-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Outside the repository: no Directory.Build.props, global.json or NuGet.config of ours applies.
cd "$work"
export NUGET_PACKAGES="$work/packages"
# The machine's normal feeds (inherited from the user-level NuGet config) plus artifacts/.
cat > NuGet.config <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="backpropgen-artifacts" value="$repo/artifacts" />
  </packageSources>
</configuration>
EOF

echo "consumer-test: new console project in $work/Consumer"
dotnet new console --name Consumer --output Consumer --framework net10.0 >/dev/null
cd Consumer
dotnet add package BackpropGen --version "$version" --source "$repo/artifacts" >/dev/null
grep -q "<PackageReference Include=\"BackpropGen\" Version=\"$version\"" Consumer.csproj \
  || fail "dotnet add package did not add BackpropGen $version: $(cat Consumer.csproj)"

# The only hand edit a JSON network needs: list the file as an additional file.
sed -i 's|</Project>|  <ItemGroup>\n    <AdditionalFiles Include="net.json" />\n  </ItemGroup>\n</Project>|' Consumer.csproj

cat > net.json <<'EOF'
{ "inputs": 2, "layers": [ { "size": 2, "activation": "logistic" }, { "size": 1, "activation": "identity" } ] }
EOF

cat > Networks.cs <<'EOF'
[BackpropGen.Network("net.json")]
public partial class A { }

[BackpropGen.Network(Inputs = 2)]
[BackpropGen.Layer(2, BackpropGen.Activation.Tanh)]
[BackpropGen.Layer(1, BackpropGen.Activation.Identity)]
public partial class B { }
EOF

cat > Program.cs <<'EOF'
using System;
using System.Globalization;
using System.Linq;

// XOR: no linear model does better than a mean loss of 0.125 (outputs 0.5 everywhere).
double[][] inputs = { new[] { 0.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 }, new[] { 1.0, 1.0 } };
double[][] targets = { new[] { 0.0 }, new[] { 1.0 }, new[] { 1.0 }, new[] { 0.0 } };
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int failures = 0;

void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok    " : "FAIL  ") + what);
    if (!ok) failures++;
}

void Exercise(string name, int inputCount, int outputCount, int parameterCount, Func<int, string> parameterName,
              Func<double[], double[], double> loss, Func<double[], double[], double, double> trainStep,
              Func<double[], double[], double[], double> backward, Func<double[], double[]> forward,
              Func<double[]> getParameters, Action<double[]> setParameters)
{
    Console.WriteLine($"== {name}");
    Check(inputCount == 2 && outputCount == 1 && parameterCount == 9,
          $"InputCount = {inputCount}, OutputCount = {outputCount}, ParameterCount = {parameterCount} (2, 1, 9 expected)");
    Check(parameterName(0) == "w1" && parameterName(6) == "b_h1" && parameterName(8) == "b_o1",
          $"ParameterName: {string.Join(" ", Enumerable.Range(0, parameterCount).Select(parameterName))}");

    // Backward against central differences of Loss, parameter by parameter, on one sample.
    double[] p = getParameters(), gradient = new double[parameterCount];
    double l = backward(inputs[2], targets[2], gradient);
    Check(Math.Abs(l - loss(inputs[2], targets[2])) < 1e-15, $"Backward returns the loss ({l:0.000000})");
    double worst = 0;
    for (int k = 0; k < parameterCount; k++)
    {
        double[] q = (double[])p.Clone();
        q[k] = p[k] + 1e-6; setParameters(q); double up = loss(inputs[2], targets[2]);
        q[k] = p[k] - 1e-6; setParameters(q); double down = loss(inputs[2], targets[2]);
        worst = Math.Max(worst, Math.Abs((up - down) / 2e-6 - gradient[k]));
    }
    setParameters(p);
    Check(worst < 1e-7, $"Backward matches central differences (worst |difference| {worst:0.0e+0})");

    double Mean() => Enumerable.Range(0, 4).Average(i => loss(inputs[i], targets[i]));
    double before = Mean();
    for (int epoch = 0; epoch < 3000; epoch++)
        for (int i = 0; i < 4; i++)
            trainStep(inputs[i], targets[i], 0.1);
    double after = Mean();
    Console.WriteLine($"      mean loss before {before:0.000000}, after 3000 epochs {after:0.000000}");
    Console.WriteLine("      outputs " + string.Join("  ", Enumerable.Range(0, 4).Select(i => $"{inputs[i][0]:0}{inputs[i][1]:0} -> {forward(inputs[i])[0]:0.000}")));
    Check(after < before, "TrainStep decreases the loss");
    Check(after < 0.01, "the network learned XOR (mean loss < 0.01)");
}

var a = new A();
Exercise("A: JSON net.json, 2 -> 2 logistic -> 1 identity", A.InputCount, A.OutputCount, A.ParameterCount, A.ParameterName,
    (x, t) => a.Loss(x, t), (x, t, eta) => a.TrainStep(x, t, eta), (x, t, g) => a.Backward(x, t, g),
    x => { var y = new double[A.OutputCount]; a.Forward(x, y); return y; },
    () => { var p = new double[A.ParameterCount]; a.GetParameters(p); return p; }, p => a.SetParameters(p));

var b = new B();
Exercise("B: attributes, 2 -> 2 tanh -> 1 identity", B.InputCount, B.OutputCount, B.ParameterCount, B.ParameterName,
    (x, t) => b.Loss(x, t), (x, t, eta) => b.TrainStep(x, t, eta), (x, t, g) => b.Backward(x, t, g),
    x => { var y = new double[B.OutputCount]; b.Forward(x, y); return y; },
    () => { var p = new double[B.ParameterCount]; b.GetParameters(p); return p; }, p => b.SetParameters(p));

Console.WriteLine("== no runtime dependency");
var references = typeof(A).Assembly.GetReferencedAssemblies().Select(r => r.Name).ToArray();
Console.WriteLine("      references: " + string.Join(", ", references));
Check(!references.Contains("BackpropGen"), "the app's assembly does not reference BackpropGen");
Check(!typeof(A).GetCustomAttributesData().Concat(typeof(B).GetCustomAttributesData()).Any(d => d.AttributeType.Namespace == "BackpropGen"),
      "no BackpropGen attribute is kept on A or B");

Console.WriteLine(failures == 0 ? "CONSUMER OK" : $"CONSUMER FAILED ({failures})");
return failures == 0 ? 0 : 1;
EOF

echo "consumer-test: build and run"
dotnet build -c Release -nologo -v:q -warnaserror > build.log 2>&1 || { cat build.log; fail "the consumer does not build"; }
set +e
dotnet bin/Release/net10.0/Consumer.dll | tee run.txt
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || fail "the consumer exited with $status"
grep -qx "CONSUMER OK" run.txt || fail "the consumer did not print CONSUMER OK"
! grep -q "^FAIL" run.txt || fail "a check failed"
# The package in use is the one just packed, not one of the same version from another feed or cache.
grep -q "\"source\": \"$repo/artifacts\"" "$NUGET_PACKAGES/backpropgen/$version/.nupkg.metadata" \
  || fail "BackpropGen $version did not come from $repo/artifacts: $(cat "$NUGET_PACKAGES/backpropgen/$version/.nupkg.metadata")"
cmp -s "$NUGET_PACKAGES/backpropgen/$version/analyzers/dotnet/cs/BackpropGen.Generator.dll" \
       "$repo/generator/BackpropGen.Generator/bin/Release/netstandard2.0/BackpropGen.Generator.dll" \
  || fail "the restored generator is not the one just built"

# The same app with the package's runtime asset excluded (the README's opt-out): BackpropGen.dll is then neither
# copied nor listed in deps.json, and the app runs the same.
echo "consumer-test: again with ExcludeAssets=runtime"
sed -i "s|<PackageReference Include=\"BackpropGen\" Version=\"$version\" />|<PackageReference Include=\"BackpropGen\" Version=\"$version\" PrivateAssets=\"all\" ExcludeAssets=\"runtime\" />|" Consumer.csproj
grep -q 'ExcludeAssets="runtime"' Consumer.csproj || fail "could not set ExcludeAssets=runtime: $(cat Consumer.csproj)"
rm -rf bin
dotnet build -c Release -nologo -v:q -warnaserror > build2.log 2>&1 || { cat build2.log; fail "the consumer does not build with ExcludeAssets=runtime"; }
[ ! -e bin/Release/net10.0/BackpropGen.dll ] || fail "BackpropGen.dll was copied despite ExcludeAssets=runtime"
! grep -q "BackpropGen" bin/Release/net10.0/Consumer.deps.json || fail "Consumer.deps.json lists BackpropGen"
dotnet bin/Release/net10.0/Consumer.dll > run2.txt || { cat run2.txt; fail "the consumer without BackpropGen.dll exited non-zero"; }
cmp -s run.txt run2.txt || { diff run.txt run2.txt; fail "the consumer printed something else without BackpropGen.dll"; }
echo "consumer-test: OK (BackpropGen $version from $repo/artifacts)"

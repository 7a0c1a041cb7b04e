using System.Runtime.CompilerServices;
using BackpropGen.Generator.Tests.Infrastructure;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>
/// The generated source of one network per layout is checked in (Snapshots/), so anyone can read it without building
/// and every change to the output shows in a diff. Set BACKPROPGEN_UPDATE_SNAPSHOTS=1 to rewrite them after an
/// intended change, then review the diff; under CI the variable fails the run instead, so it cannot pass by construction.
/// </summary>
public class SnapshotTests
{
    /// <summary>Snapshot file (the generated hint name, Namespace.Class.g.cs) -> the description. The snapshots also compile into this project.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["WorkedExample.MazurNet.g.cs"] = TestNetworks.MazurJson,
        ["Snapshots.SplitNet.g.cs"] = """
            { "inputs": 2, "layers": [ { "size": 3, "activation": "tanh" }, { "size": 2, "activation": "logistic", "bias": "shared" } ],
              "codegen": "split", "seed": 1 }
            """,
        ["Snapshots.LoopsNet.g.cs"] = """
            { "inputs": 4, "layers": [ { "size": 5, "activation": "relu" }, { "size": 3, "activation": "softmax" } ],
              "loss": "cross_entropy", "codegen": "loops", "seed": 2 }
            """,
        ["Snapshots.FrozenUnrolledNet.g.cs"] = """
            { "inputs": 2, "layers": [ { "size": 2, "activation": "logistic", "bias": "shared" }, { "size": 2, "activation": "logistic", "bias": "shared" } ],
              "frozen": true,
              "initial": { "weights": [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55], "biases": [0.35, 0.60] } }
            """,
        ["Snapshots.FrozenLoopsNet.g.cs"] = """
            { "inputs": 3, "layers": [ { "size": 2, "activation": "leaky_relu", "alpha": 0.1 }, { "size": 2, "activation": "identity", "bias": "none" } ],
              "frozen": true, "codegen": "loops",
              "initial": { "weights": [0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9, 1.0], "biases": [0.25, -0.5] } }
            """,
        ["Snapshots.PlaceholderNet.g.cs"] = """
            { "inputs": 2, "layers": [ { "size": 2, "activation": "softmax" }, { "size": 1, "activation": "logistic" } ] }
            """,
        ["Snapshots.FloatNet.g.cs"] = """
            { "inputs": 2, "layers": [ { "size": 2, "activation": "softplus" }, { "size": 1, "activation": "leaky_relu" } ],
              "loss": "mean_squared_error", "numeric": "float", "seed": 3 }
            """,
        ["Snapshots.SoftmaxCrossEntropyNet.g.cs"] = """
            { "inputs": 2, "layers": [ { "size": 2, "activation": "relu" }, { "size": 3, "activation": "softmax" } ],
              "loss": "cross_entropy", "seed": 4 }
            """,
    };

    public static TheoryData<string> Names => new(Descriptions.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_source_matches_the_checked_in_snapshot(string name)
    {
        string generated = Generate(name);
        string path = Path.Combine(SnapshotDirectory(), name);

        if (Environment.GetEnvironmentVariable("BACKPROPGEN_UPDATE_SNAPSHOTS") == "1")
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "BACKPROPGEN_UPDATE_SNAPSHOTS is set under CI: snapshots would pass by construction.");
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}; run the tests once with BACKPROPGEN_UPDATE_SNAPSHOTS=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated);
    }

    /// <summary>The snapshots are what the generator makes of them: each compiles without a warning, except the placeholder's description, which must fail.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Each_snapshot_description_is_what_it_claims(string name)
    {
        GeneratorRun run = RunFor(name);
        if (name == "Snapshots.PlaceholderNet.g.cs")
        {
            Assert.Contains(run.GeneratorDiagnostics, d => d.Id.StartsWith("BPG", StringComparison.Ordinal) && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        }
        else
        {
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
        }
    }

    private static GeneratorRun RunFor(string name)
    {
        bool workedExample = name == "WorkedExample.MazurNet.g.cs";
        string file = workedExample ? "mazur.json" : "net.json";
        string source = workedExample
            ? $"namespace WorkedExample;\n\n[BackpropGen.Network(\"{file}\")]\npublic partial class MazurNet {{ }}\n"
            : $"namespace Snapshots;\n\n[BackpropGen.Network(\"{file}\")]\npublic partial class {name.Split('.')[1]} {{ }}\n";
        return GeneratorHarness.Run(source, ("/p/" + file, Descriptions[name]));
    }

    private static string Generate(string name) => RunFor(name).GeneratedSources.Values.Single();

    private static string SnapshotDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!, "Snapshots");
}

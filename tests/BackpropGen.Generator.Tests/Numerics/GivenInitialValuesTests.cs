using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static BackpropGen.Generator.Tests.Numerics.InitialisationNetworks;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>With "initial", GetParameters returns exactly the given values (each rounded to float in a float network).</summary>
public class GivenInitialValuesTests
{
    [Fact]
    public void Initial_values_are_returned_exactly_in_double()
    {
        Assert.Equal(Bits(GivenWeights.Concat(GivenBiases)), Bits(Parameters(First, "initial weights and biases | double")));
    }

    [Fact]
    public void Initial_values_are_returned_rounded_to_float_in_float()
    {
        double[] expected = GivenFloatWeights.Concat(GivenBiases).Select(v => (double)(float)v).ToArray();

        Assert.Equal(Bits(expected), Bits(Parameters(First, "initial weights and biases | float")));
    }

    [Fact]
    public void Initial_weights_alone_are_returned_exactly()
    {
        Assert.Equal(Bits(GivenWeights), Bits(Parameters(First, "initial weights only").Take(GivenWeights.Length)));
    }

    [Fact]
    public void Initial_biases_alone_keep_the_seeded_weights()
    {
        double[] seeded = Parameters(First, "seed omitted");
        double[] withBiases = Parameters(First, "initial biases only");
        int weights = seeded.Length - GivenBiases.Length;

        Assert.Equal(Bits(seeded.Take(weights)), Bits(withBiases.Take(weights)));
        Assert.Equal(Bits(GivenBiases), Bits(withBiases.Skip(weights)));
    }

    [Fact]
    public void A_float_initial_value_beyond_float_range_is_a_diagnostic_not_broken_code()
    {
        // 1e39 is a finite double, but rounds to infinity as a float: the generator must say so (SPEC 5), not emit code that does not compile.
        var spec = Small("float overflow", weights: GivenFloatWeights.Select((w, i) => i == 0 ? 1e39 : w).ToArray(), numeric: "float");
        GeneratorRun run = GeneratorHarness.Run("""[BackpropGen.Network("nets/o.json")] public partial class O { }""", ("/p/nets/o.json", spec.ToJson()));

        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id.StartsWith("BPG", StringComparison.Ordinal));
    }
}

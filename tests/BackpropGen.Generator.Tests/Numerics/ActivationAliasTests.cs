using BackpropGen.Generator.Tests.Infrastructure;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>sigmoid, linear and swish are spellings of logistic, identity and silu: they must generate the very same code.</summary>
public class ActivationAliasTests
{
    private const string Source = """[BackpropGen.Network("nets/alias.json")] public partial class AliasNet { }""";

    [Theory]
    [InlineData("sigmoid", "logistic", "double")]
    [InlineData("linear", "identity", "double")]
    [InlineData("sigmoid", "logistic", "float")]
    [InlineData("linear", "identity", "float")]
    [InlineData("swish", "silu", "double")]
    [InlineData("swish", "silu", "float")]
    public void An_alias_generates_the_same_code_as_its_primary_name(string alias, string primary, string numeric)
    {
        string withAlias = Generate(alias, numeric);
        string withPrimary = Generate(primary, numeric);

        Assert.Equal(withPrimary, withAlias);
    }

    [Fact]
    public void Different_activations_generate_different_code()
    {
        // Guards the test above: if Generate ignored the activation, it would pass for anything.
        Assert.NotEqual(Generate("logistic", "double"), Generate("identity", "double"));
    }

    /// <summary>A net using the activation on a hidden layer and on the output layer.</summary>
    private static string Generate(string activation, string numeric)
    {
        var spec = new NetworkSpec("alias", 2, new[] { new LayerSpec(3, activation), new LayerSpec(2, activation, "shared") }, Numeric: numeric);
        GeneratorRun run = GeneratorHarness.Run(Source, ("/p/nets/alias.json", spec.ToJson()));
        Assert.Empty(run.GeneratorDiagnostics);
        return run.GeneratedSources.Values.Single();
    }
}

using System.Globalization;
using BackpropGen.Generator.Tests.Infrastructure;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>Same input, byte-identical output, whatever the current culture.</summary>
public class DeterminismTests
{
    private const string Source = """
        namespace Culture;

        [BackpropGen.Network("nets/odd.json")]
        public partial class OddNet { }
        """;

    // Values that a comma-decimal culture or a short format would mangle: fractions, exponents, negatives.
    private const string Json = """
        {
          "inputs": 2,
          "layers": [
            { "size": 3, "activation": "leaky_relu", "alpha": 0.015 },
            { "size": 1, "activation": "identity" }
          ],
          "loss": "mean_squared_error",
          "initial": {
            "weights": [0.1, -2.5e-7, 1e21, 0.30000000000000004, 1.7976931348623157e308, -0.0, 3, 4, 5],
            "biases": [0.5, -1.25, 6.02214076e23, 1e-300]
          }
        }
        """;

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ar-SA")]
    public void Output_is_byte_identical_under_another_culture(string culture)
    {
        string invariant = Generate(CultureInfo.InvariantCulture);
        string other = Generate(CultureInfo.GetCultureInfo(culture));

        Assert.Equal(invariant, other);
    }

    [Fact]
    public void Literals_round_trip_exactly()
    {
        string source = Generate(CultureInfo.InvariantCulture);

        Assert.Contains("private double w2 = -2.5E-07;", source);
        Assert.Contains("private double w4 = 0.30000000000000004;", source);
        Assert.Contains("private double w5 = 1.7976931348623157E+308;", source);
        Assert.Contains("private double w6 = -0.0;", source);
        Assert.Contains("private double w7 = 3.0;", source);
        Assert.Contains("0.015 * net_h1", source);
    }

    [Fact]
    public void Two_runs_give_identical_output()
    {
        Assert.Equal(Generate(CultureInfo.InvariantCulture), Generate(CultureInfo.InvariantCulture));
    }

    private static string Generate(CultureInfo culture)
    {
        CultureInfo saved = CultureInfo.CurrentCulture, savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            GeneratorRun run = GeneratorHarness.Run(Source, ("/p/nets/odd.json", Json));
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            return run.GeneratedSources.Values.Single();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}

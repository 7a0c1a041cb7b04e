using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using D = BackpropGen.Generator.Tests.Diagnostics.Descriptions;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// Never a crash: whatever the description, the generator does not throw (no CS8785, no AD0001), reports only
/// BPG diagnostics inside the file, and what it generates (the network or its placeholders) compiles.
/// </summary>
public class HostileInputTests
{
    [Fact]
    public void Truncated_at_every_offset()
    {
        var runner = new HostileRunner();
        int clean = 0;
        for (int length = 0; length <= D.Full.Length; length++)
        {
            clean += runner.Check(D.Full.Substring(0, length), $"truncated to {length} chars").IsEmpty ? 1 : 0;
        }

        // Only the prefixes that end after the closing brace are valid (the rest is a trailing newline, if any).
        Assert.Equal(D.Full.Length + 1, runner.Runs);
        Assert.Equal(1, clean);
    }

    [Fact]
    public void Random_byte_flips()
    {
        // Seeded: a failure names the flip and reproduces.
        var random = new Random(20240611);
        byte[] original = Encoding.UTF8.GetBytes(D.Full);
        var runner = new HostileRunner();
        for (int i = 0; i < 2000; i++)
        {
            byte[] bytes = (byte[])original.Clone();
            var flips = new List<string>();
            for (int n = random.Next(1, 4); n > 0; n--)
            {
                int at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(bytes[at] ^ (1 << random.Next(8)));
                flips.Add($"[{at}]=0x{bytes[at]:X2}");
            }

            string label = $"flip #{i} {string.Join(" ", flips)}";
            SourceText text = SourceText.From(bytes, bytes.Length);
            HostileRunner.CheckParser(text, label);
            if (i % 40 == 0)
            {
                runner.Check(text, label);
            }
        }

        Assert.Equal(50, runner.Runs);
    }

    public static TheoryData<int, string> EveryKey => new()
    {
        { D.Inputs, "inputs" }, { D.Size0, "layers[0].size" }, { D.Activation0, "layers[0].activation" }, { D.Alpha0, "layers[0].alpha" },
        { D.Bias0, "layers[0].bias" }, { D.Size1, "layers[1].size" }, { D.Activation1, "layers[1].activation" }, { D.Loss, "loss" },
        { D.Numeric, "numeric" }, { D.TrainBiases, "trainBiases" }, { D.Seed, "seed" }, { D.Frozen, "frozen" }, { D.Codegen, "codegen" },
        { D.Weights, "initial.weights" }, { D.Biases, "initial.biases" },
    };

    private static readonly string[] WrongValues =
    {
        "\"x\"", "\"\"", "\"\\u0000\"", "1.5", "-1", "0", "-0", "1e308", "2147483648", "-2147483649", "12345678901234567890123",
        "[]", "[1, \"2\", null]", "{}", "{ \"size\": 1 }", "true", "false", "null",
    };

    [Theory]
    [MemberData(nameof(EveryKey))]
    public void Every_wrong_type_for_every_key(int line, string key)
    {
        var runner = new HostileRunner();
        foreach (string value in WrongValues)
        {
            runner.Check(D.With(line, value), $"{key}: {value}");
        }
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    [InlineData("[{\"a\":", "}]")]
    public void Nesting_ten_thousand_deep(string open, string close)
    {
        var runner = new HostileRunner();
        string opens = string.Concat(Enumerable.Repeat(open, 10_000));
        string closes = string.Concat(Enumerable.Repeat(close, 10_000));

        runner.Check(opens + "0" + closes, "closed");
        runner.Check(opens, "never closed");
        runner.Check("{ \"inputs\": " + opens + "1" + closes + ", \"layers\": [] }", "as a value");
        ImmutableDiagnostic(runner.Check(opens + "0" + closes, "again"), "BPG003", "Nesting deeper than 64 levels");
    }

    [Fact]
    public void Five_megabyte_files_get_a_clean_result()
    {
        var runner = new HostileRunner();
        const int FiveMb = 5 * 1024 * 1024;

        // 5 MB of initial weights: a count error, not a hang.
        var weights = new StringBuilder("{ \"inputs\": 2, \"layers\": [ { \"size\": 1, \"activation\": \"identity\" } ], \"initial\": { \"weights\": [");
        while (weights.Length < FiveMb)
        {
            weights.Append("0.123456789, ");
        }

        ImmutableDiagnostic(runner.Check(weights.Append("1] } }").ToString(), "5 MB of weights"), "BPG009", "The network has 2 weights, but ");

        // A 5 MB string where a name belongs: the message shows the start of it.
        string longName = new('x', FiveMb);
        Diagnostic unknown = ImmutableDiagnostic(
            runner.Check("{ \"inputs\": 2, \"layers\": [ { \"size\": 1, \"activation\": \"" + longName + "\" } ] }", "5 MB value"),
            "BPG005",
            "Unknown activation \"xxxx");
        Assert.True(unknown.GetMessage().Length < 500);

        // 5 MB of whitespace and comments around a valid description.
        string padding = string.Concat(Enumerable.Repeat("  // comment\n/* block */\n", FiveMb / 25));
        Assert.Empty(runner.Check(padding + D.Full + padding, "5 MB of padding"));

        // 5 MB of noise.
        var random = new Random(5);
        byte[] noise = new byte[FiveMb];
        random.NextBytes(noise);
        runner.Check(SourceText.From(noise, noise.Length), "5 MB of random bytes");

        // 5 MB of one unterminated string.
        runner.Check("{ \"inputs\": \"" + longName, "5 MB unterminated string");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\uFEFF")]
    [InlineData("\0")]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("/*")]
    [InlineData("//")]
    [InlineData("\"\\u")]
    [InlineData("{\"inputs\":-}")]
    [InlineData("\uD800")]
    [InlineData("{\"\uDC00\": 1}")]
    public void Tiny_inputs(string json)
    {
        ImmutableArray<Diagnostic> diagnostics = new HostileRunner().Check(json, "tiny: " + json);

        Assert.NotEmpty(diagnostics);
    }

    [Theory]
    [InlineData("utf-16", true)]
    [InlineData("utf-16", false)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16BE", false)]
    [InlineData("utf-32", true)]
    [InlineData("utf-32", false)]
    public void UTF16_and_UTF32_text(string encodingName, bool withBom)
    {
        Encoding encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = (withBom ? encoding.GetPreamble() : Array.Empty<byte>()).Concat(encoding.GetBytes(D.Full)).ToArray();
        var runner = new HostileRunner();

        // Decoded from the bytes (what the compiler does: a BOM wins, else UTF-8), and forced to UTF-8.
        ImmutableArray<Diagnostic> detected = runner.Check(SourceText.From(bytes, bytes.Length), $"{encodingName} bom={withBom}");
        runner.Check(SourceText.From(bytes, bytes.Length, Encoding.UTF8), $"{encodingName} bom={withBom} as UTF-8");
        runner.Check(new string(Encoding.Latin1.GetChars(bytes)), $"{encodingName} bom={withBom} as Latin-1");

        // UTF-16 with a BOM is read correctly; without one it is a BPG003, not a crash. (UTF-32 is not
        // detected from its BOM; whatever comes out must still be a clean BPG003.)
        string[] expected = withBom && encodingName.StartsWith("utf-16", StringComparison.Ordinal) ? Array.Empty<string>() : new[] { "BPG003" };
        Assert.Equal(expected, detected.Select(d => d.Id));
    }

    [Fact]
    public void Huge_sizes_are_BPG007_without_building_anything()
    {
        var runner = new HostileRunner();

        ImmutableDiagnostic(runner.Check(D.With(D.Size0, "2147483647"), "size int.MaxValue"), "BPG007", "The number of parameters");
        ImmutableDiagnostic(runner.Check(D.With(D.Inputs, "2147483647"), "inputs int.MaxValue"), "BPG007", "The number of parameters");
        ImmutableDiagnostic(
            runner.Check("{ \"inputs\": 100000, \"layers\": [ { \"size\": 1000, \"activation\": \"relu\" } ] }", "1e8 weights"),
            "BPG007",
            "but is 100001000");
        string layer = "{ \"size\": 2147483647, \"activation\": \"tanh\" }";
        ImmutableDiagnostic(
            runner.Check("{ \"inputs\": 2147483647, \"layers\": [ " + string.Join(",", Enumerable.Repeat(layer, 1000)) + " ] }", "1000 layers of int.MaxValue"),
            "BPG007",
            "The number of parameters");

        string tiny = "{ \"size\": 1, \"activation\": \"identity\" }";
        ImmutableDiagnostic(
            runner.Check("{ \"inputs\": 1, \"layers\": [ " + string.Join(",", Enumerable.Repeat(tiny, 100_000)) + " ] }", "100,000 layers of 1"),
            "BPG007",
            "The number of layers must be at most 1000, but is 100000");
    }

    public static TheoryData<string> HostileAttributes => new()
    {
        "[Network(Inputs = -5)] [Layer(-1, Activation.Tanh)] [Layer(int.MinValue, Activation.Logistic)]",
        "[Network(Inputs = int.MaxValue)] [Layer(int.MaxValue, Activation.Tanh)] [Layer(int.MaxValue, Activation.Tanh)] [Layer(int.MaxValue, Activation.Tanh)] [Layer(int.MaxValue, Activation.Tanh)]",
        "[Network(Inputs = 2)] [Layer(2, Activation.LeakyReLU, Alpha = double.NaN)] [Layer(1, Activation.LeakyReLU, Alpha = double.NegativeInfinity)]",
        "[Network(Inputs = 2, Seed = int.MinValue, Loss = (LossFunction)(-7), Numeric = (Numeric)99, Codegen = (Codegen)int.MaxValue)] [Layer(2, (Activation)int.MinValue, Bias = (BiasMode)3)]",
        "[Network(Inputs = 2)] [Layer(2, Activation.Softmax)] [Layer(2, Activation.Softmax)] [Layer(2, Activation.Softmax)]",
        "[Network(Inputs = 2)] [Layer(1, Activation.Tanh)] [InitialWeights] [InitialBiases]",
        "[Network(Inputs = 2)] [Layer(1, Activation.Tanh)] [InitialWeights(null)] [InitialBiases(null)]",
        "[Network(Inputs = 2)] [Layer(1, Activation.Tanh)] [InitialWeights(new double[0])] [InitialBiases(double.NaN, double.NaN, double.NaN)]",
        "[Network(Inputs = 2)] [Layer(1, Activation.Tanh)] [InitialWeights(double.MaxValue, double.Epsilon)] [InitialBiases(-0.0)]",
        "[Network(Inputs = 2)] [Layer(1, Activation.Tanh)] [InitialWeights(1, 2)] [InitialWeights(1, 2)] [InitialWeights(1, 2)] [InitialBiases(0)] [InitialBiases(0)]",
        "[Network(Inputs = 2, Frozen = true)] [Layer(1, Activation.Tanh)] [InitialWeights(double.NaN, 1)]",
        "[Network(\"nets/net.json\")] [Network(\"nets/net.json\")] [Network(Inputs = 1)] [Layer(1, Activation.Identity)]",
        "[Network(null)]",
        "[Network(\"\")] [InitialWeights(1)]",
        "[Network(\"/\")]",
        "[Network(\"nets/net.json\", Inputs = -1, Frozen = true)]",
        "[Network] [Network] [Network]",
        "[Layer(1, Activation.Identity)] [Network(Inputs = 1)] [InitialBiases(1)] [Layer(1, Activation.Identity)]",
    };

    [Theory]
    [MemberData(nameof(HostileAttributes))]
    [InlineData("[Network(Inputs = 2)] [Layer(1, Activation.Tanh)] public partial class Net { }\n[Network(Inputs = 3)]")]
    [InlineData("[Network(\"nets/net.json\")] public partial class Net { }\n[Network(\"nets/net.json\")]")]
    public void Hostile_attribute_values(string attributes)
    {
        string source = "using BackpropGen;\n" + attributes + "\npublic partial class Net { }";

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, D.Full));

        Assert.Null(run.Result.Results[0].Exception);
        HostileRunner.CheckDiagnostics(run.GeneratorDiagnostics, D.Full.Length, attributes);
        var errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void Classes_whose_names_read_alike_do_not_collide()
    {
        // Net nested in Outer<T> and Net nested in Outer_1: a hint name that spelled the arity "_1" would collide;
        // and Net in namespace A.Outer next to them.
        const string source = """
            namespace A { public partial class Outer<T> { [BackpropGen.Network("nets/net.json")] public partial class Net { } } }
            namespace A { public partial class Outer_1 { [BackpropGen.Network("nets/net.json")] public partial class Net { } } }
            namespace A.Outer { [BackpropGen.Network("nets/net.json")] public partial class Net { } }
            """;

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, D.Full));

        Assert.Null(run.Result.Results[0].Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.GeneratedSources.Count);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Many_attribute_layers_are_bounded_by_the_parameter_limit()
    {
        string layers = string.Concat(Enumerable.Repeat("[Layer(1000, Activation.Tanh)]\n", 3));
        string source = "using BackpropGen;\n[Network(Inputs = 1000)]\n" + layers + "public partial class Net { }";

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic error = DiagnosticAssert.Single(run, "BPG007");
        DiagnosticAssert.MessageContains(error, "but is 3003000");
    }

    private static Diagnostic ImmutableDiagnostic(ImmutableArray<Diagnostic> diagnostics, string id, string messagePart)
    {
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        DiagnosticAssert.MessageContains(diagnostic, messagePart);
        return diagnostic;
    }
}

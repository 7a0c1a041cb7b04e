using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>Runs descriptions through the generator and checks the diagnostics a user would see.</summary>
internal static class DiagnosticAssert
{
    public const string JsonPath = "/proj/nets/net.json";

    /// <summary>A class bound to <see cref="JsonPath"/>, and code that uses every generated member, so any follow-on error would show.</summary>
    public const string JsonSource = """
        [BackpropGen.Network("nets/net.json")]
        public partial class Net { }
        """ + UsesNet;

    public const string UsesNet = """

        public static class UsesNet
        {
            public static double Use()
            {
                var net = new Net();
                var input = new double[Net.InputCount];
                var output = new double[Net.OutputCount];
                var target = new double[Net.OutputCount];
                var gradient = new double[Net.ParameterCount];
                net.Forward(input, output);
                net.GetParameters(gradient);
                net.SetParameters(gradient);
                double loss = net.Loss(input, target) + net.Backward(input, target, gradient);
                loss += net.Backward(input, target, gradient, out Net.Trace trace);
                return loss + net.TrainStep(input, target, 0.5) + Net.ParameterName(0).Length;
            }
        }
        """;

    /// <summary>Runs <see cref="JsonSource"/> with <paramref name="json"/> as its description.</summary>
    public static GeneratorRun RunJson(string json) => GeneratorHarness.Run(JsonSource, (JsonPath, json));

    /// <summary>
    /// The generator reported exactly one diagnostic, with this id, and nothing else went wrong: no exception,
    /// and the compilation (user code plus placeholders) has no error of its own.
    /// </summary>
    public static Diagnostic Single(GeneratorRun run, string id)
    {
        OnlyBpgErrors(run);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    /// <summary>No exception, only BPG diagnostics from the generator (no BPG999), and no compiler error at all.</summary>
    public static void OnlyBpgErrors(GeneratorRun run)
    {
        Assert.Null(run.Result.Results[0].Exception);
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("BPG", d.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "BPG999");
        var errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Errors besides the BPG ones:\n" + string.Join("\n", errors.Take(10)));
    }

    /// <summary>
    /// The diagnostic points into the JSON file at this 1-based line and column (as an editor shows them)
    /// and underlines exactly <paramref name="text"/>.
    /// </summary>
    public static void AtJson(Diagnostic diagnostic, string json, int line, int column, string text, string path = JsonPath)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        TextSpan source = diagnostic.Location.SourceSpan;
        Assert.Equal(text, json.Substring(source.Start, source.Length));

        // The line/column and the span must agree, or an editor would underline the wrong place.
        LinePositionSpan expected = SourceText.From(json).Lines.GetLinePositionSpan(source);
        Assert.Equal(expected, span.Span);
    }

    /// <summary>The diagnostic underlines exactly <paramref name="text"/> in the C# file (Source0.cs of the harness).</summary>
    public static void AtSource(Diagnostic diagnostic, string source, string text)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source0.cs", span.Path);
        TextSpan at = diagnostic.Location.SourceSpan;
        Assert.Equal(text, source.Substring(at.Start, at.Length));
        Assert.Equal(SourceText.From(source).Lines.GetLinePositionSpan(at), span.Span);
    }

    /// <summary>Each part appears in the message (ordinal), so a test names what is wrong and what is expected.</summary>
    public static void MessageContains(Diagnostic diagnostic, params string[] parts)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string part in parts)
        {
            Assert.True(message.Contains(part, StringComparison.Ordinal), $"Message lacks \"{part}\":\n{message}");
        }
    }
}

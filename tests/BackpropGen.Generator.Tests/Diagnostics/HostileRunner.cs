using System.Collections.Immutable;
using System.Threading;
using BackpropGen.Generator.Parsing;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// Feeds many descriptions through ONE generator driver and ONE compilation, replacing the AdditionalFiles item
/// each time (what the IDE does on every keystroke), and checks after each run that nothing threw and only BPG
/// diagnostics came out, inside the file. The output compilation is compiled once per distinct generated file,
/// so a corpus of hundreds of inputs stays fast.
/// </summary>
internal sealed class HostileRunner
{
    /// <summary>A class bound to the file and nothing else, so any compile error comes from what was generated.</summary>
    public const string Source = "[BackpropGen.Network(\"nets/net.json\")] public partial class Net { }";

    private readonly CSharpCompilation _compilation;
    private readonly HashSet<string> _compiledOutputs = new(StringComparer.Ordinal);
    private GeneratorDriver _driver;
    private AdditionalText _file;

    public HostileRunner(string source = Source)
    {
        _compilation = GeneratorHarness.CreateCompilation(new[] { source });
        _file = new InMemoryAdditionalText(DiagnosticAssert.JsonPath, string.Empty);
        _driver = CSharpGeneratorDriver.Create(new[] { new BackpropGenerator().AsSourceGenerator() }, new[] { _file }, GeneratorHarness.ParseOptions);
    }

    public int Runs { get; private set; }

    /// <summary>How many distinct generated files were compiled.</summary>
    public int Compilations { get; private set; }

    public ImmutableArray<Diagnostic> Check(string text, string label) => Check(SourceText.From(text), label);

    /// <summary>Runs the generator on <paramref name="text"/> and returns its diagnostics, all checked.</summary>
    public ImmutableArray<Diagnostic> Check(SourceText text, string label)
    {
        var next = new InMemoryAdditionalText(DiagnosticAssert.JsonPath, text);
        _driver = _driver.ReplaceAdditionalText(_file, next);
        _file = next;
        _driver = _driver.RunGeneratorsAndUpdateCompilation(_compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Runs++;

        GeneratorRunResult result = _driver.GetRunResult().Results[0];
        Assert.True(result.Exception is null, $"{label}: the generator threw {result.Exception}");
        CheckDiagnostics(diagnostics, text.Length, label);

        // Placeholders or a real network: either way the user's project must compile.
        string generated = string.Concat(result.GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText));
        if (_compiledOutputs.Add(generated))
        {
            Compilations++;
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{label}: the output does not compile:\n" + string.Join("\n", errors.Take(5)));
        }

        return diagnostics;
    }

    /// <summary>Only BPG ids, never the internal-error one, each located inside the JSON file (or in C# source).</summary>
    public static void CheckDiagnostics(IEnumerable<Diagnostic> diagnostics, int textLength, string label)
    {
        foreach (Diagnostic diagnostic in diagnostics)
        {
            Assert.True(diagnostic.Id.StartsWith("BPG", StringComparison.Ordinal) && diagnostic.Id != "BPG999", $"{label}: {diagnostic}");
            string message = diagnostic.GetMessage();
            Assert.True(message.Length < 2_000, $"{label}: a {message.Length}-char message");
            Assert.DoesNotContain('\0', message);
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            if (span.Path == DiagnosticAssert.JsonPath)
            {
                Assert.True(diagnostic.Location.SourceSpan.End <= textLength, $"{label}: {diagnostic} points past the end of the file");
            }
        }
    }

    /// <summary>The parser alone, for corpora too big to push through the driver one by one.</summary>
    public static void CheckParser(SourceText text, string label)
    {
        (global::BackpropGen.Generator.Model.NetworkDescription? description, List<global::BackpropGen.Generator.Diagnostics.DiagnosticInfo> diagnostics, _) =
            JsonDescriptionParser.Parse(DiagnosticAssert.JsonPath, text, CancellationToken.None);
        CheckDiagnostics(diagnostics.Select(d => d.ToDiagnostic()), text.Length, label);
        Assert.True(description is null == diagnostics.Count > 0, $"{label}: a description must come with no errors, and errors with no description");
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Playground.Engine;

/// <summary>
/// Runs the real <see cref="BackpropGen.Generator.BackpropGenerator"/> through <see cref="CSharpGeneratorDriver"/> on an
/// in-memory compilation: <c>[Network("net.json")] partial class Net {}</c> plus the editor's text as an additional file.
/// One driver is kept between runs, so only the changed description is parsed and emitted again.
/// </summary>
public sealed class GeneratorRunner
{
    public const string DescriptionPath = "/playground/net.json";
    public const string ClassName = "Net";
    public const string Namespace = "Playground";

    /// <summary>As the SDK parses a net10.0 project (the loops kernels take their .NET 8+ branch).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest,
        preprocessorSymbols: new[] { "NET", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" });

    private static readonly string HostSource =
        "namespace " + Namespace + "\n{\n    [global::BackpropGen.Network(\"net.json\")]\n    public partial class " + ClassName + "\n    {\n    }\n}\n";

    private readonly CSharpCompilation _compilation;
    private GeneratorDriver _driver;
    private AdditionalText? _current;

    public GeneratorRunner()
        : this(CreateCompilation(HostSource))
    {
    }

    private GeneratorRunner(CSharpCompilation compilation)
    {
        _compilation = compilation;
        _driver = CSharpGeneratorDriver.Create(
            new[] { new BackpropGen.Generator.BackpropGenerator().AsSourceGenerator() },
            Array.Empty<AdditionalText>(),
            ParseOptions);
    }

    /// <summary>A runner over another host class (the attribute view's proof compiles the attribute form through it).</summary>
    public static GeneratorRunner ForSource(string hostSource) => new(CreateCompilation(hostSource));

    /// <summary>The in-memory compilation the generator sees: the attribute sources and the embedded reference assemblies.</summary>
    public static CSharpCompilation CreateCompilation(string hostSource) =>
        CSharpCompilation.Create(
            "PlaygroundNetwork",
            ReferenceAssemblies.AttributeSources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path))
                .Append(CSharpSyntaxTree.ParseText(hostSource, ParseOptions, path: "Host.cs")),
            ReferenceAssemblies.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release,
                concurrentBuild: false));

    /// <summary>Generates the code for one description (JSON text).</summary>
    public GenerationResult Generate(string json)
    {
        var clock = Stopwatch.StartNew();
        var text = new MemoryAdditionalText(DescriptionPath, json);
        _driver = _current is null ? _driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(text)) : _driver.ReplaceAdditionalText(_current, text);
        _current = text;
        return Run(clock);
    }

    /// <summary>Generates for the host source alone (attribute form: no additional file).</summary>
    public GenerationResult GenerateFromAttributes() => Run(Stopwatch.StartNew());

    private GenerationResult Run(Stopwatch clock)
    {
        _driver = _driver.RunGenerators(_compilation);
        GeneratorDriverRunResult run = _driver.GetRunResult();
        GeneratedSourceResult[] sources = run.Results.SelectMany(r => r.GeneratedSources).ToArray();
        var diagnostics = run.Diagnostics.Select(EditorDiagnostic.From)
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        clock.Stop();
        return new GenerationResult(
            string.Join("\n", sources.Select(s => s.SourceText.ToString())),
            sources.Select(s => s.SyntaxTree).ToArray(),
            diagnostics,
            _compilation,
            clock.Elapsed);
    }

    private sealed class MemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public MemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, System.Text.Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
    }
}

/// <summary>What one generator run gave: the generated source, its trees, the BPG diagnostics.</summary>
public sealed record GenerationResult(
    string Source,
    IReadOnlyList<SyntaxTree> Trees,
    IReadOnlyList<EditorDiagnostic> Diagnostics,
    CSharpCompilation InputCompilation,
    TimeSpan Elapsed)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>A diagnostic with its place in the description (1-based line and column), as an editor marks it.</summary>
public sealed record EditorDiagnostic(string Id, string Severity, string Message, bool InDescription, int Line, int Column, int EndLine, int EndColumn, int Start, int Length)
{
    public bool IsError => Severity == "error";

    public static EditorDiagnostic From(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        bool inDescription = d.Location.Kind == LocationKind.ExternalFile || (span.Path?.EndsWith("net.json", StringComparison.Ordinal) ?? false);
        TextSpan source = d.Location.SourceSpan;
        return new EditorDiagnostic(
            d.Id,
            d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" },
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            inDescription,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1,
            source.Start,
            source.Length);
    }
}

/// <summary>The embedded reference assemblies and attribute sources (the browser has no files to read them from).</summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        Assembly self = typeof(ReferenceAssemblies).Assembly;
        return self.GetManifestResourceNames().Where(n => n.StartsWith("ref/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using Stream stream = self.GetManifestResourceStream(n)!;
                return (MetadataReference)MetadataReference.CreateFromStream(stream, filePath: n);
            })
            .ToImmutableArray();
    });

    private static readonly Lazy<(string Path, string Text)[]> LazySources = new(() =>
    {
        Assembly self = typeof(ReferenceAssemblies).Assembly;
        return self.GetManifestResourceNames().Where(n => n.StartsWith("src/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(self.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            })
            .ToArray();
    });

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static IReadOnlyList<(string Path, string Text)> AttributeSources => LazySources.Value;
}

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Tool.Inspect;

/// <summary>What the generator made of one description.</summary>
/// <param name="Source">The generated file (empty when the description has errors).</param>
/// <param name="Diagnostics">The generator's diagnostics (BPG errors and warnings), located in the description.</param>
internal sealed record Generation(string Source, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>UTF-8 bytes of the generated source, as it would be written under obj/.</summary>
    public int SourceBytes => Encoding.UTF8.GetByteCount(Source);

    /// <summary>
    /// The layout of a trainable network's generated file, from its header ("// Network: ...; unrolled layout."); null
    /// for a frozen network (its header names none) or a header this tool does not recognise.
    /// </summary>
    public string? Layout => Regex.Match(Source, @"^// Network: .*; (\w+) layout\.$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>
/// Runs the BackpropGen generator in-process on one JSON description, as a consumer's build would (a partial class with
/// [Network("...")] and the file as an AdditionalFiles item), without compiling the result.
/// </summary>
internal static class GeneratorRunner
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET", "NET8_0_OR_GREATER" });

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The attribute has to bind for [Network] to be seen; corlib for everything else.
        string[] platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        return platform
            .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "netstandard.dll")
            .Append(typeof(BackpropGen.NetworkAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static Generation Run(string json, string fileName)
    {
        string source = $"[BackpropGen.Network(\"{fileName.Replace("\\", "\\\\").Replace("\"", "\\\"")}\")]\npublic partial class InspectedNetwork {{ }}\n";
        var compilation = CSharpCompilation.Create(
            "Inspected",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Inspected.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new BackpropGen.Generator.BackpropGenerator().AsSourceGenerator() },
            new AdditionalText[] { new InMemoryText(fileName, json) },
            ParseOptions);
        driver = driver.RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        string generated = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        ImmutableArray<Diagnostic> diagnostics = result.Diagnostics;
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("the generator failed: " + result.Exception.Message);
        }

        return new Generation(diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? string.Empty : generated, diagnostics);
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Generator.Tests.Infrastructure;

/// <summary>The result of running the generator once over an in-memory compilation.</summary>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation InputCompilation,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorDriverRunResult Result)
{
    /// <summary>Every generated file, by hint name.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Errors and warnings of the compilation including the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}

/// <summary>Drives <see cref="BackpropGenerator"/> in memory and compiles or loads what it produces.</summary>
public static class GeneratorHarness
{
    /// <summary>As the SDK parses a net10.0 project: the generated kernels take their .NET 8+ branch, as in the compiled-and-run tests.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" });

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(BackpropGen.NetworkAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, IEnumerable<MetadataReference>? extraReferences = null, string assemblyName = "GeneratedNetworks") =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value.Concat(extraReferences ?? Array.Empty<MetadataReference>()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    public static GeneratorRun Run(string source, params (string Path, string Text)[] files) =>
        Run(CreateCompilation(new[] { source }), files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray());

    public static GeneratorRun Run(Compilation compilation, IReadOnlyList<AdditionalText> files)
    {
        GeneratorDriver driver = CreateDriver(files);
        return Run(driver, compilation);
    }

    public static GeneratorDriver CreateDriver(IReadOnlyList<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            new[] { new BackpropGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Emits the compilation and loads it; fails the test with the compiler's errors if it does not compile.</summary>
    public static Assembly EmitAndLoad(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, "Generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return Assembly.Load(stream.ToArray());
    }
}

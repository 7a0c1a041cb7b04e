using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Generator.Tests.Packaging;

/// <summary>
/// What the package promises about compilers and run time (README, "Requirements"): the generator loads in the
/// .NET 8 SDK's compiler (Roslyn 4.8), the generated code compiles at C# 8.0 (the minimum: it starts with
/// <c>#nullable enable</c>), and a consumer's compiled assembly does not reference BackpropGen.dll.
/// </summary>
public class CompatibilityTests
{
    /// <summary>The oldest compiler the package supports: the .NET 8 SDK / Visual Studio 2022 17.8.</summary>
    private static readonly Version OldestRoslyn = new(4, 8, 0, 0);

    /// <summary>The C# version the generated code needs, as stated in README.md and PACKAGE.md.</summary>
    private const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp8;

    private const string MazurSource = """
        namespace WorkedExample
        {
            [BackpropGen.Network("mazur.json")]
            public partial class MazurNet { }
        }
        """;

    public static TheoryData<string, string, string> Networks => new()
    {
        { "worked example (JSON)", MazurSource, TestNetworks.MazurJson },
        {
            "attributes, tanh/identity, global namespace",
            """
            [BackpropGen.Network(Inputs = 2)]
            [BackpropGen.Layer(2, BackpropGen.Activation.Tanh)]
            [BackpropGen.Layer(1, BackpropGen.Activation.Identity)]
            public partial class B { }
            """,
            ""
        },
        {
            "attributes, worked example twin with initial values",
            """
            using BackpropGen;
            namespace N.M
            {
                [Network(Inputs = 2, Loss = LossFunction.HalfSquaredError, TrainBiases = false)]
                [Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
                [Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
                [InitialWeights(0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]
                [InitialBiases(0.35, 0.60)]
                internal sealed partial class MazurTwin { }
            }
            """,
            ""
        },
        {
            "JSON, float, relu/leaky_relu/softplus, every bias mode, mean_squared_error, nested class",
            """
            namespace N
            {
                public static partial class Outer
                {
                    [BackpropGen.Network("deep.json")]
                    private partial class Deep { }
                }
            }
            """,
            """
            {
              "inputs": 3,
              "layers": [
                { "size": 4, "activation": "relu", "bias": "none" },
                { "size": 3, "activation": "leaky_relu", "alpha": 0.1, "bias": "shared" },
                { "size": 2, "activation": "softplus" },
                { "size": 2, "activation": "identity" }
              ],
              "loss": "mean_squared_error",
              "numeric": "float",
              "seed": 7
            }
            """
        },
        {
            "JSON, softmax output with cross_entropy",
            "[BackpropGen.Network(\"softmax.json\")] public partial class Classifier { }",
            """{ "inputs": 4, "layers": [ { "size": 5, "activation": "tanh" }, { "size": 3, "activation": "softmax" } ], "loss": "cross_entropy" }"""
        },
        {
            "JSON, loops layout",
            "[BackpropGen.Network(\"loops.json\")] public partial class Looped { }",
            """{ "inputs": 2, "layers": [ { "size": 3, "activation": "logistic" }, { "size": 1, "activation": "logistic" } ], "codegen": "loops" }"""
        },
        {
            "JSON, frozen",
            "[BackpropGen.Network(\"frozen.json\")] public partial class Frozen { }",
            """{ "inputs": 1, "layers": [ { "size": 1, "activation": "identity" } ], "frozen": true, "initial": { "weights": [2.0], "biases": [0.5] } }"""
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_code_compiles_without_warnings_at_the_minimum_language_version(string name, string source, string json)
    {
        // The kernels of the loops layout have a .NET 8+ branch (Vector512/256/128) and a Vector<T> one for older targets.
        foreach (string[] symbols in new[] { Array.Empty<string>(), new[] { "NET8_0_OR_GREATER" } })
        {
            (Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics, GeneratorDriverRunResult result) =
                Generate(MinimumLanguageVersion, NullableContextOptions.Disable, source, json, symbols);

            Assert.Empty(generatorDiagnostics);
            Assert.NotEmpty(result.GeneratedTrees);
            Assert.All(result.GeneratedTrees, t => Assert.Equal(MinimumLanguageVersion, ((CSharpParseOptions)t.Options).LanguageVersion));

            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, $"{name} [{string.Join(",", symbols)}]: the generated code does not compile cleanly at C# 8.0:\n" + string.Join("\n", problems.Take(20)));
        }
    }

    [Fact]
    public void Generated_code_needs_csharp_8_because_of_nullable_enable()
    {
        (Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics, _) =
            Generate(LanguageVersion.CSharp7_3, NullableContextOptions.Disable, MazurSource, TestNetworks.MazurJson);

        Assert.Empty(generatorDiagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // CS8370: "Feature 'nullable reference types' is not available in C# 7.3. Please use language version 8.0 or greater."
        Assert.Contains(errors, e => e.Id == "CS8370" && e.Location.SourceTree!.GetText().Lines[e.Location.GetLineSpan().StartLinePosition.Line].ToString().StartsWith("#nullable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_assembly_does_not_reference_BackpropGen_and_keeps_no_BackpropGen_attribute()
    {
        (Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics, _) =
            Generate(MinimumLanguageVersion, NullableContextOptions.Enable, MazurSource, TestNetworks.MazurJson);
        Assert.Empty(generatorDiagnostics);
        Assert.Contains(output.References, r => r.Display is { } path && Path.GetFileName(path) == "BackpropGen.dll");

        (string[] references, string[] attributes) = ReferencesAndAttributes(output);

        Assert.DoesNotContain("BackpropGen", references);
        Assert.DoesNotContain(attributes, a => a.StartsWith("BackpropGen.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reference_check_does_see_BackpropGen_when_the_attributes_are_kept()
    {
        // Control for the test above: defining BACKPROPGEN_KEEP_ATTRIBUTES keeps the [Conditional] attributes.
        (Compilation output, _, _) = Generate(MinimumLanguageVersion, NullableContextOptions.Enable, MazurSource, TestNetworks.MazurJson,
            preprocessorSymbols: new[] { "BACKPROPGEN_KEEP_ATTRIBUTES" });

        (string[] references, string[] attributes) = ReferencesAndAttributes(output);

        Assert.Contains("BackpropGen", references);
        Assert.Contains("BackpropGen.NetworkAttribute", attributes);
    }

    [Fact]
    public void The_generator_references_nothing_newer_than_the_net8_sdk_compiler_provides()
    {
        // The compiler loads analyzers/dotnet/cs/BackpropGen.Generator.dll alone: every assembly it references must be
        // netstandard, Roslyn 4.8 or older, or one that Roslyn 4.8 itself references (at a version no newer).
        Assembly generator = typeof(BackpropGenerator).Assembly;
        Assembly roslyn = typeof(Compilation).Assembly;
        Assert.Equal(OldestRoslyn, roslyn.GetName().Version);
        var roslynDependencies = roslyn.GetReferencedAssemblies().ToDictionary(a => a.Name!, a => a.Version!);

        foreach (AssemblyName reference in generator.GetReferencedAssemblies())
        {
            if (reference.Name is "netstandard")
            {
                Assert.Equal(new Version(2, 0, 0, 0), reference.Version);
            }
            else if (reference.Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp")
            {
                Assert.True(reference.Version! <= OldestRoslyn, $"{reference.Name} {reference.Version} is newer than Roslyn {OldestRoslyn} (.NET 8 SDK)");
            }
            else
            {
                Assert.True(roslynDependencies.TryGetValue(reference.Name!, out Version? provided),
                    $"The generator references {reference.Name}, which the compiler does not provide: it would have to be packed beside the generator");
                Assert.True(reference.Version! <= provided, $"{reference.Name} {reference.Version} is newer than the {provided} that Roslyn {OldestRoslyn} uses");
            }
        }
    }

    [Fact]
    public void The_generator_targets_netstandard20()
    {
        var framework = typeof(BackpropGenerator).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>();
        Assert.Equal(".NETStandard,Version=v2.0", framework?.FrameworkName);
    }

    private static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Result) Generate(
        LanguageVersion languageVersion, NullableContextOptions nullable, string source, string json, IEnumerable<string>? preprocessorSymbols = null)
    {
        var parseOptions = new CSharpParseOptions(languageVersion, preprocessorSymbols: preprocessorSymbols);
        CSharpCompilation empty = GeneratorHarness.CreateCompilation(Array.Empty<string>(), assemblyName: "Consumer");
        Compilation compilation = empty
            .WithOptions(empty.Options.WithNullableContextOptions(nullable))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, parseOptions, path: "Consumer.cs"));

        // Every description is offered under every name the sources use; only the one a source names is read.
        var files = string.IsNullOrEmpty(json)
            ? Array.Empty<AdditionalText>()
            : new[] { "mazur.json", "deep.json", "softmax.json", "loops.json", "frozen.json" }
                .Select(f => (AdditionalText)new InMemoryAdditionalText("/consumer/" + f, json)).ToArray();

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new BackpropGenerator().AsSourceGenerator() }, files, parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    private static (string[] References, string[] Attributes) ReferencesAndAttributes(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;

        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        string[] references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
        string[] attributes = metadata.CustomAttributes.Select(h => AttributeTypeName(metadata, metadata.GetCustomAttribute(h))).ToArray();
        return (references, attributes);
    }

    private static string AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
            ? metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return type.Kind switch
        {
            HandleKind.TypeReference => metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Namespace) + "." + metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Namespace) + "." + metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => type.Kind.ToString(),
        };
    }
}

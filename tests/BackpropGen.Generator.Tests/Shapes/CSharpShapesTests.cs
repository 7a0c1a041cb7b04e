using System.Reflection;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace BackpropGen.Generator.Tests.Shapes;

/// <summary>
/// Property-based: many random, valid C# declarations of network classes in ONE compilation (keyword, contextual
/// keyword, non-ASCII, verbatim and \u-escaped names; no, block, nested and file-scoped namespaces; nesting in class,
/// struct, record, record struct, interface and generic types; every accessibility; the same class name in several
/// namespaces and names that differ only in case), every one generated, compiled and run (its Forward or Predict
/// against a reference). Seeded, so a failure reproduces; it prints the smallest declaration that still fails.
/// </summary>
public class CSharpShapesTests
{
    private const int CasesPerCompilation = 40;

    /// <summary>Starts a failure caused by invalid C# in the declarations (a bug of this test, or of the shrinking).</summary>
    private const string Invalid = "INVALID DECLARATION: ";

    private static readonly CSharpParseOptions FastParseOptions = GeneratorHarness.ParseOptions
        .WithDocumentationMode(DocumentationMode.None)
        .WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });

    // (as written, value): plain, keywords, contextual keywords, non-ASCII, verbatim and escaped spellings.
    private static readonly Name[] NamespaceParts = Names(
        "Nets", "Deep", "@event", "@class", "@namespace", "async", "var", "record", "dynamic", "value", "Réseau", "Ωmega", "网络", "@Plain", @"N\u0065ts", "_");

    private static readonly Name[] TypeNames = Names(
        "Net", "NET", "Outer", "@class", "@public", "@this", "var", "async", "await", "dynamic", "nameof", "Σigma", "Ñet", "网", "_Net", "@Net", @"N\u0065t2", "Net_1");

    private static readonly Name[] TypeParameterNames = Names("T", "TKey", "@in", "@out", "Ü", "@event");

    private static readonly string[] Activations = { "logistic", "sigmoid", "tanh", "relu", "leaky_relu", "identity", "linear", "softplus", "silu", "swish", "elu" };

    public static TheoryData<int> Seeds => new() { 11, 2026, 424242 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_declarations_compile_and_run(int seed)
    {
        List<ShapeCase> cases = Generate(seed, CasesPerCompilation);

        string? failure = Check(cases);

        if (failure is not null)
        {
            // Find the cases that fail on their own, and shrink the first to the smallest declaration that still fails.
            ShapeCase? failing = cases.FirstOrDefault(c => Check(new List<ShapeCase> { c }) is { } alone && !alone.StartsWith(Invalid, StringComparison.Ordinal));
            string smallest = failing is null ? "(no case fails on its own: the failure needs several together)" : Shrink(failing).Source();
            Assert.Fail($"Seed {seed}: {failure}\n\nSmallest failing declaration:\n{smallest}");
        }
    }

    /// <summary>Null when every case generates, compiles cleanly (no error anywhere, no warning in generated code) and runs right.</summary>
    private static string? Check(List<ShapeCase> cases)
    {
        var trees = cases.Select(c => CSharpSyntaxTree.ParseText(c.Source(), FastParseOptions, path: $"Case{c.Id}.cs")).ToList();
        var compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>(), assemblyName: "Shapes" + Guid.NewGuid().ToString("N")).AddSyntaxTrees(trees);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new BackpropGenerator().AsSourceGenerator() },
            cases.Where(c => c.Net.Json).Select(c => (AdditionalText)new InMemoryAdditionalText(c.JsonPath, c.Json())).ToArray(),
            FastParseOptions);
        GeneratorRun run = GeneratorHarness.Run(driver, compilation);
        if (run.Result.Results[0].Exception is { } exception)
        {
            return "the generator threw " + exception;
        }

        // A type named 'var' in scope of a network class is BPG029 (the generated code's 'var' locals would mean it):
        // those cases get placeholders, and nothing else may be reported.
        var varScopes = cases.SelectMany(c => c.Chain.Select((scope, i) => (scope, i)).Where(p => p.scope == "t:var").Select(p => c.Chain.Take(p.i).ToList())).ToList();
        var blocked = cases.Where(c => varScopes.Any(scope => c.Chain.Take(scope.Count).SequenceEqual(scope))).ToHashSet();
        var unexpected = run.GeneratorDiagnostics.Where(d => d.Id != "BPG029").ToList();
        if (unexpected.Count > 0 || run.GeneratorDiagnostics.Length != blocked.Count)
        {
            return $"the generator reported (expected {blocked.Count} BPG029):\n" + string.Join("\n", run.GeneratorDiagnostics.Take(10));
        }

        if (run.GeneratedSources.Count != cases.Count)
        {
            return $"{run.GeneratedSources.Count} files generated for {cases.Count} networks";
        }

        using var stream = new MemoryStream();
        EmitResult result = run.OutputCompilation.Emit(stream);
        // The user's own declarations may warn (CS8981: a lower-case type name); generated code must not add to that.
        var problems = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.StartsWith("Case", StringComparison.Ordinal) != true))
            .ToList();
        if (!result.Success || problems.Count > 0)
        {
            // Errors in the declarations themselves are this test's mistake, not the generator's: say so.
            bool InCase(Diagnostic d) => d.Location.SourceTree?.FilePath.StartsWith("Case", StringComparison.Ordinal) == true;
            bool invalid = problems.Any(InCase) && !problems.Any(d => !InCase(d));
            return (invalid ? Invalid : string.Empty) + "the output does not compile cleanly:\n" + string.Join("\n", problems.Take(10));
        }

        Assembly assembly = Assembly.Load(stream.ToArray());
        foreach (ShapeCase shape in cases)
        {
            Type? type = assembly.GetType(shape.MetadataName);
            if (type is null)
            {
                return $"no type {shape.MetadataName} in the output";
            }

            if (type.IsGenericTypeDefinition)
            {
                type = type.MakeGenericType(type.GetGenericArguments().Select(_ => typeof(int)).ToArray());
            }

            MethodInfo runForTest = type.GetMethod("RunForTest", BindingFlags.Static | BindingFlags.NonPublic)!;
            if (blocked.Contains(shape))
            {
                // Placeholders: they compile, and throw when called.
                var thrown = Assert.Throws<TargetInvocationException>(() => runForTest.Invoke(null, new object[] { 0.0, 0.0 }));
                Assert.IsType<InvalidOperationException>(thrown.InnerException);
                continue;
            }

            double actual = (double)runForTest.Invoke(null, new object[] { ShapeCase.Input[0], ShapeCase.Input[1] })!;
            double expected = shape.Expected();
            double tolerance = shape.Net.Float ? 1e-5 : 1e-12;
            if (!(Math.Abs(actual - expected) <= tolerance))
            {
                return $"{shape.MetadataName}: Forward gave {actual:R}, expected {expected:R}";
            }
        }

        return null;
    }

    private static List<ShapeCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<ShapeCase>();
        // What each path (namespace, type) is declared as: a second case may reuse a namespace or a containing type
        // declared exactly the same way (partial), but never declare a different thing at the same path (CS0101, CS0261).
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        while (cases.Count < count)
        {
            ShapeCase shape = One(random, seed * 1000 + cases.Count);
            var declarations = shape.Declarations().ToList();
            if (declarations.All(d => !declared.TryGetValue(d.Path, out string? existing) || (existing == d.Declaration && !existing.StartsWith("network", StringComparison.Ordinal))))
            {
                declarations.ForEach(d => declared[d.Path] = d.Declaration);
                cases.Add(shape);
            }
        }

        return cases;
    }

    private static ShapeCase One(Random random, int id)
    {
        T pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        string namespaceForm = pick(new[] { "none", "block", "nested", "file" });
        Name[] ns = Enumerable.Range(0, random.Next(1, 3)).Select(_ => pick(NamespaceParts)).ToArray();
        var containers = new List<Container>();
        for (int depth = random.Next(0, 3); containers.Count < depth;)
        {
            string kind = pick(new[] { "class", "struct", "record", "record struct", "interface" });
            Name name = pick(TypeNames);
            if (containers.Count > 0 && containers[^1].Name.Value == name.Value)
            {
                continue;
            }

            Name[] typeParameters = random.Next(3) == 0
                ? TypeParameterNames.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray()
                : Array.Empty<Name>();
            containers.Add(new Container(kind, name, typeParameters, Modifiers(random, containers.LastOrDefault()?.Kind, isClass: kind is "class")));
        }

        Name className;
        do
        {
            className = pick(TypeNames);
        }
        while (containers.Count > 0 && containers[^1].Name.Value == className.Value);

        bool frozen = random.Next(3) == 0;
        bool isStatic = frozen && random.Next(2) == 0;
        bool isRecord = !isStatic && random.Next(5) == 0;
        string codegen = frozen ? pick(new[] { "unrolled", "loops" }) : pick(new[] { "auto", "unrolled", "split", "loops" });
        var net = new NetShape(random.Next(2) == 0, pick(Activations), random.Next(3) == 0, codegen, frozen, isStatic);
        string modifiers = Modifiers(random, containers.LastOrDefault()?.Kind, isClass: !isRecord && !isStatic);
        return new ShapeCase(id, namespaceForm, ns, containers.ToArray(), modifiers, isRecord, className, net);
    }

    /// <summary>An accessibility that is legal where the type is declared (and "sealed" now and then on a class).</summary>
    private static string Modifiers(Random random, string? containerKind, bool isClass)
    {
        string[] allowed = containerKind switch
        {
            null => new[] { "", "public", "internal" },
            "struct" or "record struct" => new[] { "", "public", "internal", "private" },
            "interface" => new[] { "", "public", "internal" },
            _ => new[] { "", "public", "internal", "private", "protected", "protected internal", "private protected" },
        };
        string access = allowed[random.Next(allowed.Length)];
        string sealedModifier = isClass && random.Next(4) == 0 ? "sealed" : string.Empty;
        return string.Join(" ", new[] { access, sealedModifier }.Where(m => m.Length > 0));
    }

    /// <summary>Simplifies a failing case one step at a time (fewer containers, no namespace, plain names, JSON, default layout) while it still fails.</summary>
    private static ShapeCase Shrink(ShapeCase shape)
    {
        var plain = new Name("Plain", "Plain");
        bool progress = true;
        while (progress)
        {
            progress = false;
            var candidates = new List<ShapeCase>();
            for (int i = 0; i < shape.Containers.Length; i++)
            {
                candidates.Add(shape with { Containers = shape.Containers.Where((_, j) => j != i).ToArray() });
                candidates.Add(shape with { Containers = shape.Containers.Select((c, j) => j == i ? c with { TypeParameters = Array.Empty<Name>(), Modifiers = "", Kind = "class", Name = plain } : c).ToArray() });
            }

            candidates.Add(shape with { NamespaceForm = "none" });
            candidates.Add(shape with { Namespace = shape.Namespace.Take(1).Select(_ => plain).ToArray() });
            candidates.Add(shape with { ClassName = new Name("Net", "Net") });
            candidates.Add(shape with { Modifiers = "", IsRecord = false });
            candidates.Add(shape with { Net = shape.Net with { Codegen = shape.Net.Frozen ? "unrolled" : "auto", Static = false, Float = false, Activation = "identity" } });
            candidates.Add(shape with { Net = shape.Net with { Json = true } });
            foreach (ShapeCase candidate in candidates.Where(c => c != shape && c.Source() != shape.Source()))
            {
                if (Check(new List<ShapeCase> { candidate }) is { } still && !still.StartsWith(Invalid, StringComparison.Ordinal))
                {
                    shape = candidate;
                    progress = true;
                    break;
                }
            }
        }

        return shape;
    }

    private static Name[] Names(params string[] spellings) =>
        spellings.Select(s => new Name(s, System.Text.RegularExpressions.Regex.Unescape(s.TrimStart('@')))).ToArray();
}

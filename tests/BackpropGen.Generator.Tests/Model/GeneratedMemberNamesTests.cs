using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using BackpropGen.Generator.Emit;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Model;

/// <summary>
/// <see cref="GeneratedMemberNames"/> is what the clash check (BPG025) trusts: one network of every layout is compiled,
/// and the members found by reflection must be exactly the listed ones (name, kind, public or not, parameter types).
/// </summary>
public class GeneratedMemberNamesTests
{
    // 2 inputs -> 3 tanh (per-neuron biases) -> 2 softmax (shared bias): 12 weights, 4 biases.
    private const string Layers = """
        "inputs": 2,
        "layers": [ { "size": 3, "activation": "tanh" }, { "size": 2, "activation": "softmax", "bias": "none" } ],
        "loss": "cross_entropy"
        """;

    private const string Initial = """, "initial": { "weights": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "biases": [0.1, 0.2, 0.3] }""";

    /// <summary>Name, JSON, and the optimizer ("" for plain SGD; the JSON reader has no "optimizer" key yet, so it is set on the parsed description).</summary>
    public static TheoryData<string, string, string> Layouts => new()
    {
        { "Unrolled", "{" + Layers + ", \"codegen\": \"unrolled\" }", "" },
        { "Split", "{" + Layers + ", \"codegen\": \"split\" }", "" },
        { "Loops", "{" + Layers + ", \"codegen\": \"loops\" }", "" },
        { "AdamUnrolled", "{" + Layers + ", \"codegen\": \"unrolled\" }", "adam" },
        { "MomentumSplit", "{" + Layers + ", \"codegen\": \"split\", \"trainBiases\": false }", "momentum" },
        { "AdamWLoops", "{" + Layers + ", \"codegen\": \"loops\" }", "adamw" },
        { "MomentumLoops", "{" + Layers + ", \"codegen\": \"loops\" }", "momentum" },
        { "LoopsFloatIdentity", """{ "inputs": 2, "numeric": "float", "layers": [ { "size": 2, "activation": "relu", "bias": "shared" }, { "size": 1, "activation": "identity" } ], "codegen": "loops" }""", "" },
        { "FrozenUnrolled", "{" + Layers + ", \"frozen\": true, \"codegen\": \"unrolled\"" + Initial + " }", "" },
        { "FrozenLoops", "{" + Layers + ", \"frozen\": true, \"codegen\": \"loops\"" + Initial + " }", "" },
    };

    /// <summary>Every network of <see cref="Layouts"/>, emitted as the generator emits it, compiled together.</summary>
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var sources = new List<string>();
        foreach (object[] row in Layouts)
        {
            NetworkDescription description = Describe((string)row[0], (string)row[1], (string)row[2]);
            var target = new TargetClass(null, (string)row[0], default, IsStatic: description.Frozen);
            sources.Add($"public {(description.Frozen ? "static " : string.Empty)}partial class {row[0]} {{ }}");
            sources.Add(NetworkFile.Emit(target, description, "GeneratedMemberNamesTests"));
        }

        return GeneratorHarness.EmitAndLoad(GeneratorHarness.CreateCompilation(sources));
    });

    private static NetworkDescription Describe(string name, string json, string optimizer)
    {
        (NetworkDescription? description, List<global::BackpropGen.Generator.Diagnostics.DiagnosticInfo> diagnostics, _) =
            JsonDescriptionParser.Parse("/p/nets/" + name + ".json", SourceText.From(json), CancellationToken.None);
        Assert.Empty(diagnostics);
        OptimizerDescription? rule = optimizer switch
        {
            "" => null,
            "adam" => new OptimizerDescription(global::BackpropGen.Generator.Model.OptimizerKind.Adam, 0, false, 0.9, 0.999, 1e-8, 0),
            "adamw" => new OptimizerDescription(global::BackpropGen.Generator.Model.OptimizerKind.AdamW, 0, false, 0.9, 0.999, 1e-8, 0.01),
            "momentum" => new OptimizerDescription(global::BackpropGen.Generator.Model.OptimizerKind.Sgd, 0.9, true, 0.9, 0.999, 1e-8, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "no such optimizer in this test"),
        };
        return description! with { Optimizer = rule };
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_list_is_exactly_what_is_generated(string name, string json, string optimizer)
    {
        NetworkDescription description = Describe(name, json, optimizer);
        IReadOnlyList<GeneratedMember> listed = GeneratedMemberNames.For(description, new TargetClass(null, name, default, IsStatic: description.Frozen));
        Type type = Compiled.Value.GetType(name, throwOnError: true)!;

        var found = Members(type).ToList();
        var unlisted = found.Where(m => !listed.Any(g => Same(g, m))).ToList();
        var missing = listed.Where(g => !found.Any(m => Same(g, m))).ToList();

        Assert.True(unlisted.Count == 0 && missing.Count == 0, $"""
            {name}: generated but not listed:
              {string.Join("\n  ", unlisted)}
            listed but not generated:
              {string.Join("\n  ", missing)}
            """);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_placeholder_list_is_exactly_what_the_placeholders_hold(bool isStatic)
    {
        string source = $"[BackpropGen.Network(\"nets/bad.json\")] public {(isStatic ? "static " : string.Empty)}partial class Placeholder {{ }}";
        GeneratorRun run = GeneratorHarness.Run(source, ("/p/nets/bad.json", "{ \"inputs\": 0 }"));
        Assert.NotEmpty(run.GeneratorDiagnostics);
        Type type = GeneratorHarness.EmitAndLoad(run.OutputCompilation).GetType("Placeholder", throwOnError: true)!;
        var target = new TargetClass(null, "Placeholder", default, IsStatic: isStatic);
        IReadOnlyList<GeneratedMember> listed = GeneratedMemberNames.ForPlaceholder(target, NumericKind.Double);

        var found = Members(type).ToList();
        var unlisted = found.Where(m => !listed.Any(g => Same(g, m))).ToList();
        var missing = listed.Where(g => !found.Any(m => Same(g, m))).ToList();

        Assert.True(unlisted.Count == 0 && missing.Count == 0, $"""
            placeholder: generated but not listed:
              {string.Join("\n  ", unlisted)}
            listed but not generated:
              {string.Join("\n  ", missing)}
            """);
    }

    private static bool Same(GeneratedMember listed, (string Name, GeneratedMemberKind Kind, bool IsPublic, string? Parameters) found) =>
        listed.Matches(found.Name) && listed.Kind == found.Kind && listed.IsPublic == found.IsPublic && listed.Parameters == found.Parameters;

    private static IEnumerable<(string Name, GeneratedMemberKind Kind, bool IsPublic, string? Parameters)> Members(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (MemberInfo member in type.GetMembers(all))
        {
            if (member.Name.Contains('<', StringComparison.Ordinal) || member is ConstructorInfo)
            {
                continue;
            }

            switch (member)
            {
                case FieldInfo field:
                    yield return (field.Name, field.IsLiteral ? GeneratedMemberKind.Constant : GeneratedMemberKind.Field, field.IsPublic, null);
                    break;
                case MethodInfo method:
                    yield return (method.Name, GeneratedMemberKind.Method, method.IsPublic, string.Join(", ", method.GetParameters().Select(p => (p.IsOut ? "out " : string.Empty) + CSharp(p.ParameterType, type))));
                    break;
                case Type nested:
                    yield return (nested.Name, GeneratedMemberKind.Type, nested.IsNestedPublic, null);
                    break;
                default:
                    yield return (member.Name, (GeneratedMemberKind)(-1), false, member.MemberType.ToString());
                    break;
            }
        }
    }

    /// <summary>A parameter type as <see cref="GeneratedMember.Parameters"/> writes it.</summary>
    private static string CSharp(Type type, Type network)
    {
        if (type.IsByRef)
        {
            return CSharp(type.GetElementType()!, network);
        }

        if (type.IsArray)
        {
            return CSharp(type.GetElementType()!, network) + "[]";
        }

        if (type.DeclaringType == network)
        {
            return type.Name;
        }

        if (type == network)
        {
            return "global::" + type.FullName!.Replace('+', '.');
        }

        string? keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Double => "double",
            TypeCode.Single => "float",
            TypeCode.Int32 => "int",
            TypeCode.String => "string",
            TypeCode.Boolean => "bool",
            _ => null,
        };
        if (keyword is not null)
        {
            return keyword;
        }

        if (type.IsGenericType)
        {
            string name = Regex.Replace(type.GetGenericTypeDefinition().FullName!, "`.*$", string.Empty);
            return "global::" + name + "<" + string.Join(", ", type.GetGenericArguments().Select(a => CSharp(a, network))) + ">";
        }

        return "global::" + type.FullName;
    }
}

using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>
/// Names a user may write that a hint name or a C# declaration cannot take as they are, and one network that cannot
/// be generated beside one that can: every network is generated (or gets its BPG error) on its own.
/// </summary>
public class IsolationTests
{
    private const string Tiny = """{ "inputs": 1, "layers": [ { "size": 1, "activation": "identity" } ] }""";

    private static GeneratorRun Run(string source) => GeneratorHarness.Run(source, ("/p/nets/tiny.json", Tiny));

    [Fact]
    public void A_keyword_namespace_is_generated_and_does_not_switch_off_other_networks()
    {
        const string source = """
            namespace My.@event { [BackpropGen.Network("nets/tiny.json")] partial class A { } }
            namespace Good { [BackpropGen.Network("nets/tiny.json")] public partial class B { } }
            public static class Uses
            {
                public static int Use() => My.@event.A.InputCount + Good.B.InputCount;
            }
            """;

        GeneratorRun run = Run(source);

        Assert.Null(run.Result.Results[0].Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "Good.B.g.cs", "My.event.A.g.cs" }, run.GeneratedSources.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("namespace My.@event", run.GeneratedSources["My.event.A.g.cs"]);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Keyword_class_and_containing_type_names_are_escaped()
    {
        const string source = """
            namespace N
            {
                public partial class @public<@in, T>
                {
                    [BackpropGen.Network("nets/tiny.json")] public partial class @class { }
                }
                public partial interface @interface<@out> { [BackpropGen.Network("nets/tiny.json")] partial class @record { } }
            }
            """;

        GeneratorRun run = Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        string generated = run.GeneratedSources["N.public`2+class.g.cs"];
        Assert.Contains("partial class @public<@in, T>", generated);
        Assert.Contains("partial class @class", generated);
        Assert.Contains("partial interface @interface<@out>", run.GeneratedSources["N.interface`1+record.g.cs"]);
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Id != "CS8981");
    }

    [Fact]
    public void Classes_whose_names_differ_only_in_case_get_distinct_hint_names()
    {
        // Roslyn compares hint names ignoring case: "N.Net.g.cs" twice would fail the whole generator.
        const string source = """
            namespace N
            {
                [BackpropGen.Network("nets/tiny.json")] public partial class Net { }
                [BackpropGen.Network("nets/tiny.json")] public partial class NET { }
                [BackpropGen.Network("nets/tiny.json")] public partial class Other { }
            }
            """;

        GeneratorRun run = Run(source);

        Assert.Null(run.Result.Results[0].Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.GeneratedSources.Count);
        Assert.Contains("N.Other.g.cs", run.GeneratedSources.Keys);
        Assert.Equal(3, run.GeneratedSources.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Non_ASCII_names_get_a_hint_name_of_safe_characters()
    {
        const string source = """
            namespace Réseaux.Ωmega { [BackpropGen.Network("nets/tiny.json")] public partial class Nëtz { } }
            namespace Réseaux.Ωmega { [BackpropGen.Network("nets/tiny.json")] public partial class Netz { } }
            """;

        GeneratorRun run = Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2, run.GeneratedSources.Count);
        Assert.All(run.GeneratedSources.Keys, name => Assert.Matches("^[A-Za-z0-9._+`]+$", name));
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void A_network_that_fails_beside_one_that_works_leaves_the_good_one_generated()
    {
        // A: an unknown activation (BPG005); B: fine; C: its class is not partial (BPG012). B must not notice.
        const string source = """
            namespace N
            {
                [BackpropGen.Network("nets/bad.json")] public partial class A { }
                [BackpropGen.Network("nets/tiny.json")] public partial class B { }
                [BackpropGen.Network("nets/tiny.json")] public class C { }
                public static class Uses
                {
                    public static void Use()
                    {
                        var output = new double[1];
                        new B().Forward(new double[] { 2 }, output);
                    }
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source, ("/p/nets/tiny.json", Tiny), ("/p/nets/bad.json", Tiny.Replace("identity", "idnetity", StringComparison.Ordinal)));

        Assert.Null(run.Result.Results[0].Exception);
        Assert.Equal(new[] { "BPG005", "BPG012" }, run.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Contains("public void Forward(", run.GeneratedSources["N.B.g.cs"]);
        Assert.Contains("Unavailable", run.GeneratedSources["N.A.g.cs"]);
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath != "Source0.cs");
    }
}

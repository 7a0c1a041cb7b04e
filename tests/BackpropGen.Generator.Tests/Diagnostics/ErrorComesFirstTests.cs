using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using D = BackpropGen.Generator.Tests.Diagnostics.Descriptions;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// A user with a broken description, and code that already uses the network, sees the BPG error and nothing else:
/// the class still gets (throwing) placeholder members, so no CS error follows from the missing ones.
/// </summary>
public class ErrorComesFirstTests
{
    [Fact]
    public void Bad_json()
    {
        OnlyThisError(DiagnosticAssert.RunJson("{ \"inputs\": 2 \"layers\": [] }"), "BPG003");
    }

    [Fact]
    public void Empty_file()
    {
        OnlyThisError(DiagnosticAssert.RunJson(string.Empty), "BPG003");
    }

    [Fact]
    public void Missing_file()
    {
        OnlyThisError(GeneratorHarness.Run(DiagnosticAssert.JsonSource, ("/proj/other/net.json", D.Full)), "BPG001");
    }

    [Fact]
    public void Ambiguous_file()
    {
        OnlyThisError(GeneratorHarness.Run(DiagnosticAssert.JsonSource, ("/a/nets/net.json", D.Full), ("/b/nets/net.json", D.Full)), "BPG002");
    }

    [Fact]
    public void Wrong_initial_count()
    {
        OnlyThisError(DiagnosticAssert.RunJson(D.With(D.Biases, "[ 0.5 ]")), "BPG009");
    }

    [Fact]
    public void Unknown_activation()
    {
        OnlyThisError(DiagnosticAssert.RunJson(D.With(D.Activation1, "\"sigmoidd\"")), "BPG005");
    }

    [Fact]
    public void Attribute_network_with_a_bad_size()
    {
        string source = "using BackpropGen;\n[Network(Inputs = 0)]\n[Layer(2, Activation.Tanh)]\npublic partial class Net { }" + DiagnosticAssert.UsesNet;

        OnlyThisError(GeneratorHarness.Run(source), "BPG007");
    }

    [Fact]
    public void Float_network_in_json_keeps_float_placeholders()
    {
        string json = D.With(D.With(D.Numeric, "\"float\""), D.Weights, "[ 1 ]");

        OnlyThisError(GeneratorHarness.Run(FloatUser("[BackpropGen.Network(\"nets/net.json\")]"), (DiagnosticAssert.JsonPath, json)), "BPG009");
    }

    [Fact]
    public void Float_network_in_attributes_keeps_float_placeholders()
    {
        string source = FloatUser("[BackpropGen.Network(Inputs = 2, Numeric = BackpropGen.Numeric.Float)]\n[BackpropGen.Layer(0, BackpropGen.Activation.Tanh)]");

        OnlyThisError(GeneratorHarness.Run(source), "BPG007");
    }

    [Fact]
    public void Nested_in_generic_partial_types()
    {
        const string source = """
            namespace N
            {
                public partial class Outer<T>
                {
                    internal partial struct Middle
                    {
                        [BackpropGen.Network("nets/net.json")]
                        public sealed partial class Net { }
                    }
                }

                public static class UsesNet
                {
                    public static double Use()
                    {
                        var net = new Outer<int>.Middle.Net();
                        var output = new double[Outer<int>.Middle.Net.OutputCount];
                        net.Forward(new double[Outer<int>.Middle.Net.InputCount], output);
                        return net.Backward(new double[2], output, new double[9], out Outer<int>.Middle.Net.Trace trace);
                    }
                }
            }
            """;

        OnlyThisError(GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, "{")), "BPG003");
    }

    [Fact]
    public void A_class_that_is_not_partial_reports_BPG012_beside_the_compiler_errors()
    {
        // Placeholders cannot be added to a non-partial class, so the compiler's own errors are expected here.
        string source = DiagnosticAssert.JsonSource.Replace("public partial class Net", "public class Net", StringComparison.Ordinal);

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, D.Full));

        Assert.Null(run.Result.Results[0].Exception);
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG012", error.Id);
        DiagnosticAssert.AtSource(error, source, "Net");
        Assert.Empty(run.GeneratedSources);
        Assert.Contains(run.CompilationDiagnostics, d => d.Id is "CS0117" or "CS1061");
    }

    [Fact]
    public void A_containing_type_that_is_not_partial_reports_BPG013_beside_the_compiler_errors()
    {
        const string source = """
            public class Outer
            {
                [BackpropGen.Network("nets/net.json")]
                public partial class Net { }

                public static int Inputs => Net.InputCount;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, D.Full));

        Assert.Null(run.Result.Results[0].Exception);
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG013", error.Id);
        DiagnosticAssert.AtSource(error, source, "Outer");
        Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS0117");
    }

    // ---- frozen networks: their users call the static Predict ----

    private const string FrozenUser = """

        public static class UsesFrozen
        {
            public static void Use()
            {
                var output = new double[Net.OutputCount];
                Net.Predict(new double[Net.InputCount], output);
            }
        }
        """;

    private const string FrozenJson = """{ "frozen": true, "inputs": 2, "layers": [ { "size": 1, "activation": "identity" } ], "initial": { "weights": [ 1, 2 ] } }""";

    [Fact]
    public void Frozen_network_missing_its_initial_values_used_through_Predict()
    {
        GeneratorRun run = GeneratorHarness.Run("[BackpropGen.Network(\"nets/net.json\")] public partial class Net { }" + FrozenUser, (DiagnosticAssert.JsonPath, FrozenJson));

        OnlyThisError(run, "BPG021");
    }

    [Fact]
    public void Frozen_network_in_a_static_class_missing_its_initial_values()
    {
        GeneratorRun run = GeneratorHarness.Run("[BackpropGen.Network(\"nets/net.json\")] public static partial class Net { }" + FrozenUser, (DiagnosticAssert.JsonPath, FrozenJson));

        OnlyThisError(run, "BPG021");
    }

    [Fact]
    public void Exporting_a_network_whose_description_has_errors()
    {
        const string user = """

            public static class Exports
            {
                public static string Use(System.IO.TextWriter writer)
                {
                    var net = new Net();
                    net.WriteDescription(writer);
                    return net.ToDescriptionJson();
                }
            }
            """;

        OnlyThisError(GeneratorHarness.Run(DiagnosticAssert.JsonSource + user, (DiagnosticAssert.JsonPath, "{ }")), "BPG008", "BPG008");
    }

    private static string FloatUser(string attributes) => attributes + """

        public partial class Net { }

        public static class UsesNet
        {
            public static float Use()
            {
                var net = new Net();
                var output = new float[Net.OutputCount];
                net.Forward(new float[Net.InputCount], output);
                return net.TrainStep(new float[2], output, 0.1f) + net.Backward(new float[2], output, new float[Net.ParameterCount], out Net.Trace trace);
            }
        }
        """;

    /// <summary>The generator reported exactly these BPG errors, and the compilation has no diagnostic of its own, not even a warning.</summary>
    private static void OnlyThisError(GeneratorRun run, params string[] ids)
    {
        Assert.Null(run.Result.Results[0].Exception);
        Assert.Equal(ids, run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.True(run.CompilationDiagnostics.Count == 0, "Follow-on diagnostics:\n" + string.Join("\n", run.CompilationDiagnostics.Take(10)));
    }
}

using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// BPG025 and BPG026: a class that cannot take the generated members gets a BPG error at the user's code, and no
/// error inside generated code (CS0102, CS0111, CS0542, CS0708, or CS0108 with warnings as errors).
/// </summary>
public class MemberClashDiagnosticsTests
{
    private const string Network = "[Network(Inputs = 2)]\n[Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]\n[Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]\n";

    [Fact]
    public void A_field_named_like_a_parameter_is_BPG025_at_the_field()
    {
        string source = Source("public partial class Net\n{\n    private double w1;\n    public double Get() => w1;\n}");

        Diagnostic error = Error(source, "BPG025", "w1", occurrence: 1);
        DiagnosticAssert.MessageContains(error, "The field 'w1' clashes with the private field w1 that BackpropGen generates into this class", "rename yours");
    }

    [Fact]
    public void A_nested_type_named_Trace_is_BPG025_at_the_type()
    {
        string source = Source("public partial class Net\n{\n    public struct Trace { }\n}");

        Diagnostic error = Error(source, "BPG025", "Trace");
        DiagnosticAssert.MessageContains(error, "The nested type 'Trace' clashes with the public nested type Trace");
    }

    [Fact]
    public void A_method_with_the_signature_of_Forward_is_BPG025_at_the_method()
    {
        string source = Source("public partial class Net\n{\n    public void Forward(System.ReadOnlySpan<double> x, System.Span<double> y) { }\n}");

        Diagnostic error = Error(source, "BPG025", "Forward");
        DiagnosticAssert.MessageContains(error, "The method 'Forward' clashes with the public method Forward(ReadOnlySpan<double>, Span<double>)");
    }

    [Fact]
    public void An_overload_of_Forward_with_other_parameters_is_fine()
    {
        string source = Source("public partial class Net\n{\n    public void Forward(double[] input, double[] output) => Forward(new System.ReadOnlySpan<double>(input), output);\n}" + DiagnosticAssert.UsesNet);

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_property_named_like_a_generated_constant_is_BPG025()
    {
        string source = Source("public partial class Net\n{\n    public int InputCount => 3;\n}");

        Diagnostic error = Error(source, "BPG025", "InputCount");
        DiagnosticAssert.MessageContains(error, "The property 'InputCount' clashes with the public constant InputCount");
    }

    [Fact]
    public void A_network_class_named_like_a_generated_member_is_BPG025_at_the_class_name()
    {
        string source = Source("public partial class Forward { }");

        Diagnostic error = Error(source, "BPG025", "Forward");
        DiagnosticAssert.MessageContains(error, "The class name 'Forward' clashes with the public method Forward(", "rename the class");
    }

    [Fact]
    public void An_inherited_member_that_a_generated_one_would_hide_is_BPG025_at_the_class_name()
    {
        string source = Source("public partial class Net : Base { }\npublic class Base\n{\n    public int ParameterCount => 1;\n}");


        Diagnostic error = Error(source, "BPG025", "Net");
        DiagnosticAssert.MessageContains(error, "The property 'ParameterCount' inherited from 'Base' clashes with the public constant ParameterCount", "rename it in the base class");
    }

    [Fact]
    public void A_private_inherited_member_is_not_hidden_and_is_fine()
    {
        string source = Source("public partial class Net : Base { }\npublic class Base\n{\n    private int ParameterCount => 1;\n    public int Other() => ParameterCount;\n}" + DiagnosticAssert.UsesNet);

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Loops_layout_private_fields_are_checked_too()
    {
        string source = Source("public partial class Net\n{\n    private int[] _parameters = new int[1];\n    public int First() => _parameters[0];\n}", Network.Replace("Inputs = 2", "Inputs = 2, Codegen = Codegen.Loops", StringComparison.Ordinal));

        Diagnostic error = Error(source, "BPG025", "_parameters");
        DiagnosticAssert.MessageContains(error, "The field '_parameters' clashes with the private field _parameters");
    }

    [Fact]
    public void Split_layout_private_members_are_checked_too()
    {
        string source = Source("public partial class Net\n{\n    private sealed class Pass { }\n}", Network.Replace("Inputs = 2", "Inputs = 2, Codegen = Codegen.Split", StringComparison.Ordinal));

        Diagnostic error = Error(source, "BPG025", "Pass");
        DiagnosticAssert.MessageContains(error, "The nested type 'Pass' clashes with the private nested type Pass");
    }

    [Fact]
    public void A_JSON_network_is_checked_at_the_member_as_well()
    {
        string source = "[BackpropGen.Network(\"nets/net.json\")]\npublic partial class Net\n{\n    public static void TrainStep() { }\n    private const int b_o1 = 0;\n}";

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, """{ "inputs": 1, "layers": [ { "size": 1, "activation": "identity" } ] }"""));

        DiagnosticAssert.OnlyBpgErrors(run);
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG025", error.Id);
        DiagnosticAssert.AtSource(error, source, "b_o1");
        DiagnosticAssert.MessageContains(error, "The constant 'b_o1' clashes with the private field b_o1");
    }

    [Fact]
    public void A_member_named_like_a_placeholder_only_turns_the_placeholders_off()
    {
        // The description has an error, so placeholders would be generated, and they hold a constant "Unavailable".
        string source = Source("public partial class Net\n{\n    public const string Unavailable = \"mine\";\n}", Network.Replace("Inputs = 2", "Inputs = 0", StringComparison.Ordinal));

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Equal("BPG007", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void A_trainable_network_on_a_static_class_is_BPG026_at_the_class_name()
    {
        string source = Source("public static partial class Net { }");

        Diagnostic error = Error(source, "BPG026", "Net");
        DiagnosticAssert.MessageContains(error, "The class 'Net' is static, but a trainable network has instance members", "remove 'static'", "Frozen = true");
    }

    [Fact]
    public void A_trainable_JSON_network_on_a_static_class_names_the_frozen_key()
    {
        string source = "[BackpropGen.Network(\"nets/net.json\")]\npublic static partial class Net { }";

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, """{ "inputs": 1, "layers": [ { "size": 1, "activation": "identity" } ] }"""));

        Diagnostic error = DiagnosticAssert.Single(run, "BPG026");
        DiagnosticAssert.AtSource(error, source, "Net");
        DiagnosticAssert.MessageContains(error, "\"frozen\": true");
    }

    [Fact]
    public void A_frozen_network_on_a_static_class_is_fine_and_its_Predict_is_checked()
    {
        const string frozen = "[Network(Inputs = 1, Frozen = true)]\n[Layer(1, Activation.Identity)]\n[InitialWeights(2.0)]\n[InitialBiases(0.5)]\n";
        GeneratorRun fine = GeneratorHarness.Run(Source("public static partial class Net { }", frozen));
        DiagnosticAssert.OnlyBpgErrors(fine);
        Assert.Empty(fine.GeneratorDiagnostics);

        string source = Source("public static partial class Net\n{\n    public static void Predict(System.ReadOnlySpan<double> a, System.Span<double> b) { }\n}", frozen);
        Diagnostic error = Error(source, "BPG025", "Predict");
        DiagnosticAssert.MessageContains(error, "The method 'Predict' clashes with the public method Predict(ReadOnlySpan<double>, Span<double>)");
    }

    [Theory]
    [InlineData("namespace N { public class var { } }\nnamespace N { [Network(Inputs = 1)] [Layer(1, Activation.Identity)] public partial class Net { } }", "var", "N.var", "'Net'")]
    [InlineData("public partial class var { [Network(Inputs = 1)] [Layer(1, Activation.Identity)] public partial class Net { } }", "var", "var", "'@var.Net'")]
    [InlineData("[Network(Inputs = 1)] [Layer(1, Activation.Identity)] public partial class @var { }", "@var", "var", "'@var'")]
    public void A_type_named_var_in_scope_is_BPG029_at_that_type(string declarations, string underlined, string type, string network)
    {
        string source = "using BackpropGen;\n" + declarations;

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic error = DiagnosticAssert.Single(run, "BPG029");
        Assert.Equal(source.IndexOf(underlined + " ", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        DiagnosticAssert.MessageContains(error, $"The type '{type}' is in scope of the network class {network}", "the generated code declares locals with 'var', which would then mean it; rename it");
    }

    [Fact]
    public void A_member_named_nameof_is_BPG029_at_that_member()
    {
        string source = "using BackpropGen;\n[Network(Inputs = 1)] [Layer(1, Activation.Identity)] public partial class Net { public static int nameof(object o) => 1; }";

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic error = DiagnosticAssert.Single(run, "BPG029");
        DiagnosticAssert.AtSource(error, source, "nameof");
        DiagnosticAssert.MessageContains(error, "The method 'Net.nameof(object)' is in scope of the network class 'Net'", "checks its arguments with nameof(...)");
    }

    [Fact]
    public void A_generic_type_named_var_does_not_matter()
    {
        GeneratorRun run = GeneratorHarness.Run("using BackpropGen;\npublic class var<T> { }\n[Network(Inputs = 1)] [Layer(1, Activation.Identity)] public partial class Net { }" + DiagnosticAssert.UsesNet);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    private static string Source(string partialClass, string attributes = Network) => "using BackpropGen;\n\n" + attributes + partialClass;

    /// <summary>Exactly one diagnostic, this error, underlining the <paramref name="occurrence"/>-th <paramref name="text"/> from the class name on.</summary>
    private static Diagnostic Error(string source, string id, string text, int occurrence = 1)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic error = DiagnosticAssert.Single(run, id);
        int at = source.IndexOf("partial class ", StringComparison.Ordinal) + "partial class ".Length;
        for (int i = 0; i < occurrence; i++)
        {
            at = source.IndexOf(text, at, StringComparison.Ordinal) + (i + 1 < occurrence ? text.Length : 0);
        }

        Assert.Equal(at, error.Location.SourceSpan.Start);
        DiagnosticAssert.AtSource(error, source, text);
        return error;
    }
}

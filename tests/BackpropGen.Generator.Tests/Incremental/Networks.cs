namespace BackpropGen.Generator.Tests.Incremental;

/// <summary>
/// The project the incrementality tests edit: A and C described by JSON files, B by attributes, each in its own file,
/// plus a C# file and an AdditionalFiles item that no network uses.
/// </summary>
internal static class Networks
{
    public const string APath = "Nets/A.cs";
    public const string BPath = "Nets/B.cs";
    public const string CPath = "Nets/C.cs";
    public const string OtherPath = "Other/Helpers.cs";

    public const string AJsonPath = "/project/nets/a.json";
    public const string CJsonPath = "/project/nets/c.json";
    public const string NotesPath = "/project/docs/notes.txt";

    // The method body after the attribute lets a test edit A's own file without moving the attribute.
    public const string A = """
        namespace Nets;

        [BackpropGen.Network("nets/a.json")]
        public partial class A
        {
            public int Answer() => 41;
        }
        """;

    public const string B = """
        namespace Nets;

        [BackpropGen.Network(Inputs = 2)]
        [BackpropGen.Layer(2, BackpropGen.Activation.Tanh)]
        [BackpropGen.Layer(1, BackpropGen.Activation.Identity)]
        public partial class B { }
        """;

    public const string C = """
        namespace Nets;

        [BackpropGen.Network("nets/c.json")]
        public partial class C { }
        """;

    public const string Other = """
        namespace Other;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    public const string AJson = """{ "inputs": 2, "layers": [ { "size": 2, "activation": "logistic" }, { "size": 1, "activation": "identity" } ] }""";

    /// <summary>The same network as <see cref="AJson"/>: only whitespace, comments and key order differ.</summary>
    public const string AJsonReformatted = """
        // Same network as before, reformatted.
        {
          "layers": [
            { "activation": "logistic", "size": 2 },   /* hidden */
            { "activation": "identity", "size": 1 }
          ],
          "inputs": 2
        }
        """;

    /// <summary><see cref="AJson"/> with a wider hidden layer.</summary>
    public const string AJsonWider = """{ "inputs": 2, "layers": [ { "size": 3, "activation": "logistic" }, { "size": 1, "activation": "identity" } ] }""";

    public const string CJson = """{ "inputs": 3, "layers": [ { "size": 1, "activation": "identity" } ], "initial": { "weights": [0.5, -0.25, 1.0], "biases": [0.125] } }""";

    /// <summary>Networks with diagnostics (missing file, broken JSON, not partial) and one nested in a generic type.</summary>
    public const string OddPath = "Nets/Odd.cs";

    public const string Odd = """
        namespace Nets;

        [BackpropGen.Network("nets/missing.json")]
        public partial class Missing { }

        [BackpropGen.Network("nets/broken.json")]
        public partial class Broken { }

        [BackpropGen.Network("nets/a.json")]
        public class NotPartial { }

        public static partial class Outer<T>
        {
            [BackpropGen.Network(Inputs = 2, Seed = 7)]
            [BackpropGen.Layer(2, BackpropGen.Activation.LeakyReLU, Alpha = 0.2)]
            [BackpropGen.Layer(1, BackpropGen.Activation.Identity, Bias = BackpropGen.BiasMode.Shared)]
            [BackpropGen.InitialWeights(0.1, -0.2, 0.3, -0.4, 0.5, -0.6)]
            [BackpropGen.InitialBiases(0.01, 0.02, 0.03)]
            public partial class Inner { }
        }
        """;

    public static IncrementalScenario Start() => IncrementalScenario.Start(
        new[] { (APath, A), (BPath, B), (CPath, C), (OtherPath, Other) },
        new[] { (AJsonPath, AJson), (CJsonPath, CJson), (NotesPath, "Nothing to see here.") });

    /// <summary><see cref="Start"/> plus <see cref="Odd"/>: every kind of network, valid or not, so every step has outputs.</summary>
    public static IncrementalScenario StartWithEveryKind() => IncrementalScenario.Start(
        new[] { (APath, A), (BPath, B), (CPath, C), (OddPath, Odd), (OtherPath, Other) },
        new[] { (AJsonPath, AJson), (CJsonPath, CJson), ("/project/nets/broken.json", "{ \"inputs\": 2, \"layers\": [ "), (NotesPath, "Nothing to see here.") });
}

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>The networks the optimizer tests train: every optimizer setting in every layout and numeric type, in one compilation.</summary>
public static class OptimizerNetworks
{
    /// <summary>Optimizer settings as JSON, with what PyTorch would be given for them.</summary>
    public static readonly (string Name, string Json)[] Settings =
    {
        ("sgd momentum", """{ "type": "sgd", "momentum": 0.9 }"""),
        ("sgd nesterov + L2", """{ "type": "sgd", "momentum": 0.8, "nesterov": true, "weightDecay": 0.01 }"""),
        ("sgd L2 only", """{ "type": "sgd", "weightDecay": 0.05 }"""),
        ("adam", """{ "type": "adam" }"""),
        ("adam L2", """{ "type": "adam", "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6, "weightDecay": 0.01 }"""),
        ("adamw", """{ "type": "adamw" }"""),
        ("adamw no decay", """{ "type": "adamw", "weightDecay": 0 }"""),
    };

    private static readonly string[] Layouts = { "unrolled", "split", "loops" };

    public static readonly IReadOnlyList<NetworkSpec> All =
        (from setting in Settings
         from layout in Layouts
         from numeric in new[] { "double", "float" }
         select Network(setting, layout, numeric, trainBiases: null))
        .Concat(from setting in new[] { Settings[0], Settings[3] }
                from layout in new[] { "unrolled", "loops" }
                select Network(setting, layout, "double", trainBiases: false))
        .ToList();

    private static readonly Lazy<CompiledNetworks> Compiled = new(() => CompiledNetworks.Compile(All, "OptimizerNetworks"));

    public static CompiledNetworks Networks => Compiled.Value;

    public static IEnumerable<object[]> Names => All.Select(spec => new object[] { spec.Name });

    /// <summary>The optimizer JSON of a network.</summary>
    public static string SettingOf(string network) => All.Single(s => s.Name == network).Optimizer!;

    private static NetworkSpec Network((string Name, string Json) setting, string layout, string numeric, bool? trainBiases) =>
        new(
            $"{setting.Name} | {layout} | {numeric}" + (trainBiases == false ? " | biases frozen" : string.Empty),
            3,
            new[] { new LayerSpec(4, "tanh"), new LayerSpec(3, "elu", "shared"), new LayerSpec(2, "logistic") },
            "half_squared_error",
            numeric,
            TrainBiases: trainBiases,
            Seed: 21,
            Codegen: layout,
            Optimizer: setting.Json);
}

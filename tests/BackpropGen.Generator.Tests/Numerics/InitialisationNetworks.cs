namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>Networks for the initialisation tests: seeded ones (every activation, several seeds) and ones with given initial values.</summary>
public static class InitialisationNetworks
{
    public static readonly double[] GivenWeights =
    {
        0.1, -0.7, 0.3333333333333333, 2.2250738585072014E-308, 1E+21, -1E-07,
        123456.789, 9007199254740992, 0.30000000000000004, -0.0, 5E-324, -1.7976931348623157E+308,
    };

    public static readonly double[] GivenFloatWeights =
    {
        0.1, -0.7, 0.3333333333333333, 1E-45, 1E+21, -1E-07,
        123456.789, 16777217, 0.30000000000000004, -0.0, 3.4028234663852886E+38, 1.0000001,
    };

    public static readonly double[] GivenBiases = { 0.35, -0.6, 1E-300, 42, -3.0000000000000004 };

    /// <summary>2 -> 12 -> 2: layer 1 has fan-in 2 and fan-out 12, where the Glorot (0.65) and He (1.73) limits are far apart.</summary>
    private static readonly int[] Wide = { 12, 2 };

    public static readonly IReadOnlyList<NetworkSpec> Specs =
        GradientCheckNetworks.Activations.Select(a => WideNet(a, "double"))
        .Concat(new[] { WideNet("tanh", "float"), WideNet("relu", "float") })
        .Concat(new int?[] { null, 0, 1, int.MaxValue }.Select(seed => Small("seed " + (seed?.ToString() ?? "omitted"), seed: seed)))
        .Concat(new[]
        {
            Small("initial weights and biases | double", weights: GivenWeights, biases: GivenBiases),
            Small("initial weights and biases | float", weights: GivenFloatWeights, biases: GivenBiases, numeric: "float"),
            Small("initial weights only", weights: GivenWeights),
            Small("initial biases only", biases: GivenBiases),
        })
        .ToList();

    /// <summary>Some descriptions (Glorot, He, float, seeded, given) that are also generated and compiled a second time.</summary>
    public static readonly string[] Recompiled = { "tanh | double | 2-12-2", "relu | double | 2-12-2", "relu | float | 2-12-2", "seed 1", "initial weights and biases | float" };

    private static readonly Lazy<CompiledNetworks> FirstCompilation = new(() => CompiledNetworks.Compile(Specs, "InitialisationA"));

    private static readonly Lazy<CompiledNetworks> SecondCompilation = new(() => CompiledNetworks.Compile(Specs.Where(s => Recompiled.Contains(s.Name)).ToList(), "InitialisationB"));

    public static CompiledNetworks First => FirstCompilation.Value;

    public static CompiledNetworks Second => SecondCompilation.Value;

    /// <summary>uniform(±sqrt(6 / fanIn)) (He) for the rectifier family (relu, leaky_relu, silu, elu), uniform(±sqrt(6 / (fanIn + fanOut))) (Glorot) otherwise.</summary>
    public static double Limit(LayerSpec layer, int fanIn) =>
        layer.Kind is "relu" or "leaky_relu" or "silu" or "elu" ? Math.Sqrt(6.0 / fanIn) : Math.Sqrt(6.0 / (fanIn + layer.Size));

    /// <summary>2 -> 3 tanh -> 2 identity: 12 weights, 5 per-neuron biases.</summary>
    public static NetworkSpec Small(string name, int? seed = null, double[]? weights = null, double[]? biases = null, string numeric = "double") =>
        new(name, 2, new[] { new LayerSpec(3, "tanh"), new LayerSpec(2, "identity") }, Numeric: numeric, Seed: seed, InitialWeights: weights, InitialBiases: biases);

    /// <summary>What GetParameters returns on a fresh instance.</summary>
    public static double[] Parameters(CompiledNetworks compiled, string network)
    {
        IGradientCheckable net = compiled.Create(network);
        var parameters = new double[net.ParameterCount];
        net.GetParameters(parameters);
        return parameters;
    }

    /// <summary>Exact comparison that also tells -0.0 from 0.0.</summary>
    public static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static NetworkSpec WideNet(string activation, string numeric) =>
        new($"{activation} | {numeric} | 2-{string.Join("-", Wide)}", 2, Wide.Select(size => new LayerSpec(size, activation)).ToArray(), Numeric: numeric);
}

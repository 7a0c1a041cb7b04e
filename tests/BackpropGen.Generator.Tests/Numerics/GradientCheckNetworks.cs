namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// The networks whose derivatives are checked, all generated into one compilation built on first use.
/// Unrolled code runs to 25-100 KB per network and compiling it dominates the run (about 2 s of CPU per MB),
/// so the full product is taken where a combination changes the code and thinned where it cannot.
/// </summary>
public static class GradientCheckNetworks
{
    /// <summary>The distinct element-wise activations (sigmoid, linear and swish are aliases: see ActivationAliasTests).</summary>
    public static readonly string[] Activations = { "logistic", "tanh", "relu", "leaky_relu", "identity", "softplus", "silu", "elu" };
    public static readonly string[] SquaredLosses = { "half_squared_error", "mean_squared_error" };
    public static readonly string[] BiasModes = { "per_neuron", "shared", "none" };
    public static readonly string[] Numerics = { "double", "float" };

    /// <summary>Output activations coupled to their loss: softmax with every loss, logistic with binary cross-entropy.</summary>
    private static readonly (string Activation, string Loss)[] CoupledOutputs =
        { ("softmax", "half_squared_error"), ("softmax", "mean_squared_error"), ("softmax", "cross_entropy"), ("logistic", "cross_entropy") };

    /// <summary>
    /// Layer sizes after the 3 inputs: 0, 1 and 3 hidden layers, no two adjacent widths equal (so a transposed weight
    /// index or a loop over the wrong dimension cannot go unnoticed).
    /// </summary>
    private static readonly int[] NoHidden = { 2 }, OneHidden = { 4, 2 }, ThreeHidden = { 4, 2, 3, 2 };

    // Static fields initialise in textual order: everything All uses is declared above it.
    public static readonly IReadOnlyList<NetworkSpec> All =
        ElementWise(NoHidden).Concat(ElementWise(OneHidden))
        .Concat(ElementWiseDeep())
        .Concat(ElementWise(ThreeHidden, "loops"))
        .Concat(SoftmaxAndCrossEntropy(NoHidden, codegen: null))
        .Concat(SoftmaxAndCrossEntropyDeep(OneHidden, codegen: null))
        .Concat(SoftmaxAndCrossEntropy(NoHidden, codegen: "loops"))
        .Concat(SoftmaxAndCrossEntropy(ThreeHidden, codegen: "loops"))
        .Concat(Mixed())
        .Concat(WideLoops())
        .Concat(SplitLayout())
        .ToList();

    private static readonly Lazy<CompiledNetworks> Compiled = new(() => CompiledNetworks.Compile(All, "GradientCheckNetworks"));

    public static CompiledNetworks Networks => Compiled.Value;

    /// <summary>One theory row per network; the row's name is the configuration.</summary>
    public static IEnumerable<object[]> Names => All.Select(spec => new object[] { spec.Name });

    /// <summary>Every activation x squared loss x bias mode x numeric type, the same activation and bias on every layer.</summary>
    private static IEnumerable<NetworkSpec> ElementWise(int[] shape, string? codegen = null) =>
        from activation in Activations
        from loss in SquaredLosses
        from bias in BiasModes
        from numeric in Numerics
        select Network($"{activation} | {loss} | bias {bias}", numeric, 3, shape.Select(size => new LayerSpec(size, activation, bias)).ToArray(), loss, codegen);

    /// <summary>
    /// Unrolled, 3 hidden layers: every activation x loss x numeric, each net with all three bias modes (rotating over
    /// its layers). Bias and activation code is written per layer, the loss only at the output: the shallower
    /// products above already take every combination of those.
    /// </summary>
    private static IEnumerable<NetworkSpec> ElementWiseDeep() =>
        from activation in Activations
        from loss in SquaredLosses
        from numeric in Numerics
        let rotation = Array.IndexOf(Activations, activation)
        let layers = ThreeHidden.Select((size, l) => new LayerSpec(size, activation, BiasModes[(rotation + l) % 3])).ToArray()
        select Network($"{activation} | {loss} | biases {string.Join("/", layers.Select(l => l.Bias))}", numeric, 3, layers, loss, codegen: null);

    /// <summary>Every coupled output x output bias mode x numeric type; hidden layers relu, softplus, tanh with rotating biases.</summary>
    private static IEnumerable<NetworkSpec> SoftmaxAndCrossEntropy(int[] shape, string? codegen) =>
        from output in CoupledOutputs
        from bias in BiasModes
        from numeric in Numerics
        select Coupled(output, bias, numeric, shape, codegen);

    /// <summary>Unrolled with a hidden layer: every coupled output x numeric type, the output bias mode rotating.</summary>
    private static IEnumerable<NetworkSpec> SoftmaxAndCrossEntropyDeep(int[] shape, string? codegen) =>
        from output in CoupledOutputs
        from numeric in Numerics
        select Coupled(output, BiasModes[Array.IndexOf(CoupledOutputs, output) % 3], numeric, shape, codegen);

    private static NetworkSpec Coupled((string Activation, string Loss) output, string bias, string numeric, int[] shape, string? codegen)
    {
        string[] hiddenActivations = { "relu", "softplus", "tanh" };
        var hidden = shape.SkipLast(1).Select((size, l) => new LayerSpec(size, hiddenActivations[l], BiasModes[l % 3]));
        return Network($"{output.Activation} output | {output.Loss} | output bias {bias}", numeric, 3, hidden.Append(new LayerSpec(3, output.Activation, bias)).ToArray(), output.Loss, codegen);
    }

    private static IEnumerable<NetworkSpec> Mixed()
    {
        var topologies = new (string Name, int Inputs, LayerSpec[] Layers)[]
        {
            ("tanh-relu-softplus-identity", 3, new[] { new LayerSpec(4, "tanh"), new LayerSpec(5, "relu"), new LayerSpec(3, "softplus"), new LayerSpec(2, "identity") }),
            ("relu-leaky0.2-logistic, biases shared/none/per_neuron", 4, new[] { new LayerSpec(3, "relu", "shared"), new LayerSpec(5, "leaky_relu", "none", 0.2), new LayerSpec(2, "logistic") }),
            ("leaky0.3-leaky1.7, bias defaulted", 2, new[] { new LayerSpec(5, "leaky_relu", null, 0.3), new LayerSpec(3, "leaky_relu", null, 1.7) }),
            ("softplus-logistic-tanh, biases none/shared/shared", 3, new[] { new LayerSpec(2, "softplus", "none"), new LayerSpec(4, "logistic", "shared"), new LayerSpec(3, "tanh", "shared") }),
            ("identity-tanh-relu, single output", 6, new[] { new LayerSpec(7, "identity", "shared"), new LayerSpec(3, "tanh", "none"), new LayerSpec(1, "relu") }),
            ("one weight", 1, new[] { new LayerSpec(1, "softplus") }),
            ("elu0.4-silu-elu2.5, biases shared/none/per_neuron", 3, new[] { new LayerSpec(4, "elu", "shared", 0.4), new LayerSpec(3, "silu", "none"), new LayerSpec(2, "elu", null, 2.5) }),
        };

        // Every loss and numeric type is covered above; here they alternate to keep the compilation small.
        return topologies.Select((topology, i) =>
            Network("mixed " + topology.Name, Numerics[i / 2 % 2], topology.Inputs, topology.Layers, SquaredLosses[i % 2], codegen: null));
    }

    /// <summary>Fan-ins of 37 and 19 run the vectorized Dot/AddScaled/Scale kernels of the loops layout, with remainders.</summary>
    private static IEnumerable<NetworkSpec> WideLoops() =>
        Numerics.Select(numeric => Network(
            "wide leaky_relu-tanh-softmax", numeric, 37, new[] { new LayerSpec(19, "leaky_relu"), new LayerSpec(9, "tanh", "shared"), new LayerSpec(3, "softmax") }, "cross_entropy", "loops"));

    /// <summary>
    /// The split layout: every activation and coupled output (one hidden layer, losses and biases rotating), and a
    /// 12-30-20-4 net whose parts are cut several times (about 1,000 parameters; see SplitLayoutTests).
    /// </summary>
    private static IEnumerable<NetworkSpec> SplitLayout() =>
        Activations.SelectMany((activation, i) => Numerics.Select(numeric => Network(
            $"{activation} | {SquaredLosses[i % 2]} | bias {BiasModes[i % 3]}", numeric, 3, OneHidden.Select(size => new LayerSpec(size, activation, BiasModes[i % 3])).ToArray(), SquaredLosses[i % 2], "split")))
        .Concat(CoupledOutputs.SelectMany((output, i) => Numerics.Select(numeric => Coupled(output, BiasModes[i % 3], numeric, OneHidden, "split"))))
        .Concat(Numerics.Select(numeric => Network(
            "wide tanh-relu-softmax", numeric, 12, new[] { new LayerSpec(30, "tanh"), new LayerSpec(20, "relu", "shared"), new LayerSpec(4, "softmax") }, "cross_entropy", "split")));

    private static NetworkSpec Network(string what, string numeric, int inputs, LayerSpec[] layers, string loss, string? codegen) =>
        new($"{what} | {numeric} | {inputs}-{string.Join("-", layers.Select(l => l.Size))} | {codegen ?? "auto"}", inputs, layers, loss, numeric, Codegen: codegen);
}

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// The networks whose derivatives are checked, all generated into one compilation built on first use:
/// every element-wise activation x squared loss x bias mode x numeric type on 0, 1 and 3 hidden layers (unrolled),
/// the same on 0 and 3 hidden layers in the loops layout, softmax outputs and cross-entropy in both layouts,
/// networks mixing activations, bias modes and leaky_relu slopes across layers, and loops networks wide enough
/// for the vectorized kernels.
/// </summary>
public static class GradientCheckNetworks
{
    /// <summary>The distinct element-wise activations (sigmoid and linear are aliases: see ActivationAliasTests).</summary>
    public static readonly string[] Activations = { "logistic", "tanh", "relu", "leaky_relu", "identity", "softplus" };
    public static readonly string[] SquaredLosses = { "half_squared_error", "mean_squared_error" };
    public static readonly string[] BiasModes = { "per_neuron", "shared", "none" };
    public static readonly string[] Numerics = { "double", "float" };

    /// <summary>
    /// Layer sizes after the 3 inputs: 0, 1 and 3 hidden layers, no two adjacent widths equal (so a transposed weight
    /// index cannot go unnoticed). Kept small: unrolled code grows with the weights and compiling it dominates the run.
    /// </summary>
    private static readonly int[] NoHidden = { 2 }, OneHidden = { 4, 2 }, ThreeHidden = { 4, 2, 3, 2 };

    public static readonly IReadOnlyList<NetworkSpec> All =
        ElementWise(new[] { NoHidden, OneHidden, ThreeHidden }, codegen: null)
        .Concat(ElementWise(new[] { NoHidden, ThreeHidden }, codegen: "loops"))
        .Concat(SoftmaxAndCrossEntropy(codegen: null))
        .Concat(SoftmaxAndCrossEntropy(codegen: "loops"))
        .Concat(Mixed())
        .Concat(WideLoops())
        .ToList();

    private static readonly Lazy<CompiledNetworks> Compiled = new(() => CompiledNetworks.Compile(All, "GradientCheckNetworks"));

    public static CompiledNetworks Networks => Compiled.Value;

    /// <summary>One theory row per network; the row's name is the configuration.</summary>
    public static IEnumerable<object[]> Names => All.Select(spec => new object[] { spec.Name });

    private static IEnumerable<NetworkSpec> ElementWise(int[][] shapes, string? codegen) =>
        from activation in Activations
        from loss in SquaredLosses
        from bias in BiasModes
        from numeric in Numerics
        from shape in shapes
        select Network($"{activation} | {loss} | bias {bias}", numeric, 3, shape.Select(size => new LayerSpec(size, activation, bias)).ToArray(), loss, codegen);

    /// <summary>Output activations coupled to their loss: softmax with every loss, logistic with binary cross-entropy.</summary>
    private static IEnumerable<NetworkSpec> SoftmaxAndCrossEntropy(string? codegen)
    {
        var outputs = new[] { ("softmax", "half_squared_error"), ("softmax", "mean_squared_error"), ("softmax", "cross_entropy"), ("logistic", "cross_entropy") };
        var hidden = new[] { Array.Empty<LayerSpec>(), new[] { new LayerSpec(4, "relu"), new LayerSpec(2, "softplus", "shared"), new LayerSpec(5, "tanh", "none") } };
        return from output in outputs
               from bias in BiasModes
               from numeric in Numerics
               from layers in hidden
               select Network(
                   $"{output.Item1} output | {output.Item2} | output bias {bias}", numeric, 3, layers.Append(new LayerSpec(3, output.Item1, bias)).ToArray(), output.Item2, codegen);
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
        };

        // Every loss is covered above; here the losses alternate to keep the compilation small.
        return topologies.SelectMany((topology, i) => Numerics.Select(numeric =>
            Network("mixed " + topology.Name, numeric, topology.Inputs, topology.Layers, SquaredLosses[i % 2], codegen: null)));
    }

    /// <summary>Fan-ins of 37 and 19 run the vectorized Dot/AddScaled/Scale kernels of the loops layout, with remainders.</summary>
    private static IEnumerable<NetworkSpec> WideLoops() =>
        Numerics.Select(numeric => Network(
            "wide leaky_relu-tanh-softmax", numeric, 37, new[] { new LayerSpec(19, "leaky_relu"), new LayerSpec(9, "tanh", "shared"), new LayerSpec(3, "softmax") }, "cross_entropy", "loops"));

    private static NetworkSpec Network(string what, string numeric, int inputs, LayerSpec[] layers, string loss, string? codegen) =>
        new($"{what} | {numeric} | {inputs}-{string.Join("-", layers.Select(l => l.Size))} | {codegen ?? "auto"}", inputs, layers, loss, numeric, Codegen: codegen);
}

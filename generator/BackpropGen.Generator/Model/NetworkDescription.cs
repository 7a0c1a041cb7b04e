using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Model
{
    /// <summary>One layer as described by the user.</summary>
    internal sealed record LayerDescription(int Size, ActivationKind Activation, BiasKind Bias, double Alpha)
    {
        /// <summary>The alpha a layer has when none is given: leaky_relu's slope 0.01, elu's scale 1.0 (PyTorch's defaults).</summary>
        public static double DefaultAlpha(ActivationKind activation) => activation == ActivationKind.ELU ? 1.0 : 0.01;
    }

    /// <summary>
    /// A validated network description, the same whether it came from JSON or attributes.
    /// Initial values are null when the user gave none (deterministic initialisation then applies).
    /// </summary>
    internal sealed record NetworkDescription(
        int Inputs,
        EquatableArray<LayerDescription> Layers,
        LossKind Loss,
        NumericKind Numeric,
        bool TrainBiases,
        int Seed,
        bool Frozen,
        CodegenKind Codegen,
        EquatableArray<double>? InitialWeights,
        EquatableArray<double>? InitialBiases,
        OptimizerDescription? Optimizer = null);

    /// <summary>
    /// A partial type that contains the network class, as needed to re-open it: <see cref="Name"/> is the identifier's
    /// value (no '@'); <see cref="TypeParameterList"/> is written as C# needs it ("&lt;out T, @class&gt;", or empty).
    /// </summary>
    internal sealed record ContainingType(string Keyword, string Name, string TypeParameterList);

    /// <summary>
    /// The user's partial class (<see cref="Keyword"/> "class" or "record"; possibly static) and the partial types
    /// around it (outermost first). Names are identifiers' values (no '@'; the namespace's parts joined by '.'); they
    /// are escaped where they are written (<see cref="Common.Identifiers"/>). Hint names: Parsing/HintNames.
    /// </summary>
    internal sealed record TargetClass(string? Namespace, string Name, EquatableArray<ContainingType> ContainingTypes, string Keyword = "class", bool IsStatic = false)
    {
        /// <summary>The class as C# would name it, for messages.</summary>
        public string DisplayName =>
            string.Concat(System.Linq.Enumerable.Select(ContainingTypes, t => Common.Identifiers.Escape(t.Name) + t.TypeParameterList + ".")) + Common.Identifiers.Escape(Name);
    }
}

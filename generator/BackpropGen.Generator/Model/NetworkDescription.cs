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

    /// <summary>A partial type that contains the network class, as needed to re-open it.</summary>
    internal sealed record ContainingType(string Keyword, string Name, string TypeParameterList);

    /// <summary>
    /// The user's partial class (<see cref="Keyword"/> "class" or "record"; possibly static) and the partial types
    /// around it (outermost first).
    /// </summary>
    internal sealed record TargetClass(string? Namespace, string Name, EquatableArray<ContainingType> ContainingTypes, string Keyword = "class", bool IsStatic = false)
    {
        /// <summary>
        /// Unique per class: namespace, then containing types (with their arity) after '+', so that class Net in
        /// class A.B ("A.B+Net") and class Net in namespace A.B ("A.B.Net") do not collide.
        /// </summary>
        public string HintName
        {
            get
            {
                var builder = new System.Text.StringBuilder();
                if (Namespace is not null)
                {
                    builder.Append(Namespace).Append('.');
                }

                foreach (ContainingType type in ContainingTypes)
                {
                    builder.Append(type.Name);
                    int arity = type.TypeParameterList.Length == 0 ? 0 : type.TypeParameterList.Split(',').Length;
                    if (arity > 0)
                    {
                        builder.Append('`').Append(arity);
                    }

                    builder.Append('+');
                }

                return builder.Append(Name).Append(".g.cs").ToString();
            }
        }

        /// <summary>The class as C# would name it, for messages.</summary>
        public string DisplayName =>
            string.Concat(System.Linq.Enumerable.Select(ContainingTypes, t => t.Name + t.TypeParameterList + ".")) + Name;
    }
}

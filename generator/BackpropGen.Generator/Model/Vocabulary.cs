using System;

namespace BackpropGen.Generator.Model
{
    /// <summary>The JSON spelling of every kind: what the parser accepts, the messages say and the export writes.</summary>
    internal static class Vocabulary
    {
        public static string Name(ActivationKind kind) => ActivationRules.Name(kind);

        public static string Name(LossKind kind) => LossRules.Name(kind);

        public static string Name(BiasKind kind) => kind switch
        {
            BiasKind.PerNeuron => "per_neuron",
            BiasKind.Shared => "shared",
            BiasKind.None => "none",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown bias mode."),
        };

        public static string Name(NumericKind kind) => kind switch
        {
            NumericKind.Double => "double",
            NumericKind.Float => "float",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown numeric type."),
        };

        public static string Name(CodegenKind kind) => kind switch
        {
            CodegenKind.Auto => "auto",
            CodegenKind.Unrolled => "unrolled",
            CodegenKind.Loops => "loops",
            CodegenKind.Split => "split",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown code layout."),
        };
    }
}

using System;
using System.Diagnostics;

namespace BackpropGen
{
    /// <summary>
    /// Binds a network to a <c>partial class</c>: either from a JSON description listed in AdditionalFiles,
    /// or from the properties here together with <see cref="LayerAttribute"/>s.
    /// </summary>
    /// <remarks>Only the generator reads this attribute; it is not kept in the compiled assembly.</remarks>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    [Conditional("BACKPROPGEN_KEEP_ATTRIBUTES")]
    public sealed class NetworkAttribute : Attribute
    {
        /// <summary>Describes the network with attributes on the class.</summary>
        public NetworkAttribute()
        {
        }

        /// <summary>Describes the network with a JSON file listed as an AdditionalFile.</summary>
        /// <param name="descriptionPath">The file's path, matched against AdditionalFiles by whole trailing path segments.</param>
        public NetworkAttribute(string descriptionPath)
        {
            DescriptionPath = descriptionPath;
        }

        /// <summary>The JSON description's path, or null for an attribute-described network.</summary>
        public string? DescriptionPath { get; }

        /// <summary>Number of inputs (at least 1).</summary>
        public int Inputs { get; set; }

        /// <summary>The loss function; <see cref="LossFunction.HalfSquaredError"/> by default.</summary>
        public LossFunction Loss { get; set; }

        /// <summary>The floating-point type; <see cref="BackpropGen.Numeric.Double"/> by default.</summary>
        public Numeric Numeric { get; set; }

        /// <summary>Whether <c>TrainStep</c> updates biases; true by default.</summary>
        public bool TrainBiases { get; set; } = true;

        /// <summary>Seed of the deterministic initialisation (0 .. 2147483647).</summary>
        public int Seed { get; set; }

        /// <summary>Inference only: parameters become constants and a static <c>Predict</c> is generated.</summary>
        public bool Frozen { get; set; }

        /// <summary>How the code is laid out; <see cref="BackpropGen.Codegen.Auto"/> by default.</summary>
        public Codegen Codegen { get; set; }
    }

    /// <summary>One layer of an attribute-described network; layers are taken in source order, the last is the output layer.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    [Conditional("BACKPROPGEN_KEEP_ATTRIBUTES")]
    public sealed class LayerAttribute : Attribute
    {
        /// <summary>A layer of <paramref name="size"/> neurons.</summary>
        /// <param name="size">Number of neurons (at least 1).</param>
        /// <param name="activation">The activation function.</param>
        public LayerAttribute(int size, Activation activation)
        {
            Size = size;
            Activation = activation;
        }

        /// <summary>Number of neurons.</summary>
        public int Size { get; }

        /// <summary>The activation function.</summary>
        public Activation Activation { get; }

        /// <summary>The bias mode; <see cref="BiasMode.PerNeuron"/> by default.</summary>
        public BiasMode Bias { get; set; }

        /// <summary>
        /// Slope of <see cref="Activation.LeakyReLU"/> for negative inputs (0.01 when not set), or scale of
        /// <see cref="Activation.ELU"/> for negative inputs (1.0 when not set). Only the value written here is read.
        /// </summary>
        public double Alpha { get; set; } = double.NaN;
    }

    /// <summary>Initial weights in canonical order (layer by layer, neuron by neuron, input by input).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    [Conditional("BACKPROPGEN_KEEP_ATTRIBUTES")]
    public sealed class InitialWeightsAttribute : Attribute
    {
        /// <summary>The initial weights.</summary>
        public InitialWeightsAttribute(params double[] values)
        {
            Values = values;
        }

        /// <summary>The initial weights.</summary>
        public double[] Values { get; }
    }

    /// <summary>Initial biases in canonical order (layer by layer; one per layer for shared biases, one per neuron for per-neuron biases).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    [Conditional("BACKPROPGEN_KEEP_ATTRIBUTES")]
    public sealed class InitialBiasesAttribute : Attribute
    {
        /// <summary>The initial biases.</summary>
        public InitialBiasesAttribute(params double[] values)
        {
            Values = values;
        }

        /// <summary>The initial biases.</summary>
        public double[] Values { get; }
    }

    /// <summary>
    /// How TrainStep, TrainBatch and ApplyGradient update the parameters, the twin of the JSON "optimizer" key. Without it,
    /// training is plain gradient descent. Only the properties written here are read; the others take PyTorch's defaults
    /// (momentum 0, nesterov false; beta1 0.9, beta2 0.999, epsilon 1e-8; weight decay 0, or 0.01 for AdamW).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    [Conditional("BACKPROPGEN_KEEP_ATTRIBUTES")]
    public sealed class OptimizerAttribute : Attribute
    {
        /// <summary>The optimizer.</summary>
        public OptimizerAttribute(OptimizerKind kind)
        {
            Kind = kind;
        }

        /// <summary>The optimizer.</summary>
        public OptimizerKind Kind { get; }

        /// <summary>SGD's momentum (0 when not set).</summary>
        public double Momentum { get; set; } = double.NaN;

        /// <summary>SGD's Nesterov momentum (needs a momentum above 0).</summary>
        public bool Nesterov { get; set; }

        /// <summary>Adam's and AdamW's decay of the first moment (0.9 when not set).</summary>
        public double Beta1 { get; set; } = double.NaN;

        /// <summary>Adam's and AdamW's decay of the second moment (0.999 when not set).</summary>
        public double Beta2 { get; set; } = double.NaN;

        /// <summary>Adam's and AdamW's epsilon (1e-8 when not set).</summary>
        public double Epsilon { get; set; } = double.NaN;

        /// <summary>Weight decay: L2 for SGD and Adam (0 when not set), decoupled for AdamW (0.01 when not set).</summary>
        public double WeightDecay { get; set; } = double.NaN;
    }
}

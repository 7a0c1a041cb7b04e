using System;

namespace BackpropGen.Generator.Model
{
    /// <summary>The four ways the output layer's delta = dE_total/dnet is formed, depending on the loss and the output activation.</summary>
    internal enum OutputDeltaForm
    {
        /// <summary>delta_k = dE_total/dout_k * dout_k/dnet_k, neuron by neuron.</summary>
        PerNeuron,

        /// <summary>Softmax with a squared error: delta_k = sum_j dE_total/dout_j * dout_j/dnet_k over the whole Jacobian.</summary>
        SoftmaxJacobian,

        /// <summary>Softmax with cross-entropy: delta_k = out_k * (sum of targets) - target_k.</summary>
        SoftmaxCrossEntropy,

        /// <summary>Logistic outputs with binary cross-entropy: delta_k = out_k - target_k.</summary>
        LogisticCrossEntropy,
    }

    /// <summary>
    /// The rules of the output layer and of softmax, each on any expressions for its operands (named locals in the
    /// unrolled layout, array elements in the loops layout), so that both layouts compute the same operations in the
    /// same order from one definition.
    /// </summary>
    internal static class OutputLayerRules
    {
        public static OutputDeltaForm DeltaForm(LossKind loss, ActivationKind output) => (loss, output) switch
        {
            (LossKind.CrossEntropy, ActivationKind.Softmax) => OutputDeltaForm.SoftmaxCrossEntropy,
            (LossKind.CrossEntropy, ActivationKind.Logistic) => OutputDeltaForm.LogisticCrossEntropy,
            (_, ActivationKind.Softmax) => OutputDeltaForm.SoftmaxJacobian,
            _ => OutputDeltaForm.PerNeuron,
        };

        /// <summary>Softmax with cross-entropy, on the sum of the targets (1 for one-hot targets).</summary>
        public static string SoftmaxCrossEntropyDelta(string output, string targetSum, string target) => $"{output} * {targetSum} - {target}";

        /// <summary>Logistic outputs with binary cross-entropy.</summary>
        public static string LogisticCrossEntropyDelta(string output, string target) => $"{output} - {target}";

        /// <summary>delta = dE_total/dout * dout/dnet.</summary>
        public static string ChainedDelta(string dEdOut, string dOutdNet) => $"{dEdOut} * {dOutdNet}";

        /// <summary>The softmax Jacobian dout_j/dnet_k = out_j * ([j = k] - out_k).</summary>
        public static Formula SoftmaxJacobian(string outJ, string outK, bool diagonal, string lhs, NumericType t) => diagonal
            ? new Formula($"{outJ} * ({t.Literal(1)} - {outK})", $"{lhs} = {outJ}*(1 - {outK})")
            : new Formula($"-{outJ} * {outK}", $"{lhs} = -{outJ}*{outK}");

        /// <summary>Softmax's largest net, taken pairwise from the left: max(max(a, b), c).</summary>
        public static string Max(string soFar, string next, NumericType t) => $"{t.Math}.Max({soFar}, {next})";

        /// <summary>e^(net - max_net): at most 1, so it never overflows.</summary>
        public static string ShiftedExp(string net, string maxNet) => $"Exp({net} - {maxNet})";

        /// <summary><see cref="ShiftedExp"/> on vectors (maxNet broadcast): the class's Exp overloads give each lane the scalar's bits.</summary>
        public static string VectorShiftedExp(string net, string maxNet) => $"Exp({net} - {maxNet})";

        /// <summary>out_k = e_k / sum_j e_j.</summary>
        public static string Normalized(string exp, string sumExp) => $"{exp} / {sumExp}";

        /// <summary><see cref="Normalized"/> on vectors (sumExp broadcast); division is exact IEEE, so lanes equal the scalar.</summary>
        public static string VectorNormalized(string exp, string sumExp) => $"{exp} / {sumExp}";

        /// <summary>A shared bias feeds every neuron of its layer: its gradient is the sum of the layer's deltas, in neuron order.</summary>
        public const string SharedBiasGradient = "sum over the layer of delta * 1";

        /// <summary>Whether dE/dout * dout/dnet holds neuron by neuron (false where softmax couples the outputs or the loss cancels).</summary>
        public static bool IsPerNeuron(OutputDeltaForm form) => form switch
        {
            OutputDeltaForm.PerNeuron => true,
            OutputDeltaForm.SoftmaxJacobian or OutputDeltaForm.SoftmaxCrossEntropy or OutputDeltaForm.LogisticCrossEntropy => false,
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown output delta form."),
        };
    }
}

using System;

namespace WorkedExample;

/// <summary>
/// A RECONSTRUCTION of the earlier version of the article author's script, which produced the article's
/// summary figures. It is NOT the algorithm the article describes (that one is MazurNet.TrainStep).
/// </summary>
/// <remarks>
/// The slip: the output weights w5..w8 are updated first, and the hidden layer's error is then propagated
/// back through the already-updated output weights (with the old output deltas), instead of the old ones.
/// Built from the generated class (Backward with a trace, GetParameters, SetParameters) plus a few lines of
/// hand arithmetic on the trace.
/// </remarks>
internal static class EarlierScript
{
    /// <summary>One training step as the earlier script did it. Returns the loss before the step.</summary>
    public static double TrainStep(MazurNet net, ReadOnlySpan<double> input, ReadOnlySpan<double> target, double learningRate)
    {
        Span<double> parameters = stackalloc double[MazurNet.ParameterCount]; // w1..w8, b1, b2
        Span<double> gradient = stackalloc double[MazurNet.ParameterCount];
        net.GetParameters(parameters);
        double loss = net.Backward(input, target, gradient, out MazurNet.Trace t);

        // 1. Output layer first: new w5..w8 from the old weights (this part is as the article describes).
        double w5 = parameters[4] - learningRate * t.dE_dw5;
        double w6 = parameters[5] - learningRate * t.dE_dw6;
        double w7 = parameters[6] - learningRate * t.dE_dw7;
        double w8 = parameters[7] - learningRate * t.dE_dw8;

        // 2. The slip: dE_total/dout_h through the NEW output weights (old deltas delta_o1, delta_o2).
        //    The article's algorithm uses the old w5..w8 here.
        double dE_dout_h1 = t.delta_o1 * w5 + t.delta_o2 * w7;
        double dE_dout_h2 = t.delta_o1 * w6 + t.delta_o2 * w8;
        double delta_h1 = dE_dout_h1 * t.dout_h1_dnet_h1;
        double delta_h2 = dE_dout_h2 * t.dout_h2_dnet_h2;

        // 3. Hidden layer: w -= eta * delta_h * input, e.g. dE_total/dw1 = delta_h1 * i1.
        parameters[0] -= learningRate * delta_h1 * t.i1; // w1: i1 -> h1
        parameters[1] -= learningRate * delta_h1 * t.i2; // w2: i2 -> h1
        parameters[2] -= learningRate * delta_h2 * t.i1; // w3: i1 -> h2
        parameters[3] -= learningRate * delta_h2 * t.i2; // w4: i2 -> h2
        parameters[4] = w5;
        parameters[5] = w6;
        parameters[6] = w7;
        parameters[7] = w8;
        // Biases b1, b2 are left alone, as in the article.
        net.SetParameters(parameters);
        return loss;
    }
}

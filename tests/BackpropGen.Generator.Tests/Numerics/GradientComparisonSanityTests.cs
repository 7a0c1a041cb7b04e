namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// The gradient check can fail: a hand-written neuron with a classic derivative slip is rejected, in double and in
/// float settings, while the same neuron written correctly passes. (Each network row also rejects a 5%-wrong gradient.)
/// </summary>
public class GradientComparisonSanityTests
{
    private static readonly double[] Input = { 0.7, -0.4 };
    private static readonly double[] Target = { 0.9 };
    private static readonly double[] Parameters = { 0.5, -0.3, 0.2 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_correct_derivative_passes(bool inFloat)
    {
        Assert.Empty(Check(new TanhNeuron(mistaken: false, inFloat), inFloat));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_wrong_derivative_fails(bool inFloat)
    {
        Assert.NotEmpty(Check(new TanhNeuron(mistaken: true, inFloat), inFloat));
    }

    private static IReadOnlyList<int> Check(IGradientCheckable neuron, bool inFloat)
    {
        FiniteDifferenceSettings settings = inFloat ? FiniteDifferenceSettings.Float : FiniteDifferenceSettings.Double;
        var analytic = new double[3];
        neuron.SetParameters(Parameters);
        neuron.Backward(Input, Target, analytic);
        return GradientComparison.Mismatches(analytic, GradientComparison.CentralDifferences(neuron, Parameters, Input, Target, settings), settings);
    }

    /// <summary>out = tanh(w1 i1 + w2 i2 + b), E = 1/2 (t - out)^2; the mistaken one uses dout/dnet = 1 - out instead of 1 - out^2.</summary>
    private sealed class TanhNeuron(bool mistaken, bool inFloat) : IGradientCheckable
    {
        private double[] _p = new double[3];

        public int InputCount => 2;

        public int OutputCount => 1;

        public int ParameterCount => 3;

        public string ParameterName(int index) => new[] { "w1", "w2", "b" }[index];

        public void GetParameters(double[] destination) => _p.CopyTo(destination, 0);

        public void SetParameters(double[] source) => _p = source.Select(R).ToArray();

        public double Loss(double[] input, double[] target)
        {
            double output = Output(input);
            return R(0.5 * R(target[0] - output) * R(target[0] - output));
        }

        public double Backward(double[] input, double[] target, double[] gradient)
        {
            double output = Output(input);
            double dOutdNet = mistaken ? 1 - output : 1 - (output * output);
            double delta = R(-(target[0] - output) * dOutdNet);
            gradient[0] = R(delta * input[0]);
            gradient[1] = R(delta * input[1]);
            gradient[2] = delta;
            return Loss(input, target);
        }

        public double TrainStep(double[] input, double[] target, double learningRate) => throw new NotSupportedException();

        public double TrainBatch(double[] inputs, double[] targets, double learningRate) => throw new NotSupportedException();

        public void ApplyGradient(double[] gradient, double learningRate) => throw new NotSupportedException();

        public double InputGradient(double[] input, double[] target, double[] inputGradient) => throw new NotSupportedException();

        public int OptimizerStateCount => 0;

        public void GetOptimizerState(double[] destination) => throw new NotSupportedException();

        public void SetOptimizerState(double[] source) => throw new NotSupportedException();

        public void ResetOptimizer() => throw new NotSupportedException();

        private double Output(double[] input) => R(Math.Tanh(R(R(_p[0] * input[0]) + R(_p[1] * input[1]) + _p[2])));

        /// <summary>Rounds each intermediate to float when imitating a float network.</summary>
        private double R(double value) => inFloat ? (float)value : value;
    }
}

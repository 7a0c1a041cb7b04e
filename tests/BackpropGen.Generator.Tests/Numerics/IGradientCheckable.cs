namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// One generated network seen through doubles, so a single checker serves double and float networks.
/// Adapters implementing it are generated next to the networks in the in-memory compilation
/// (see <see cref="CompiledNetworks"/>); a float network's adapter rounds inputs to float and widens results.
/// </summary>
public interface IGradientCheckable
{
    int InputCount { get; }

    int OutputCount { get; }

    int ParameterCount { get; }

    string ParameterName(int index);

    void GetParameters(double[] destination);

    void SetParameters(double[] source);

    double Loss(double[] input, double[] target);

    double Backward(double[] input, double[] target, double[] gradient);

    double TrainStep(double[] input, double[] target, double learningRate);

    double TrainBatch(double[] inputs, double[] targets, double learningRate);

    void ApplyGradient(double[] gradient, double learningRate);

    double InputGradient(double[] input, double[] target, double[] inputGradient);

    int OptimizerStateCount { get; }

    void GetOptimizerState(double[] destination);

    void SetOptimizerState(double[] source);

    void ResetOptimizer();
}

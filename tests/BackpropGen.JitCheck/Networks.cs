using System;

namespace BackpropGen.JitCheck;

/// <summary>What every trainable generated network offers; the generated members implement it implicitly.</summary>
public interface ITrainable<T>
{
    int Inputs { get; }

    int Outputs { get; }

    int Parameters { get; }

    void Forward(ReadOnlySpan<T> input, Span<T> output);

    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    void GetParameters(Span<T> destination);

    void SetParameters(ReadOnlySpan<T> source);

    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    void ApplyGradient(ReadOnlySpan<T> gradient, T learningRate);

    T InputGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient);
}

[Network("mazur.json")] public partial class Mazur : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n4_12_6.json")] public partial class N4_12_6 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n6_10_8_4f.json")] public partial class N6_10_8_4F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n16_32_10.json")] public partial class N16_32_10 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n64_32_10.json")] public partial class N64_32_10 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n64_32_10_split.json")] public partial class N64_32_10Split : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n64_32_10f.json")] public partial class N64_32_10F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n64_128_64_10.json")] public partial class N64_128_64_10 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n784_128_10.json")] public partial class N784_128_10 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("n784_128_10f.json")] public partial class N784_128_10F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }

[Network(Inputs = 2, Frozen = true)]
[Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
[Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
[InitialWeights(0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]
[InitialBiases(0.35, 0.60)]
public static partial class MazurFrozen { }

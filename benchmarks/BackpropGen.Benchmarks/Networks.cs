using System;
using BackpropGen;

namespace BackpropGen.Benchmarks;

/// <summary>
/// The generated members every trainable network has (SPEC section 4). Used only by the setup checks and the
/// --export/--jit modes; the benchmarks themselves call the sealed generated classes directly.
/// </summary>
public interface ITrainable<T>
{
    void GetParameters(Span<T> destination);

    void SetParameters(ReadOnlySpan<T> source);

    void Forward(ReadOnlySpan<T> input, Span<T> output);

    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    string ToDescriptionJson();
}

// Trainable networks, generated from Networks/*.json.

/// <summary>2-2-2 worked example, double (unrolled).</summary>
[Network("Networks/worked.json")]
public sealed partial class WorkedD : ITrainable<double> { }

/// <summary>2-2-2 worked example, float (unrolled).</summary>
[Network("Networks/worked.float.json")]
public sealed partial class WorkedF : ITrainable<float> { }

/// <summary>64-32-10, double (auto: loops).</summary>
[Network("Networks/digits.json")]
public sealed partial class DigitsD : ITrainable<double> { }

/// <summary>64-32-10, float (auto: loops).</summary>
[Network("Networks/digits.float.json")]
public sealed partial class DigitsF : ITrainable<float> { }

/// <summary>64-32-10, double, forced unrolled.</summary>
[Network("Networks/digits.unrolled.json")]
public sealed partial class DigitsUnrolledD : ITrainable<double> { }

/// <summary>16-32-10, double, split.</summary>
[Network("Networks/small.split.json")]
public sealed partial class SmallSplitD : ITrainable<double> { }

/// <summary>16-32-10, double, loops (what auto picks).</summary>
[Network("Networks/small.loops.json")]
public sealed partial class SmallLoopsD : ITrainable<double> { }

/// <summary>16-32-10, double, forced unrolled (past the 480 locals auto allows in one method).</summary>
[Network("Networks/small.unrolled.json")]
public sealed partial class SmallUnrolledD : ITrainable<double> { }

/// <summary>4-64-3, double, split.</summary>
[Network("Networks/narrow.split.json")]
public sealed partial class NarrowSplitD : ITrainable<double> { }

/// <summary>4-64-3, double, loops.</summary>
[Network("Networks/narrow.loops.json")]
public sealed partial class NarrowLoopsD : ITrainable<double> { }

/// <summary>784-128-10, double (auto: loops). Also lends its generated kernels to KernelBenchmarks.</summary>
[Network("Networks/mnist.json")]
public sealed partial class MnistD : ITrainable<double>
{
    // The user's half of a partial class may call the generated private kernels: the kernel suite measures the real ones.
    internal static double DotKernel(ReadOnlySpan<double> left, ReadOnlySpan<double> right) => Dot(left, right);

    internal static void AddScaledKernel(Span<double> destination, ReadOnlySpan<double> source, double scale) => AddScaled(destination, source, scale);

    internal static void Dot2Kernel(ReadOnlySpan<double> left0, ReadOnlySpan<double> left1, ReadOnlySpan<double> right, out double sum0, out double sum1) => Dot2(left0, left1, right, out sum0, out sum1);

    internal static void AddOuterRowsKernel(Span<double> sum, int neurons, int fanIn, ref double feed, int feedStride, ref double delta, int deltaStride, int rows) => AddOuterRows(sum, neurons, fanIn, ref feed, feedStride, ref delta, deltaStride, rows);

    internal static void DotRows2Kernel(ReadOnlySpan<double> left0, ReadOnlySpan<double> left1, ref double right, int stride, ref double result, int resultStride) => DotRows2(left0, left1, ref right, stride, ref result, resultStride);
}

/// <summary>784-128-10, float (auto: loops).</summary>
[Network("Networks/mnist.float.json")]
public sealed partial class MnistF : ITrainable<float> { }

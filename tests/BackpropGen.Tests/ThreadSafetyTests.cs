using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;

namespace BackpropGen.Tests;

/// <summary>
/// One shared instance, many threads, different inputs: every result of every reading member is bit for bit what a
/// single thread gets, in every layout and numeric type, and frozen. The tests count wrong results; they time nothing.
/// </summary>
public class ThreadSafetyTests
{
    private const int Threads = 8, CallsPerThread = 600, Inputs = 48;

    [Fact]
    public void Unrolled_double() => AssertExactFromManyThreads<MazurNet, double>(new MazurNet(), MazurNet.InputCount, MazurNet.OutputCount, MazurNet.ParameterCount,
        (n, x, o) => n.Forward(x, o), (n, x, t) => n.Loss(x, t), (n, x, t, g) => n.Backward(x, t, g), (n, x, t, g) => n.Backward(x, t, g, out MazurNet.Trace trace) + trace.delta_h1);

    [Fact]
    public void Unrolled_float() => AssertExactFromManyThreads<MazurNetFloat, float>(new MazurNetFloat(), MazurNetFloat.InputCount, MazurNetFloat.OutputCount, MazurNetFloat.ParameterCount,
        (n, x, o) => n.Forward(x, o), (n, x, t) => n.Loss(x, t), (n, x, t, g) => n.Backward(x, t, g), (n, x, t, g) => n.Backward(x, t, g, out MazurNetFloat.Trace trace) + trace.delta_h1);

    [Fact]
    public void Split_double() => AssertExactFromManyThreads<SplitNet, double>(new SplitNet(), SplitNet.InputCount, SplitNet.OutputCount, SplitNet.ParameterCount,
        (n, x, o) => n.Forward(x, o), (n, x, t) => n.Loss(x, t), (n, x, t, g) => n.Backward(x, t, g), (n, x, t, g) => n.Backward(x, t, g, out SplitNet.Trace trace) + trace.delta_h1);

    [Fact]
    public void Split_float() => AssertExactFromManyThreads<SplitFloatNet, float>(new SplitFloatNet(), SplitFloatNet.InputCount, SplitFloatNet.OutputCount, SplitFloatNet.ParameterCount,
        (n, x, o) => n.Forward(x, o), (n, x, t) => n.Loss(x, t), (n, x, t, g) => n.Backward(x, t, g), (n, x, t, g) => n.Backward(x, t, g, out SplitFloatNet.Trace trace) + trace.delta_h1);

    [Fact]
    public void Loops_double() => AssertExactFromManyThreads<LoopsDoubleNet, double>(new LoopsDoubleNet(), LoopsDoubleNet.InputCount, LoopsDoubleNet.OutputCount, LoopsDoubleNet.ParameterCount,
        (n, x, o) => n.Forward(x, o), (n, x, t) => n.Loss(x, t), (n, x, t, g) => n.Backward(x, t, g), (n, x, t, g) => n.Backward(x, t, g, out LoopsDoubleNet.Trace trace) + trace.Delta(1)[0]);

    [Fact]
    public void Loops_float() => AssertExactFromManyThreads<WideNet, float>(new WideNet(), WideNet.InputCount, WideNet.OutputCount, WideNet.ParameterCount,
        (n, x, o) => n.Forward(x, o), (n, x, t) => n.Loss(x, t), (n, x, t, g) => n.Backward(x, t, g), (n, x, t, g) => n.Backward(x, t, g, out WideNet.Trace trace) + trace.Delta(1)[0]);

    [Fact]
    public void Frozen_unrolled_and_loops()
    {
        Assert.Equal(0, CountWrong<double>(MazurFrozen.InputCount, MazurFrozen.OutputCount, (x, o) => MazurFrozen.Predict(x, o)));
        Assert.Equal(0, CountWrong<float>(MazurFrozenFloat.InputCount, MazurFrozenFloat.OutputCount, (x, o) => MazurFrozenFloat.Predict(x, o)));
        Assert.Equal(0, CountWrong<double>(FrozenLoopsNet.InputCount, FrozenLoopsNet.OutputCount, (x, o) => FrozenLoopsNet.Predict(x, o)));
    }

    /// <summary>ForwardBatch and PredictBatch on 37 rows at once (lanes, blocks and leftover rows), from many threads.</summary>
    [Fact]
    public void Batch_methods_in_every_layout()
    {
        const int Rows = 37;
        var mazur = new MazurNet();
        var mazurFloat = new MazurNetFloat();
        var split = new SplitNet();
        var loops = new LoopsDoubleNet();
        var wide = new WideNet();
        Assert.Equal(0, CountWrong<double>(Rows * MazurNet.InputCount, Rows * MazurNet.OutputCount, (x, o) => mazur.ForwardBatch(x, o)));
        Assert.Equal(0, CountWrong<float>(Rows * MazurNetFloat.InputCount, Rows * MazurNetFloat.OutputCount, (x, o) => mazurFloat.ForwardBatch(x, o)));
        Assert.Equal(0, CountWrong<double>(Rows * SplitNet.InputCount, Rows * SplitNet.OutputCount, (x, o) => split.ForwardBatch(x, o)));
        Assert.Equal(0, CountWrong<double>(Rows * LoopsDoubleNet.InputCount, Rows * LoopsDoubleNet.OutputCount, (x, o) => loops.ForwardBatch(x, o)));
        Assert.Equal(0, CountWrong<float>(Rows * WideNet.InputCount, Rows * WideNet.OutputCount, (x, o) => wide.ForwardBatch(x, o)));
        Assert.Equal(0, CountWrong<double>(Rows * MazurFrozen.InputCount, Rows * MazurFrozen.OutputCount, (x, o) => MazurFrozen.PredictBatch(x, o)));
        Assert.Equal(0, CountWrong<float>(Rows * MazurFrozenFloat.InputCount, Rows * MazurFrozenFloat.OutputCount, (x, o) => MazurFrozenFloat.PredictBatch(x, o)));
        Assert.Equal(0, CountWrong<double>(Rows * FrozenLoopsNet.InputCount, Rows * FrozenLoopsNet.OutputCount, (x, o) => FrozenLoopsNet.PredictBatch(x, o)));
    }

    /// <summary>
    /// Serving while training: the trainer copies its parameters into a fresh instance, then swaps the served reference
    /// (Volatile.Write). Readers take the reference (Volatile.Read) and must always find a complete published version:
    /// its parameters are one the trainer published, and its output is the one recorded for that version.
    /// </summary>
    [Fact]
    public void Readers_of_a_published_copy_never_see_a_half_updated_network()
    {
        var training = new LoopsDoubleNet();
        var published = new System.Collections.Concurrent.ConcurrentDictionary<string, double[]>();
        double[] probe = { 0.5, -0.25, 1, 0.75, -1, 0.1 };
        LoopsDoubleNet Publish()
        {
            var fresh = new LoopsDoubleNet();
            training.CopyParametersTo(fresh);
            var output = new double[LoopsDoubleNet.OutputCount];
            fresh.Forward(probe, output);
            published[Key(fresh)] = output; // recorded before the swap, so a reader never finds it missing
            return fresh;
        }

        LoopsDoubleNet serving = Publish();
        int wrong = 0, reads = 0;
        bool done = false;
        var readers = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            var output = new double[LoopsDoubleNet.OutputCount];
            while (!Volatile.Read(ref done) || reads < 2_000)
            {
                LoopsDoubleNet net = Volatile.Read(ref serving);
                net.Forward(probe, output);
                if (!published.TryGetValue(Key(net), out double[]? expected) || !expected.SequenceEqual(output))
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToList();
        readers.ForEach(r => r.Start());

        var random = new Random(7);
        double[] target = { 0, 1, 0 };
        for (int step = 1; step <= 3_000; step++)
        {
            double[] x = Enumerable.Range(0, LoopsDoubleNet.InputCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            training.TrainStep(x, target, 0.05);
            if (step % 50 == 0)
            {
                Volatile.Write(ref serving, Publish());
            }
        }

        Volatile.Write(ref done, true);
        readers.ForEach(r => r.Join());

        Assert.True(published.Count > 50, $"only {published.Count} versions were published");
        Assert.Equal(0, wrong);
    }

    private static string Key(LoopsDoubleNet net)
    {
        var parameters = new double[LoopsDoubleNet.ParameterCount];
        net.GetParameters(parameters);
        return string.Join(",", parameters.Select(p => BitConverter.DoubleToInt64Bits(p)));
    }

    private delegate void ForwardCall<TNet, T>(TNet net, T[] input, T[] output);

    private delegate T LossCall<TNet, T>(TNet net, T[] input, T[] target);

    private delegate T BackwardCall<TNet, T>(TNet net, T[] input, T[] target, T[] gradient);

    private static void AssertExactFromManyThreads<TNet, T>(TNet net, int inputs, int outputs, int parameters,
        ForwardCall<TNet, T> forward, LossCall<TNet, T> loss, BackwardCall<TNet, T> backward, BackwardCall<TNet, T> backwardWithTrace)
        where T : unmanaged, IFloatingPoint<T>
    {
        T[][] targets = Enumerable.Range(0, Inputs).Select(i => Enumerable.Range(0, outputs).Select(k => k == i % outputs ? T.One : T.Zero).ToArray()).ToArray();
        Assert.Equal(0, CountWrong<T>(inputs, outputs, (x, o) => forward(net, x, o)));
        Assert.Equal(0, CountWrong<T>(inputs, 1, (x, o) => o[0] = loss(net, x, targets[Index(x)])));
        Assert.Equal(0, CountWrong<T>(inputs, parameters + 1, (x, o) => o[parameters] = backward(net, x, targets[Index(x)], o)));
        Assert.Equal(0, CountWrong<T>(inputs, parameters + 1, (x, o) => o[parameters] = backwardWithTrace(net, x, targets[Index(x)], o)));
    }

    /// <summary>The input's row number, kept in its first value so the matching target can be found.</summary>
    private static int Index<T>(T[] input)
        where T : unmanaged, IFloatingPoint<T> => int.CreateTruncating(input[0] * T.CreateTruncating(8)) + (Inputs / 2);

    /// <summary>Runs <paramref name="call"/> on every input on one thread, then on many at once; returns how many results differed in any bit.</summary>
    private static int CountWrong<T>(int inputs, int outputs, Action<T[], T[]> call)
        where T : unmanaged, IFloatingPoint<T>
    {
        T[][] rows = Enumerable.Range(0, Inputs).Select(i => Enumerable.Range(0, inputs)
            .Select(k => k == 0 ? T.CreateTruncating((i - (Inputs / 2)) / 8.0 + 1.0 / 16) : T.CreateTruncating(Math.Sin((i * 7) + k)))
            .ToArray()).ToArray();
        byte[][] expected = rows.Select(x =>
        {
            var o = new T[outputs];
            call(x, o);
            return MemoryMarshal.AsBytes(o.AsSpan()).ToArray();
        }).ToArray();

        int wrong = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var o = new T[outputs];
            for (int c = 0; c < CallsPerThread; c++)
            {
                int i = ((c * 5) + (t * 11)) % Inputs;
                call(rows[i], o);
                if (!MemoryMarshal.AsBytes(o.AsSpan()).SequenceEqual(expected[i]))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return wrong;
    }
}

using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;

namespace BackpropGen.Determinism;

/// <summary>
/// Issue 14: every generated method must return the same bits whatever the hardware vector width, JIT or NativeAOT.
/// Runs each network through every method with fixed data and prints "isa name=value" lines (what this process really
/// has, so build/determinism.sh can check that a DOTNET_Enable* knob took effect), one "hash network.method sha256" line
/// per network and method (SHA-256 of the raw bits of every output, in order), and "hash all sha256" over those lines.
/// </summary>
public static class Program
{
    private const int Rows = 6;

    /// <summary>ForwardBatch/PredictBatch rows: full blocks of 16, 8, 4 and 2 lanes, and leftover rows.</summary>
    private const int BatchRows = 37;

    public static int Main()
    {
        PrintIsa();
        var lines = new List<string>();

        Trainable(lines, "Mazur", new Mazur(), Targets.Unit);
        Trainable(lines, "Unrolled4_8_3", new Unrolled4_8_3(), Targets.Distribution);
        Trainable(lines, "Unrolled5_7_4F", new Unrolled5_7_4F(), Targets.Unit);
        Trainable(lines, "Split12_24_6", new Split12_24_6(), Targets.Unit);
        Trainable(lines, "Split16_20_5F", new Split16_20_5F(), Targets.Distribution);
        Trainable(lines, "Loops64_32_10", new Loops64_32_10(), Targets.Distribution);
        Trainable(lines, "Loops64_32_10F", new Loops64_32_10F(), Targets.Distribution);
        Trainable(lines, "Loops100_37_21_5", new Loops100_37_21_5(), Targets.Any);
        Trainable(lines, "Loops100_37_21_5F", new Loops100_37_21_5F(), Targets.Distribution);
        Trainable(lines, "Loops784_50_10F", new Loops784_50_10F(), Targets.Distribution);

        Frozen<double>(lines, "MazurFrozen", MazurFrozen.InputCount, MazurFrozen.OutputCount, MazurFrozen.Predict, MazurFrozen.PredictBatch);
        Frozen<double>(lines, "Frozen64_32_10", Frozen64_32_10.InputCount, Frozen64_32_10.OutputCount, Frozen64_32_10.Predict, Frozen64_32_10.PredictBatch);
        Frozen<float>(lines, "Frozen100_37_5F", Frozen100_37_5F.InputCount, Frozen100_37_5F.OutputCount, Frozen100_37_5F.Predict, Frozen100_37_5F.PredictBatch);

        foreach (string line in lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine("hash all " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))));
        return 0;
    }

    private static void PrintIsa()
    {
        Console.WriteLine($"isa Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated}");
        Console.WriteLine($"isa Avx512F.IsSupported={Avx512F.IsSupported}");
        Console.WriteLine($"isa Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated}");
        Console.WriteLine($"isa Avx2.IsSupported={Avx2.IsSupported}");
        Console.WriteLine($"isa Fma.IsSupported={Fma.IsSupported}");
        Console.WriteLine($"isa Vector128.IsHardwareAccelerated={Vector128.IsHardwareAccelerated}");
        Console.WriteLine($"isa Vector<byte>.Count={Vector<byte>.Count}");
        Console.WriteLine($"isa RuntimeFeature.IsDynamicCodeCompiled={RuntimeFeature.IsDynamicCodeCompiled}");
        // PublishAot's runtimeconfig switches IsDynamicCodeSupported off for JIT runs too, so IsDynamicCodeCompiled is false
        // under the JIT here; whether the JIT compiled anything tells the two apart.
        Console.WriteLine($"isa Jit={JitInfo.GetCompiledMethodCount() > 0}");
        Console.WriteLine($"isa RuntimeInformation.ProcessArchitecture={RuntimeInformation.ProcessArchitecture}");
    }

    private enum Targets
    {
        /// <summary>Each in [0, 1] (logistic outputs, binary cross-entropy).</summary>
        Unit,

        /// <summary>Non-negative, summing to 1 (softmax outputs).</summary>
        Distribution,

        /// <summary>Any value (regression).</summary>
        Any,
    }

    /// <summary>Forward, Loss, Backward, InputGradient, TrainStep and TrainBatch on fixed rows, each output hashed by method.</summary>
    private static void Trainable<T>(List<string> lines, string name, ITrainable<T> network, Targets targetKind)
        where T : unmanaged, IFloatingPoint<T>
    {
        var data = new Data(name);
        T[] inputs = data.Inputs<T>(Rows * network.Inputs), targets = data.Targets<T>(Rows, network.Outputs, targetKind);
        T[] output = new T[network.Outputs], gradient = new T[network.Parameters], inputGradient = new T[network.Inputs], parameters = new T[network.Parameters];
        T learningRate = T.CreateTruncating(0.05);
        ReadOnlySpan<T> Input(int r) => inputs.AsSpan(r * network.Inputs, network.Inputs);
        ReadOnlySpan<T> Target(int r) => targets.AsSpan(r * network.Outputs, network.Outputs);
        var hashes = new Hashes(name);

        for (int r = 0; r < Rows; r++)
        {
            network.Forward(Input(r), output);
            hashes.Add("Forward", output);
            hashes.Add("Loss", network.Loss(Input(r), Target(r)));
            hashes.Add("Backward", network.Backward(Input(r), Target(r), gradient));
            hashes.Add("Backward", gradient);
            hashes.Add("InputGradient", network.InputGradient(Input(r), Target(r), inputGradient));
            hashes.Add("InputGradient", inputGradient);
        }

        for (int r = 0; r < 3; r++)
        {
            hashes.Add("TrainStep", network.TrainStep(Input(r), Target(r), learningRate));
            network.GetParameters(parameters);
            hashes.Add("TrainStep", parameters);
        }

        for (int b = 0; b < 2; b++)
        {
            int rows = Rows / 2;
            hashes.Add("TrainBatch", network.TrainBatch(inputs.AsSpan(b * rows * network.Inputs, rows * network.Inputs), targets.AsSpan(b * rows * network.Outputs, rows * network.Outputs), learningRate));
            network.GetParameters(parameters);
            hashes.Add("TrainBatch", parameters);
        }

        for (int r = 0; r < Rows; r++)
        {
            network.Forward(Input(r), output);
            hashes.Add("ForwardAfterTraining", output);
        }

        // ForwardBatch over enough rows for every lane width's blocks and the leftover rows; each row must also be
        // Forward's bits for it.
        T[] batchInputs = data.Inputs<T>(BatchRows * network.Inputs), batchOutputs = new T[BatchRows * network.Outputs];
        network.ForwardBatch(batchInputs, batchOutputs);
        hashes.Add("ForwardBatch", batchOutputs);
        for (int r = 0; r < BatchRows; r++)
        {
            network.Forward(batchInputs.AsSpan(r * network.Inputs, network.Inputs), output);
            RequireSameBits(name, "ForwardBatch", r, output, batchOutputs.AsSpan(r * network.Outputs, network.Outputs));
        }

        lines.AddRange(hashes.Lines());
    }

    private static void Frozen<T>(List<string> lines, string name, int inputCount, int outputCount, Predict<T> predict, Predict<T> predictBatch)
        where T : unmanaged, IFloatingPoint<T>
    {
        var data = new Data(name);
        T[] inputs = data.Inputs<T>(Rows * inputCount), output = new T[outputCount];
        var hashes = new Hashes(name);
        for (int r = 0; r < Rows; r++)
        {
            predict(inputs.AsSpan(r * inputCount, inputCount), output);
            hashes.Add("Predict", output);
        }

        T[] batchInputs = data.Inputs<T>(BatchRows * inputCount), batchOutputs = new T[BatchRows * outputCount];
        predictBatch(batchInputs, batchOutputs);
        hashes.Add("PredictBatch", batchOutputs);
        for (int r = 0; r < BatchRows; r++)
        {
            predict(batchInputs.AsSpan(r * inputCount, inputCount), output);
            RequireSameBits(name, "PredictBatch", r, output, batchOutputs.AsSpan(r * outputCount, outputCount));
        }

        lines.AddRange(hashes.Lines());
    }

    /// <summary>Row r of a batch method must be the single-row method's bits (SPEC 7); a difference fails the run.</summary>
    private static void RequireSameBits<T>(string network, string method, int row, ReadOnlySpan<T> single, ReadOnlySpan<T> batch)
        where T : unmanaged
    {
        if (!MemoryMarshal.AsBytes(single).SequenceEqual(MemoryMarshal.AsBytes(batch)))
        {
            throw new InvalidOperationException($"{network}.{method}: row {row} differs from the single-row result.");
        }
    }

    private delegate void Predict<T>(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>One SHA-256 per method, over the raw bits of everything it returned, in call order.</summary>
    private sealed class Hashes(string network)
    {
        private readonly List<(string Method, IncrementalHash Hash)> _hashes = new();

        public void Add<T>(string method, T value)
            where T : unmanaged => Add(method, new ReadOnlySpan<T>(in value));

        public void Add<T>(string method, ReadOnlySpan<T> values)
            where T : unmanaged
        {
            int index = _hashes.FindIndex(h => h.Method == method);
            if (index < 0)
            {
                _hashes.Add((method, IncrementalHash.CreateHash(HashAlgorithmName.SHA256)));
                index = _hashes.Count - 1;
            }

            _hashes[index].Hash.AppendData(MemoryMarshal.AsBytes(values));
        }

        public void Add<T>(string method, Span<T> values)
            where T : unmanaged => Add(method, (ReadOnlySpan<T>)values);

        public IEnumerable<string> Lines()
        {
            foreach ((string method, IncrementalHash hash) in _hashes)
            {
                yield return $"hash {network}.{method} {Convert.ToHexStringLower(hash.GetHashAndReset())}";
                hash.Dispose();
            }
        }
    }

    /// <summary>Fixed pseudo-random data (xorshift64*, seeded by the network's name) of mixed magnitudes and signs.</summary>
    private sealed class Data
    {
        private ulong _state;

        public Data(string seed)
        {
            _state = 0x9E3779B97F4A7C15UL;
            foreach (char c in seed)
            {
                _state = (_state ^ c) * 0x100000001B3UL;
            }
        }

        private double Next()
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return ((_state * 0x2545F4914F6CDD1DUL) >> 11) / (double)(1UL << 53);
        }

        /// <summary>Values in (-2^2, 2^2) with magnitudes down to 2^-5.</summary>
        public T[] Inputs<T>(int count)
            where T : IFloatingPoint<T>
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = T.CreateTruncating((Next() - 0.5) * Math.Pow(2, (int)(Next() * 8) - 4));
            }

            return values;
        }

        public T[] Targets<T>(int rows, int outputs, Targets kind)
            where T : IFloatingPoint<T>
        {
            var values = new T[rows * outputs];
            for (int r = 0; r < rows; r++)
            {
                double total = 0;
                var row = new double[outputs];
                for (int k = 0; k < outputs; k++)
                {
                    row[k] = kind == Program.Targets.Any ? 4 * (Next() - 0.5) : Next();
                    total += row[k];
                }

                for (int k = 0; k < outputs; k++)
                {
                    values[r * outputs + k] = T.CreateTruncating(kind == Program.Targets.Distribution ? row[k] / total : row[k]);
                }
            }

            return values;
        }
    }
}

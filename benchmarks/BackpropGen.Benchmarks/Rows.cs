using System.Numerics;

namespace BackpropGen.Benchmarks;

/// <summary>
/// A batch of rows for ForwardBatch, PredictBatch and TrainBatch: the fixture's input and target repeated with a
/// small per-row change (so no two rows are equal), one after another, with room for the outputs.
/// </summary>
public sealed class Rows<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Rows(Fixture<T> fixture, int count)
    {
        Count = count;
        int inputs = fixture.Input.Length, outputs = fixture.Target.Length;
        Inputs = new T[count * inputs];
        Targets = new T[count * outputs];
        Outputs = new T[count * outputs];
        for (int r = 0; r < count; r++)
        {
            for (int i = 0; i < inputs; i++)
            {
                Inputs[(r * inputs) + i] = fixture.Input[i] + T.CreateTruncating(r * 1e-3);
            }

            fixture.Target.CopyTo(Targets, r * outputs);
        }
    }

    public int Count { get; }

    public T[] Inputs { get; }

    public T[] Targets { get; }

    public T[] Outputs { get; }

    /// <summary>The first <paramref name="count"/> rows of <see cref="Inputs"/>.</summary>
    public System.ReadOnlySpan<T> FirstInputs(int count) => new(Inputs, 0, count * (Inputs.Length / Count));

    /// <summary>The first <paramref name="count"/> rows of <see cref="Targets"/>.</summary>
    public System.ReadOnlySpan<T> FirstTargets(int count) => new(Targets, 0, count * (Targets.Length / Count));

    /// <summary>Row r of <see cref="Inputs"/>.</summary>
    public System.ReadOnlySpan<T> Input(int r) => new(Inputs, r * (Inputs.Length / Count), Inputs.Length / Count);

    /// <summary>Row r of <see cref="Targets"/>.</summary>
    public System.ReadOnlySpan<T> Target(int r) => new(Targets, r * (Targets.Length / Count), Targets.Length / Count);

    /// <summary>Row r of <see cref="Outputs"/>.</summary>
    public System.Span<T> Output(int r) => new(Outputs, r * (Outputs.Length / Count), Outputs.Length / Count);
}

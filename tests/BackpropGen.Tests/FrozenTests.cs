namespace BackpropGen.Tests;

/// <summary>Frozen networks compute bit for bit what their trainable twins compute, with no instance and no allocation.</summary>
public class FrozenTests
{
    [Fact]
    public void Frozen_predict_equals_trainable_forward_bit_for_bit_in_double()
    {
        var random = new Random(11);
        var net = new MazurNet();
        var expected = new double[2];
        var actual = new double[2];
        for (int i = 0; i < 1000; i++)
        {
            double[] input = { (random.NextDouble() * 20) - 10, (random.NextDouble() * 20) - 10 };
            net.Forward(input, expected);
            MazurFrozen.Predict(input, actual);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[0]), BitConverter.DoubleToInt64Bits(actual[0]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[1]), BitConverter.DoubleToInt64Bits(actual[1]));
        }
    }

    [Fact]
    public void Frozen_predict_equals_trainable_forward_bit_for_bit_in_float()
    {
        var random = new Random(12);
        var net = new MazurNetFloat();
        var expected = new float[2];
        var actual = new float[2];
        for (int i = 0; i < 1000; i++)
        {
            float[] input = { (float)((random.NextDouble() * 20) - 10), (float)((random.NextDouble() * 20) - 10) };
            net.Forward(input, expected);
            MazurFrozenFloat.Predict(input, actual);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[0]), BitConverter.SingleToInt32Bits(actual[0]));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[1]), BitConverter.SingleToInt32Bits(actual[1]));
        }
    }

    [Fact]
    public void Frozen_predict_checks_lengths_and_allocates_nothing()
    {
        double[] input = { 0.05, 0.10 };
        var output = new double[MazurFrozen.OutputCount];
        Assert.ThrowsAny<ArgumentException>(() => MazurFrozen.Predict(new double[3], output));
        Assert.ThrowsAny<ArgumentException>(() => MazurFrozen.Predict(input, new double[1]));

        MazurFrozen.Predict(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            MazurFrozen.Predict(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0.751365069552, output[0], 1e-9);
    }
}

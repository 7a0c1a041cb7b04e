using System.Numerics;
using System.Reflection;

namespace BackpropGen.Generator.Tests.Numerics.Maths;

/// <summary>
/// The table the emitted double Exp reads (ExpTable128), checked entry by entry against 2^(j/128) with exact integer
/// arithmetic, independently of how the generator derived it: H_j is the double nearest 2^(j/128)
/// ((H - ulp/2)^128 &lt; 2^j &lt; (H + ulp/2)^128), and H_j*(1 + tail_j) is within 2^-104 of it.
/// </summary>
public class ExpTableTests
{
    private static ulong[] Table(string name) =>
        (ulong[])EmittedMath.Type.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void The_double_table_holds_2_to_the_j_over_128_as_nearest_double_and_tail()
    {
        ulong[] table = Table("ExpTable128");
        Assert.Equal(256, table.Length);
        for (int j = 0; j < 128; j++)
        {
            long hBits = (long)table[(2 * j) + 1] + ((long)j << 45);
            AssertNearest(hBits, j, 128);
            double tail = BitConverter.Int64BitsToDouble((long)table[2 * j]);
            Assert.True(j == 0 ? tail == 0 : Math.Abs(tail) < Math.Pow(2, -52), $"tail {j}");
            if (tail != 0)
            {
                // V = m*2^-52 * (1 + t*2^-d), t the tail's integer significand: V^128 against 2^j, relative error below 2^-97.
                long tailBits = BitConverter.DoubleToInt64Bits(tail);
                int d = 1075 - (int)((tailBits >> 52) & 0x7FF);
                BigInteger t = (tailBits & ((1L << 52) - 1)) | (1L << 52);
                t = tail < 0 ? -t : t;
                BigInteger m = Significand(hBits);
                BigInteger power = BigInteger.Pow(m * (BigInteger.Pow(2, d) + t), 128);
                BigInteger exact = BigInteger.Pow(2, j + (128 * (d + 52)));
                Assert.True(BigInteger.Abs(power - exact) * BigInteger.Pow(2, 97) < exact, $"H*(1 + tail) for j = {j}");
            }
        }

        // Cross-check with ARM optimized-routines' published exp_data.c (its second pair).
        Assert.Equal(0x3c9b3b4f1a88bf6eUL, table[2]);
        Assert.Equal(0x3feff63da9fb3335UL, table[3]);
    }

    private static BigInteger Significand(long bits)
    {
        Assert.Equal(1023, (int)((bits >> 52) & 0x7FF)); // in [1, 2)
        return (bits & ((1L << 52) - 1)) | (1L << 52);
    }

    /// <summary>(2m - 1)^n &lt; 2^j * 2^(53n) &lt; (2m + 1)^n: m*2^-52 is within half an ulp of 2^(j/n).</summary>
    private static void AssertNearest(long hBits, int j, int n)
    {
        BigInteger m = Significand(hBits);
        BigInteger exact = BigInteger.Pow(2, j + (53 * n));
        Assert.True(BigInteger.Pow((2 * m) - 1, n) < exact && exact < BigInteger.Pow((2 * m) + 1, n), $"H for j = {j} of {n}");
    }
}

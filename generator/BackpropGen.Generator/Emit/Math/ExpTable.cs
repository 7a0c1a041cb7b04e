using System.Numerics;

namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>
    /// The table of 2^(j/128) the double exp reads (ARM optimized-routines' layout), derived here with exact integer
    /// arithmetic so nothing depends on the machine that runs the generator: H_j, the double nearest 2^(j/128), stored as
    /// its bits minus j &lt;&lt; 45 (adding k &lt;&lt; 45 for k = 128*e + j then gives the bits of H_j * 2^e in one integer add),
    /// and before it the tail T_j, the double nearest (2^(j/128) - H_j) / H_j, so that 2^(j/128) = H_j * (1 + T_j) to
    /// about 2^-106. ExpTableTests checks every entry independently.
    /// </summary>
    internal static class ExpTable
    {
        /// <summary>Fraction bits of the fixed-point root: far beyond what a tail of 53 bits needs.</summary>
        private const int Precision = 180;

        private static ulong[]? _double;

        /// <summary>N = 128, pairs (T_j, H_j bits - (j &lt;&lt; 45)): the double exp's table.</summary>
        public static ulong[] WithTails128 => _double ??= Build(128, 7, withTails: true);

        private static ulong[] Build(int n, int log2N, bool withTails)
        {
            var table = new ulong[withTails ? 2 * n : n];
            for (int j = 0; j < n; j++)
            {
                // A = floor(2^(j/n) * 2^Precision), the integer n-th root of 2^(j + n*Precision).
                BigInteger a = Root(BigInteger.Pow(2, j + (n * Precision)), n, (double)j / n);
                BigInteger unit = BigInteger.Pow(2, Precision - 52);
                BigInteger m = (a + (unit / 2)) / unit; // 53-bit significand of H_j, rounded to nearest (no ties: the root is irrational for j > 0)
                ulong hBits = (1023UL << 52) + (ulong)(m - BigInteger.Pow(2, 52));
                ulong scale = hBits - ((ulong)j << (52 - log2N));
                if (withTails)
                {
                    table[2 * j] = DoubleBits(a - (m * unit), m * unit);
                    table[(2 * j) + 1] = scale;
                }
                else
                {
                    table[j] = scale;
                }
            }

            return table;
        }

        /// <summary>floor(value^(1/n)) by Newton's iteration from just above the root (the guess only sets the start).</summary>
        private static BigInteger Root(BigInteger value, int n, double log2Guess)
        {
            BigInteger x = new BigInteger(System.Math.Pow(2, log2Guess) * 4503599627370496.0) * BigInteger.Pow(2, Precision - 52);
            x += BigInteger.Pow(2, Precision - 30); // well above the root
            while (true)
            {
                BigInteger y = (((n - 1) * x) + (value / BigInteger.Pow(x, n - 1))) / n;
                if (y >= x)
                {
                    return x;
                }

                x = y;
            }
        }

        /// <summary>The bits of the double nearest numerator/denominator (|ratio| well inside the normal range, or 0).</summary>
        private static ulong DoubleBits(BigInteger numerator, BigInteger denominator)
        {
            if (numerator.IsZero)
            {
                return 0;
            }

            ulong sign = numerator.Sign < 0 ? 1UL << 63 : 0;
            const int Shift = 240;
            BigInteger q = (BigInteger.Abs(numerator) * BigInteger.Pow(2, Shift)) / denominator;
            int length = 0;
            for (BigInteger t = q; !t.IsZero; t >>= 1)
            {
                length++;
            }

            // 54 leading bits, then round half up (a tie would need the irrational ratio to be a short binary fraction).
            BigInteger top = q >> (length - 54);
            long significand = (long)((top + 1) >> 1);
            int exponent = length - 1 - Shift;
            if (significand == 1L << 53)
            {
                significand >>= 1;
                exponent++;
            }

            return sign | ((ulong)(exponent + 1023) << 52) | ((ulong)significand & ((1UL << 52) - 1));
        }
    }
}

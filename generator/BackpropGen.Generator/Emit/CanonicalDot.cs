using System;
using System.Linq;
using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The one summation order of the emitted dot products (Dot, Dot2, DotRows; issue 14), the same bits whatever the
    /// vector width. L = 128 bytes of lane accumulators s[j] (16 doubles, 32 floats), all +0. Each whole block of L
    /// elements: s[j] = s[j] + left[i + j] * right[i + j] (product rounded, then the add; no fused multiply-add). Then for
    /// w = L/2, L/4, ..., 1: halve, s[j] = s[j] + s[j + w] for j &lt; w; and if at least w elements are left, add the next w
    /// of them into s[0..w) the same way. The result is s[0]. Every element past the blocks goes in at the widest step
    /// it fits, so no tail is summed one element at a time (784 floats end with one 64-byte step, not 16 scalar adds).
    /// A vector path halves and adds at the same w: its accumulators first, then the halves of one vector (a step of
    /// w lanes is exactly one vector of w lanes), down to 16 bytes, whose lanes finish in scalar code; the scalar
    /// fallback keeps the L lanes on the stack. Every path therefore rounds the same operations on the same operands.
    /// </summary>
    internal static class CanonicalDot
    {
        /// <summary>The lanes of the order: 128 bytes.</summary>
        public const int Bytes = 128;

        /// <summary>The narrowest vector (Vector128): below it the steps run in scalar code.</summary>
        public const int LastVectorBytes = 16;

        /// <summary>
        /// Writes the steps after the whole blocks for one vector width: halving and the tail steps over the accumulators
        /// <c>{accumulators[r]}0..</c>, then within one vector, down to 16 bytes, whose lanes go to the scalars
        /// <c>{lastLanes[r]}0..</c>. <paramref name="shared"/> is the reference every row multiplies by, loaded once per step.
        /// </summary>
        public static void WriteVectorSteps(SourceWriter w, string t, int size, VectorWidth width, string shared, string[] rowReferences, string[] accumulators, string[] lastLanes)
        {
            int count = Bytes / width.Bytes, perVector = width.Bytes / size, rows = rowReferences.Length;
            for (int half = count / 2; half >= 1; half /= 2)
            {
                for (int r = 0; r < rows; r++)
                {
                    for (int a = 0; a < half; a++)
                    {
                        w.Line($"{accumulators[r]}{a} += {accumulators[r]}{a + half};");
                    }
                }

                using (w.Block($"if (length - i >= {half * perVector})"))
                {
                    for (int a = 0; a < half; a++)
                    {
                        string offset = a == 0 ? "i" : $"i + {a * perVector}";
                        WriteProducts(w, t, width, shared, offset, rowReferences, r => $"{accumulators[r]}{a}", a);
                    }

                    w.Line($"i += {half * perVector};");
                }
            }

            string[] current = accumulators.Select(a => a + "0").ToArray();
            for (int bytes = width.Bytes; bytes > LastVectorBytes; bytes /= 2)
            {
                VectorWidth whole = VectorWidth.Of(bytes * 8), halfWidth = VectorWidth.Of(bytes * 4);
                string[] next = accumulators.Select(a => $"{a}v{halfWidth.Bits}").ToArray();
                for (int r = 0; r < rows; r++)
                {
                    w.Line($"{halfWidth.Of(t)} {next[r]} = {whole.Vector}.GetLower({current[r]}) + {whole.Vector}.GetUpper({current[r]});");
                }

                using (w.Block($"if (length - i >= {bytes / 2 / size})"))
                {
                    WriteProducts(w, t, halfWidth, shared, "i", rowReferences, r => next[r], 0);
                    w.Line($"i += {bytes / 2 / size};");
                }

                current = next;
            }

            for (int r = 0; r < rows; r++)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, LastVectorBytes / size).Select(j => $"{lastLanes[r]}{j} = {VectorWidth.Of(128).Vector}.GetElement({current[r]}, {j});")));
            }
        }

        /// <summary>
        /// The steps below 16 bytes, in scalar code, from the lanes <c>{lastLanes[r]}0..</c> to <paramref name="sums"/>;
        /// <paramref name="product"/> gives row r's product at an index expression.
        /// </summary>
        public static void WriteLastLanes(SourceWriter w, int size, string[] lastLanes, string[] sums, Func<int, string, string> product)
        {
            int rows = lastLanes.Length;
            for (int half = LastVectorBytes / size / 2; half > 1; half /= 2)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(0, half).Select(j => $"{lastLanes[r]}{j} += {lastLanes[r]}{j + half};"))));
                using (w.Block($"if (length - i >= {half})"))
                {
                    for (int r = 0; r < rows; r++)
                    {
                        w.Line(string.Join(" ", Enumerable.Range(0, half).Select(j => $"{lastLanes[r]}{j} += {product(r, j == 0 ? "i" : $"i + {j}")};")));
                    }

                    w.Line($"i += {half};");
                }
            }

            w.Line(string.Join(" ", Enumerable.Range(0, rows).Select(r => $"{sums[r]} = {lastLanes[r]}0 + {lastLanes[r]}1;")));
            string last = string.Join(" ", Enumerable.Range(0, rows).Select(r => $"{sums[r]} += {product(r, "i")};"));
            w.Line($"if (i < length) {(rows == 1 ? last : "{ " + last + " }")}");
        }

        /// <summary>The scalars holding the 16 bytes of lanes, +0 until a vector or scalar path sets them.</summary>
        public static string DeclareLastLanes(string t, int size, string[] lastLanes, string zero) =>
            $"{t} " + string.Join(", ", lastLanes.SelectMany(x => Enumerable.Range(0, LastVectorBytes / size).Select(j => $"{x}{j} = {zero}"))) + ";";

        public static string Load(VectorWidth width, string start, string offset) =>
            $"{width.Vector}.LoadUnsafe(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {offset}))";

        private static void WriteProducts(SourceWriter w, string t, VectorWidth width, string shared, string offset, string[] rowReferences, Func<int, string> target, int a)
        {
            if (rowReferences.Length == 1)
            {
                w.Line($"{target(0)} += {Load(width, rowReferences[0], offset)} * {Load(width, shared, offset)};");
                return;
            }

            w.Line($"{width.Of(t)} tail{a} = {Load(width, shared, offset)};");
            for (int r = 0; r < rowReferences.Length; r++)
            {
                w.Line($"{target(r)} += {Load(width, rowReferences[r], offset)} * tail{a};");
            }
        }
    }
}

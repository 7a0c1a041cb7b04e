using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// The loops layouts' multi-row dot product: <see cref="Rows"/> dot products of one weight row with consecutive rows of
    /// values, each weight read once for all of them. Each result is the single-row Dot's, bit for bit, because both follow
    /// the order of <see cref="CanonicalDot"/> (128 bytes of lanes, whole blocks, then halving with the tail added at each
    /// width it fills), which does not depend on the vector width.
    /// </summary>
    internal static class BatchKernels
    {
        /// <summary>
        /// Rows per block: with 512-bit vectors, 4 rows of 2 accumulators each stay in registers. 8 measured faster in
        /// float and slower in double at 784 inputs, in one noisy run (README, issue 14): not changed yet.
        /// </summary>
        public const int Rows = 4;

        public static void Write(SourceWriter w, NumericType numeric)
        {
            string t = numeric.Keyword;
            int size = numeric.Size, elements = CanonicalDot.Bytes / size;
            string[] rows = Enumerable.Range(0, Rows).Select(r => $"r{r}").ToArray();
            string[] accumulators = Enumerable.Range(0, Rows).Select(r => $"s{r}_").ToArray();
            string[] lastLanes = Enumerable.Range(0, Rows).Select(r => $"x{r}_").ToArray();
            w.Line($"// {Rows} dot products left . (right + r * stride) for r = 0..{Rows - 1}, written to result[r * resultStride], each bit for bit Dot's:");
            w.Line($"// {elements} lane sums s[j] += left[i] * right[i] per block of {elements}; then for w = {elements / 2} .. 1, s[j] += s[j + w] and, if w elements are left, s[j] += the next w.");
            using (w.Block($"private static void DotRows(global::System.ReadOnlySpan<{t}> left, ref {t} right, int stride, ref {t} result, int resultStride)"))
            {
                w.Line("int length = left.Length, i = 0;");
                w.Line($"ref {t} l = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(left);");
                for (int r = 0; r < Rows; r++)
                {
                    w.Line(r == 0 ? $"ref {t} r0 = ref right;" : $"ref {t} r{r} = ref {Add("right", $"{r} * stride")};");
                }

                w.Line(CanonicalDot.DeclareLastLanes(t, size, lastLanes, numeric.Literal(0)));
                using (w.Block($"if (length >= {CanonicalDot.LastVectorBytes / size})"))
                {
                    VectorWidth.WriteWidestAccelerated(w, lanes =>
                    {
                        WriteBlocks(w, t, lanes, CanonicalDot.Bytes / lanes.Bytes, elements);
                        CanonicalDot.WriteVectorSteps(w, t, size, lanes, "l", rows, accumulators, lastLanes);
                    });
                }

                w.Line($"{t} {string.Join(", ", Enumerable.Range(0, Rows).Select(r => $"sum{r}"))};");
                CanonicalDot.WriteLastLanes(w, size, lastLanes, Enumerable.Range(0, Rows).Select(r => $"sum{r}").ToArray(), (r, index) => $"{Add("l", index)} * {Add($"r{r}", index)}");
                w.Line("result = sum0;");
                for (int r = 1; r < Rows; r++)
                {
                    w.Line($"{Add("result", $"{r} * resultStride")} = sum{r};");
                }
            }
        }

        /// <summary>
        /// TrainBatch's gradient sums: sum[i] = (((sum[i] + a0[i] * d0) + a1[i] * d1) + ...) for the <see cref="Rows"/> rows
        /// a_r = feed + r * stride and their deltas d_r = delta[r * deltaStride]. Each product is rounded, then added, in row
        /// order (no fused multiply-add): each element's bits are those of one AddScaled per row, whatever the vector width.
        /// </summary>
        public static void WriteAddScaledRows(SourceWriter w, NumericType numeric)
        {
            string t = numeric.Keyword;
            IEnumerable<int> rows = Enumerable.Range(0, Rows);
            w.Line($"// sum[i] += a_r[i] * d_r for r = 0..{Rows - 1} in row order, a_r = feed + r * stride, d_r = delta[r * deltaStride]: one pass over sum for the {Rows} rows.");
            using (w.Block($"private static void AddScaledRows(global::System.Span<{t}> sum, ref {t} feed, int stride, ref {t} delta, int deltaStride)"))
            {
                w.Line("int length = sum.Length, i = 0;");
                w.Line($"ref {t} s = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(sum);");
                for (int r = 0; r < Rows; r++)
                {
                    w.Line(r == 0 ? $"ref {t} a0 = ref feed;" : $"ref {t} a{r} = ref {Add("feed", $"{r} * stride")};");
                }

                w.Line($"{t} " + string.Join(", ", rows.Select(r => r == 0 ? "d0 = delta" : $"d{r} = {Add("delta", $"{r} * deltaStride")}")) + ";");
                VectorWidth.WriteWidestAccelerated(w, lanes =>
                {
                    string vector = lanes.Of(t);
                    w.Line($"{vector} " + string.Join(", ", rows.Select(r => $"v{r} = {lanes.Vector}.Create(d{r})")) + ";");
                    using (w.Block($"for (; i <= length - {vector}.Count; i += {vector}.Count)"))
                    {
                        w.Line($"{vector} acc = {CanonicalDot.Load(lanes, "s", "i")};");
                        foreach (int r in rows)
                        {
                            w.Line($"acc += {CanonicalDot.Load(lanes, $"a{r}", "i")} * v{r};");
                        }

                        w.Line($"{lanes.Vector}.StoreUnsafe(acc, ref {Add("s", "i")});");
                    }
                });

                w.Line($"for (; i < length; i++) {Add("s", "i")} = " + string.Join(" ", rows.Select(r => r == 0 ? $"{Add("s", "i")} + {Add("a0", "i")} * d0" : $"+ {Add($"a{r}", "i")} * d{r}")) + ";", "left to right: the row order");
            }
        }

        /// <summary>The whole blocks with <paramref name="vectors"/> vectors of accumulators per row.</summary>
        private static void WriteBlocks(SourceWriter w, string t, VectorWidth lanes, int vectors, int elements)
        {
            string vector = lanes.Of(t);
            w.Line($"int width = {vector}.Count;");
            for (int r = 0; r < Rows; r++)
            {
                w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"s{r}_{v} = {vector}.Zero"))};");
            }

            using (w.Block($"for (; i <= length - {elements}; i += {elements})"))
            {
                for (int v = 0; v < vectors; v++)
                {
                    w.Line($"{vector} w{v} = {CanonicalDot.Load(lanes, "l", Offset(v))};");
                }

                for (int r = 0; r < Rows; r++)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        w.Line($"s{r}_{v} += w{v} * {CanonicalDot.Load(lanes, $"r{r}", Offset(v))};");
                    }
                }
            }
        }

        private static string Offset(int v) => v == 0 ? "i" : v == 1 ? "i + width" : $"i + {v} * width";

        private static string Add(string start, string offset) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {offset})";
    }
}

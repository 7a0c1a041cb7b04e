using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// The loops layouts' multi-row dot product: <see cref="Rows"/> dot products of one weight row with consecutive rows of
    /// values, each weight read once for all of them. Each result is the single-row Dot's, bit for bit, because both follow
    /// one canonical order: 128 bytes of lane accumulators s[j] (16 doubles, 32 floats) start at +0; each full block of
    /// that many elements does s[j] = s[j] + left[i] * right[i] (no fused multiply-add); the lanes are reduced by halving,
    /// s[j] = s[j] + s[j + h] for h = L/2, ..., 1; then the tail is added one element at a time in ascending order. The
    /// order does not depend on the vector width, so every accelerated width gives the same bits.
    /// </summary>
    internal static class BatchKernels
    {
        /// <summary>Rows per block: with 512-bit vectors, 4 rows of 2 accumulators each stay in registers.</summary>
        public const int Rows = 4;

        private const int CanonicalBytes = 128;

        public static void Write(SourceWriter w, NumericType numeric)
        {
            string t = numeric.Keyword;
            int elements = CanonicalBytes / numeric.Size;
            w.Line($"// {Rows} dot products left . (right + r * stride) for r = 0..{Rows - 1}, written to result[r * resultStride], each bit for bit Dot's:");
            w.Line($"// {elements} lane sums s[j] += left[i] * right[i] per block of {elements}, halved pairwise (s[j] + s[j + h]), then the tail in order.");
            using (w.Block($"private static void DotRows(global::System.ReadOnlySpan<{t}> left, ref {t} right, int stride, ref {t} result, int resultStride)"))
            {
                w.Line("int length = left.Length, i = 0;");
                w.Line($"ref {t} l = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(left);");
                for (int r = 0; r < Rows; r++)
                {
                    w.Line(r == 0 ? $"ref {t} r0 = ref right;" : $"ref {t} r{r} = ref {Add("right", $"{r} * stride")};");
                }

                w.Line($"{t} {string.Join(", ", Enumerable.Range(0, Rows).Select(r => $"sum{r} = {numeric.Literal(0)}"))};");
                for (int k = 0; k < VectorWidth.All.Count; k++)
                {
                    VectorWidth lanes = VectorWidth.All[k];
                    string header = k == 0 ? "if" : k == VectorWidth.All.Count - 1 ? "else" : "else if";
                    using (w.Block(k == VectorWidth.All.Count - 1 ? "else" : $"{header} ({lanes.Vector}.IsHardwareAccelerated)"))
                    {
                        WriteBlocks(w, t, lanes, CanonicalBytes * 8 / lanes.Bits, elements);
                    }
                }

                using (w.Block("for (; i < length; i++)"))
                {
                    w.Line($"{t} li = {Add("l", "i")};");
                    for (int r = 0; r < Rows; r++)
                    {
                        w.Line($"sum{r} += li * {Add($"r{r}", "i")};");
                    }
                }

                w.Line("result = sum0;");
                for (int r = 1; r < Rows; r++)
                {
                    w.Line($"{Add("result", $"{r} * resultStride")} = sum{r};");
                }
            }

            WriteRowSums(w, numeric);
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
                for (int k = 0; k < VectorWidth.All.Count; k++)
                {
                    VectorWidth lanes = VectorWidth.All[k];
                    using (w.Block(k == VectorWidth.All.Count - 1 ? "else" : $"{(k == 0 ? "if" : "else if")} ({lanes.Vector}.IsHardwareAccelerated)"))
                    {
                        string vector = lanes.Of(t);
                        w.Line($"{vector} " + string.Join(", ", rows.Select(r => $"v{r} = {lanes.Vector}.Create(d{r})")) + ";");
                        using (w.Block($"for (; i <= length - {vector}.Count; i += {vector}.Count)"))
                        {
                            w.Line($"{vector} acc = {Load(lanes, "s", "i")};");
                            foreach (int r in rows)
                            {
                                w.Line($"acc += {Load(lanes, $"a{r}", "i")} * v{r};");
                            }

                            w.Line($"{lanes.Vector}.StoreUnsafe(acc, ref {Add("s", "i")});");
                        }
                    }
                }

                w.Line($"for (; i < length; i++) {Add("s", "i")} = " + string.Join(" ", rows.Select(r => r == 0 ? $"{Add("s", "i")} + {Add("a0", "i")} * d0" : $"+ {Add($"a{r}", "i")} * d{r}")) + ";", "left to right: the row order");
            }
        }

        /// <summary>The full blocks with <paramref name="vectors"/> vectors of accumulators per row, then their halving into sum0, sum1, ...</summary>
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
                    w.Line($"{vector} w{v} = {Load(lanes, "l", Offset(v))};");
                }

                for (int r = 0; r < Rows; r++)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        w.Line($"s{r}_{v} += w{v} * {Load(lanes, $"r{r}", Offset(v))};");
                    }
                }
            }

            for (int r = 0; r < Rows; r++)
            {
                // Halving across the vectors of a row first (the upper half of the lanes is the upper vectors), then within one.
                int count = vectors;
                while (count > 1)
                {
                    count /= 2;
                    for (int v = 0; v < count; v++)
                    {
                        w.Line($"s{r}_{v} += s{r}_{v + count};");
                    }
                }

                w.Line($"sum{r} = RowSum(s{r}_0);");
            }
        }

        /// <summary>A vector's lanes halved pairwise down to one: s[j] + s[j + h] for h = half the lanes, ..., 1.</summary>
        private static void WriteRowSums(SourceWriter w, NumericType numeric)
        {
            string t = numeric.Keyword;
            foreach (VectorWidth lanes in VectorWidth.All.Take(2))
            {
                w.Line();
                w.Line($"private static {t} RowSum({lanes.Of(t)} s) => RowSum({lanes.Vector}.GetLower(s) + {lanes.Vector}.GetUpper(s));");
            }

            w.Line();
            VectorWidth last = VectorWidth.All[VectorWidth.All.Count - 1];
            string At(int lane) => $"{last.Vector}.GetElement(s, {lane})";
            w.Line(numeric.Size == 8
                ? $"private static {t} RowSum({last.Of(t)} s) => {At(0)} + {At(1)};"
                : $"private static {t} RowSum({last.Of(t)} s) => ({At(0)} + {At(2)}) + ({At(1)} + {At(3)});");
        }

        private static string Offset(int v) => v == 0 ? "i" : v == 1 ? "i + width" : $"i + {v} * width";

        private static string Add(string start, string offset) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {offset})";

        private static string Load(VectorWidth lanes, string start, string offset) => $"{lanes.Vector}.LoadUnsafe(ref {Add(start, offset)})";
    }
}

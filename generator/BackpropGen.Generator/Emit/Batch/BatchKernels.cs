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

        /// <summary>Rows per TrainRows call: each weight's gradient sum is read and written once for all of them.</summary>
        public const int GradientRows = 32;

        /// <summary>Neurons per step of <see cref="WriteAddOuterRows"/>: each row's feed vector loaded once for 4 neurons' sums.</summary>
        private const int GradientNeurons = 4;

        /// <summary>
        /// TrainBatch's weight gradient sums: sum[n * fanIn + i] = (((sum + f0[i] * d0[n]) + f1[i] * d1[n]) + ...) for the
        /// rows f_r = feed + r * feedStride and their deltas d_r = delta + r * deltaStride. Each product is rounded, then
        /// added, in row order (no fused multiply-add): each element's bits are those of one AddScaled per row, whatever the
        /// vector width. Two vectors of 4 neurons' sums stay in registers while every row goes in, so each sum is read and
        /// written once per call and each feed vector is loaded once for the 4 neurons.
        /// </summary>
        public static void WriteAddOuterRows(SourceWriter w, NumericType numeric)
        {
            string t = numeric.Keyword;
            w.Line("// sum[n * fanIn + i] += f_r[i] * d_r[n] for r = 0..rows-1 in row order, f_r = feed + r * feedStride, d_r = delta + r * deltaStride:");
            w.Line("// the sums of 4 neurons (two vectors each) stay in registers while all the rows go in.");
            using (w.Block($"private static void AddOuterRows(global::System.Span<{t}> sum, int neurons, int fanIn, ref {t} feed, int feedStride, ref {t} delta, int deltaStride, int rows)"))
            {
                w.Line($"ref {t} sums = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(sum);");
                w.Line("int n = 0;");
                using (w.Block($"for (; n <= neurons - {GradientNeurons}; n += {GradientNeurons})"))
                {
                    WriteNeuronGroup(w, t, GradientNeurons);
                }

                using (w.Block("for (; n < neurons; n++)"))
                {
                    WriteNeuronGroup(w, t, 1);
                }
            }
        }

        /// <summary>The sums of <paramref name="neurons"/> neurons from n: two vectors at a time, then one, then element by element.</summary>
        private static void WriteNeuronGroup(SourceWriter w, string t, int neurons)
        {
            int[] group = Enumerable.Range(0, neurons).ToArray();
            foreach (int a in group)
            {
                w.Line($"ref {t} s{a} = ref {Add("sums", a == 0 ? "n * fanIn" : $"(n + {a}) * fanIn")};");
            }

            w.Line($"ref {t} d = ref {Add("delta", "n")};");
            w.Line("int i = 0;");
            VectorWidth.WriteWidestAccelerated(w, lanes =>
            {
                string vector = lanes.Of(t);
                w.Line($"int width = {vector}.Count;");
                foreach (int vectors in new[] { 2, 1 })
                {
                    int[] parts = Enumerable.Range(0, vectors).ToArray();
                    using (w.Block(vectors == 2 ? "for (; i <= fanIn - 2 * width; i += 2 * width)" : "if (i <= fanIn - width)"))
                    {
                        foreach (int a in group)
                        {
                            w.Line($"{vector} " + string.Join(", ", parts.Select(c => $"acc{a}_{c} = {CanonicalDot.Load(lanes, $"s{a}", Part(c))}")) + ";");
                        }

                        using (w.Block("for (int r = 0; r < rows; r++)"))
                        {
                            w.Line($"ref {t} f = ref {Add("feed", "r * feedStride + i")};");
                            w.Line($"ref {t} dr = ref {Add("d", "r * deltaStride")};");
                            w.Line($"{vector} " + string.Join(", ", parts.Select(c => $"x{c} = {CanonicalDot.Load(lanes, "f", c == 0 ? "0" : "width")}")) + ";");
                            foreach (int a in group)
                            {
                                w.Line($"{vector} e{a} = {lanes.Vector}.Create({(a == 0 ? "dr" : Add("dr", a.ToString(System.Globalization.CultureInfo.InvariantCulture)))});");
                                w.Line(string.Join(" ", parts.Select(c => $"acc{a}_{c} += x{c} * e{a};")));
                            }
                        }

                        foreach (int a in group)
                        {
                            w.Line(string.Join(" ", parts.Select(c => $"{lanes.Vector}.StoreUnsafe(acc{a}_{c}, ref {Add($"s{a}", Part(c))});")));
                        }

                        if (vectors == 1)
                        {
                            w.Line("i += width;");
                        }
                    }
                }
            });

            using (w.Block("for (; i < fanIn; i++)"))
            {
                using (w.Block("for (int r = 0; r < rows; r++)"))
                {
                    w.Line($"{t} x = {Add("feed", "r * feedStride + i")};");
                    w.Line($"ref {t} dr = ref {Add("d", "r * deltaStride")};");
                    w.Line(string.Join(" ", group.Select(a => $"{Add($"s{a}", "i")} += x * {(a == 0 ? "dr" : Add("dr", a.ToString(System.Globalization.CultureInfo.InvariantCulture)))};")));
                }
            }
        }

        private static string Part(int c) => c == 0 ? "i" : "i + width";

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

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

        /// <summary>DotRows (one weight row) and DotRows2 (two weight rows, each value row loaded once for both).</summary>
        public static void Write(SourceWriter w, NumericType numeric)
        {
            WriteDotRows(w, numeric, neurons: 1);
            w.Line();
            WriteDotRows(w, numeric, neurons: 2);
        }

        /// <summary>
        /// The dot products of <paramref name="neurons"/> weight rows with <see cref="Rows"/> value rows. Two weight rows
        /// load each value vector once for both (a value row costs as many loads as a weight row, so one weight row for 4
        /// value rows spends 4 of 5 loads on the values), in 512-bit vectors only: 2 x 4 x 2 accumulators need 16 of the 32
        /// registers there, where 256 or 128 bits would need 32 or 64; narrower machines take DotRows twice.
        /// </summary>
        private static void WriteDotRows(SourceWriter w, NumericType numeric, int neurons)
        {
            string t = numeric.Keyword;
            int size = numeric.Size, elements = CanonicalDot.Bytes / size;
            int[] group = Enumerable.Range(0, neurons).ToArray();
            string Left(int a) => neurons == 1 ? "left" : $"left{a}";
            string Weights(int a) => neurons == 1 ? "l" : $"l{a}";
            string Prefix(int a) => neurons == 1 ? string.Empty : $"{a}_";
            string[] rows = Enumerable.Range(0, Rows).Select(r => $"r{r}").ToArray();
            string[] Accumulators(int a) => Enumerable.Range(0, Rows).Select(r => $"s{Prefix(a)}{r}_").ToArray();
            string[] LastLanes(int a) => Enumerable.Range(0, Rows).Select(r => $"x{Prefix(a)}{r}_").ToArray();
            string[] Sums(int a) => Enumerable.Range(0, Rows).Select(r => $"sum{Prefix(a)}{r}").ToArray();
            string lefts = string.Join(", ", group.Select(a => $"global::System.ReadOnlySpan<{t}> {Left(a)}"));
            if (neurons == 1)
            {
                w.Line($"// {Rows} dot products left . (right + r * stride) for r = 0..{Rows - 1}, written to result[r * resultStride], each bit for bit Dot's:");
                w.Line($"// {elements} lane sums s[j] += left[i] * right[i] per block of {elements}; then for w = {elements / 2} .. 1, s[j] += s[j + w] and, if w elements are left, s[j] += the next w.");
            }
            else
            {
                w.Line($"// DotRows for left0 and left1 (as long) at once, written to result[r * resultStride] and result[r * resultStride + 1]: each value vector loaded once for both.");
            }

            using (w.Block($"private static void DotRows{(neurons == 1 ? string.Empty : "2")}({lefts}, ref {t} right, int stride, ref {t} result, int resultStride)"))
            {
                VectorWidth widest = VectorWidth.All[0];
                if (neurons > 1)
                {
                    using (w.Block($"if (!{widest.Vector}.IsHardwareAccelerated)"))
                    {
                        foreach (int a in group)
                        {
                            w.Line($"DotRows({Left(a)}, ref right, stride, ref {At("result", a)}, resultStride);");
                        }

                        w.Line("return;");
                    }
                }

                w.Line($"int length = {Left(0)}.Length, i = 0;");
                foreach (int a in group)
                {
                    w.Line($"ref {t} {Weights(a)} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({Left(a)});");
                }

                for (int r = 0; r < Rows; r++)
                {
                    w.Line(r == 0 ? $"ref {t} r0 = ref right;" : $"ref {t} r{r} = ref {Add("right", $"{r} * stride")};");
                }

                foreach (int a in group)
                {
                    w.Line(CanonicalDot.DeclareLastLanes(t, size, LastLanes(a), numeric.Literal(0)));
                }

                using (w.Block($"if (length >= {CanonicalDot.LastVectorBytes / size})"))
                {
                    void Steps(VectorWidth lanes)
                    {
                        WriteBlocks(w, t, lanes, CanonicalDot.Bytes / lanes.Bytes, elements, group.Select(Weights).ToArray(), group.Select(Accumulators).ToArray());
                        if (neurons > 1)
                        {
                            w.Line("int afterBlocks = i;", "each weight row takes the same steps from here");
                        }

                        foreach (int a in group)
                        {
                            if (a > 0)
                            {
                                w.Line("i = afterBlocks;");
                            }

                            CanonicalDot.WriteVectorSteps(w, t, size, lanes, Weights(a), rows, Accumulators(a), LastLanes(a));
                        }
                    }

                    if (neurons == 1)
                    {
                        VectorWidth.WriteWidestAccelerated(w, Steps);
                    }
                    else
                    {
                        Steps(widest);
                    }
                }

                if (neurons > 1)
                {
                    w.Line("int afterVectors = i;");
                }

                foreach (int a in group)
                {
                    if (a > 0)
                    {
                        w.Line("i = afterVectors;");
                    }

                    w.Line($"{t} {string.Join(", ", Sums(a))};");
                    CanonicalDot.WriteLastLanes(w, size, LastLanes(a), Sums(a), (r, index) => $"{Add(Weights(a), index)} * {Add($"r{r}", index)}");
                }

                foreach (int a in group)
                {
                    for (int r = 0; r < Rows; r++)
                    {
                        string offset = string.Join(" + ", new[] { r == 0 ? null : $"{r} * resultStride", a == 0 ? null : a.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Where(x => x is not null));
                        w.Line($"{(offset.Length == 0 ? "result" : Add("result", offset))} = {Sums(a)[r]};");
                    }
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
        /// vector width. A slice of 4 vectors (2 below 512 bits) of 4 neurons' sums stays in registers while every row goes
        /// in, so each sum is read and written once per call and each feed vector is loaded once for the 4 neurons; slices
        /// are the outer loop, so a slice of the feed serves every neuron while it is in L1.
        /// </summary>
        public static void WriteAddOuterRows(SourceWriter w, NumericType numeric)
        {
            string t = numeric.Keyword;
            w.Line("// sum[n * fanIn + i] += f_r[i] * d_r[n] for r = 0..rows-1 in row order, f_r = feed + r * feedStride, d_r = delta + r * deltaStride:");
            w.Line("// the sums of 4 neurons stay in registers while all the rows go in; a slice of the feed serves every neuron while it is in L1.");
            using (w.Block($"private static void AddOuterRows(global::System.Span<{t}> sum, int neurons, int fanIn, ref {t} feed, int feedStride, ref {t} delta, int deltaStride, int rows)"))
            {
                w.Line($"ref {t} sums = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(sum);");
                w.Line("int i = 0;");
                VectorWidth.WriteWidestAccelerated(w, lanes =>
                {
                    w.Line($"int width = {lanes.Of(t)}.Count;");
                    // 4 neurons x 4 vectors need 16 of the 32 registers 512-bit machines have; narrower ones may have only 16.
                    int wide = lanes.Bits == 512 ? 4 : 2;
                    foreach (int vectors in new[] { wide, 1 })
                    {
                        using (w.Block($"for (; i <= fanIn - {(vectors == 1 ? string.Empty : $"{vectors} * ")}width; i += {(vectors == 1 ? string.Empty : $"{vectors} * ")}width)"))
                        {
                            w.Line("int n = 0;");
                            using (w.Block($"for (; n <= neurons - {GradientNeurons}; n += {GradientNeurons})"))
                            {
                                WriteNeuronGroup(w, t, lanes, GradientNeurons, vectors);
                            }

                            using (w.Block("for (; n < neurons; n++)"))
                            {
                                WriteNeuronGroup(w, t, lanes, 1, vectors);
                            }
                        }
                    }
                });

                using (w.Block("for (; i < fanIn; i++)"))
                {
                    using (w.Block("for (int n = 0; n < neurons; n++)"))
                    {
                        w.Line($"ref {t} s = ref {Add("sums", "n * fanIn + i")};");
                        w.Line($"for (int r = 0; r < rows; r++) s += {Add("feed", "r * feedStride + i")} * {Add("delta", "r * deltaStride + n")};");
                    }
                }
            }
        }

        /// <summary><paramref name="vectors"/> vectors from i of the sums of <paramref name="neurons"/> neurons from n, every row in order.</summary>
        private static void WriteNeuronGroup(SourceWriter w, string t, VectorWidth lanes, int neurons, int vectors)
        {
            int[] group = Enumerable.Range(0, neurons).ToArray(), parts = Enumerable.Range(0, vectors).ToArray();
            string vector = lanes.Of(t);
            foreach (int a in group)
            {
                w.Line($"ref {t} s{a} = ref {Add("sums", a == 0 ? "n * fanIn" : $"(n + {a}) * fanIn")};");
            }

            w.Line($"ref {t} d = ref {Add("delta", "n")};");
            foreach (int a in group)
            {
                w.Line($"{vector} " + string.Join(", ", parts.Select(c => $"acc{a}_{c} = {CanonicalDot.Load(lanes, $"s{a}", Part(c))}")) + ";");
            }

            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"ref {t} f = ref {Add("feed", "r * feedStride + i")};");
                w.Line($"ref {t} dr = ref {Add("d", "r * deltaStride")};");
                w.Line($"{vector} " + string.Join(", ", parts.Select(c => $"x{c} = {CanonicalDot.Load(lanes, "f", c == 0 ? "0" : c == 1 ? "width" : $"{c} * width")}")) + ";");
                foreach (int a in group)
                {
                    w.Line($"{vector} e{a} = {lanes.Vector}.Create({At("dr", a)});");
                    w.Line(string.Join(" ", parts.Select(c => $"acc{a}_{c} += x{c} * e{a};")));
                }
            }

            foreach (int a in group)
            {
                w.Line(string.Join(" ", parts.Select(c => $"{lanes.Vector}.StoreUnsafe(acc{a}_{c}, ref {Add($"s{a}", Part(c))});")));
            }
        }

        private static string Part(int c) => c == 0 ? "i" : c == 1 ? "i + width" : $"i + {c} * width";

        /// <summary>The whole blocks with <paramref name="vectors"/> vectors of accumulators per row and weight row; each value vector loaded once.</summary>
        private static void WriteBlocks(SourceWriter w, string t, VectorWidth lanes, int vectors, int elements, string[] weights, string[][] accumulators)
        {
            string vector = lanes.Of(t);
            w.Line($"int width = {vector}.Count;");
            foreach (string[] neuron in accumulators)
            {
                for (int r = 0; r < Rows; r++)
                {
                    w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"{neuron[r]}{v} = {vector}.Zero"))};");
                }
            }

            using (w.Block($"for (; i <= length - {elements}; i += {elements})"))
            {
                for (int a = 0; a < weights.Length; a++)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        w.Line($"{vector} w{(weights.Length == 1 ? string.Empty : $"{a}_")}{v} = {CanonicalDot.Load(lanes, weights[a], Offset(v))};");
                    }
                }

                for (int r = 0; r < Rows; r++)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        if (weights.Length == 1)
                        {
                            w.Line($"{accumulators[0][r]}{v} += w{v} * {CanonicalDot.Load(lanes, $"r{r}", Offset(v))};");
                            continue;
                        }

                        w.Line($"{vector} v{r}_{v} = {CanonicalDot.Load(lanes, $"r{r}", Offset(v))};");
                        for (int a = 0; a < weights.Length; a++)
                        {
                            w.Line($"{accumulators[a][r]}{v} += w{a}_{v} * v{r}_{v};");
                        }
                    }
                }
            }
        }

        private static string Offset(int v) => v == 0 ? "i" : v == 1 ? "i + width" : $"i + {v} * width";

        /// <summary>The element <paramref name="offset"/> places after <paramref name="start"/> (start itself for 0).</summary>
        private static string At(string start, int offset) => offset == 0 ? start : Add(start, offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

        private static string Add(string start, string offset) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {offset})";
    }
}

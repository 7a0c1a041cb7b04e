using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The vector kernels of the loops layout, written into the class so users need no library.
    /// On .NET 8 and later they use the widest hardware vector (Vector512, else Vector256, else Vector128): Vector&lt;T&gt;
    /// stays at 256 bits on AVX-512 machines, which measured 1.2-1.8x slower than TensorPrimitives at 784 inputs.
    /// Dot sums in one canonical order (<see cref="CanonicalDot"/>) whatever the width; older targets run it in scalar code.
    /// Older targets keep a Vector&lt;T&gt; path for AddScaled and Scale. No fused multiply-add: each element of AddScaled
    /// and Scale is rounded exactly as the scalar loop rounds it, on every machine.
    /// </summary>
    internal static class VectorKernels
    {
        private static readonly string[] Widths = VectorWidth.All.Select(v => v.Name).ToArray();
        private static readonly int[] VectorBytes = VectorWidth.All.Select(v => v.Bytes).ToArray();

        /// <summary>
        /// Dot and Dot2 (the forward pass takes rows in pairs, Dot the odd one out; the benchmarks call Dot); AddScaled and
        /// Scale unless <paramref name="dotOnly"/> (inference needs only the dot products).
        /// </summary>
        public static void Write(SourceWriter w, NumericType numeric, bool dotOnly)
        {
            string t = numeric.Keyword;
            WriteDot(w, t, numeric.Literal(0), rows: 1);
            w.Line();
            WriteDot(w, t, numeric.Literal(0), rows: 2);
            if (dotOnly)
            {
                return;
            }

            w.Line();
            w.Line("// destination[i] += source[i] * scale.");
            WriteElementwise(w, t, $"AddScaled({Span(t)} destination, {ReadOnlySpan(t)} source, {t} scale)", "destination", "source", add: true);
            w.Line();
            w.Line("// destination[i] = source[i] * scale.");
            WriteElementwise(w, t, $"Scale({ReadOnlySpan(t)} source, {t} scale, {Span(t)} destination)", "source", "destination", add: false);
            w.Line();
            w.Line("// destination[i] += (source[i] * scale) * step: Scale's product, rounded, then AddScaled's step, with no array between.");
            WriteElementwise(w, t, $"AddScaledProduct({Span(t)} destination, {ReadOnlySpan(t)} source, {t} scale, {t} step)", "destination", "source", add: true, step: "step");
        }

        private static string Span(string t) => $"global::System.Span<{t}>";

        private static string ReadOnlySpan(string t) => $"global::System.ReadOnlySpan<{t}>";

        private static string Reference(string t, string name, string span) =>
            $"ref {t} {name} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({span});";

        /// <summary>The element at offset <paramref name="offset"/> from <paramref name="start"/>, as a ref (no bounds check).</summary>
        private static string At(string start, string offset) => $"ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {offset})";

        private static string Load(string vector, string start, string offset) =>
            $"global::System.Runtime.Intrinsics.{vector}.LoadUnsafe({At(start, offset)})";

        private static readonly string[] Lanes = { "i", "i + width", "i + 2 * width", "i + 3 * width" };

        /// <summary>
        /// Dot in the order of <see cref="CanonicalDot"/>: Vector512, Vector256, Vector128 and scalar code hold the same
        /// 128 bytes of lanes in 2, 4, 8 or L accumulators, so they round identically; never Vector.Sum, whose order is
        /// unspecified. Dot2 does two left rows against one right in one pass (each row's sum in the same order): twice the
        /// independent adds in flight, which one row's L lanes cannot give a wide machine, and half the loads of right.
        /// </summary>
        private static void WriteDot(SourceWriter w, string t, string zero, int rows)
        {
            int size = t == "float" ? 4 : 8, lanes = CanonicalDot.Bytes / size;
            string[] left = rows == 1 ? new[] { "left" } : Enumerable.Range(0, rows).Select(r => $"left{r}").ToArray();
            string[] sum = rows == 1 ? new[] { "sum" } : Enumerable.Range(0, rows).Select(r => $"sum{r}").ToArray();
            string[] reference = rows == 1 ? new[] { "l" } : Enumerable.Range(0, rows).Select(r => $"l{r}").ToArray();
            string[] accumulator = rows == 1 ? new[] { "s" } : Enumerable.Range(0, rows).Select(r => $"s{r}_").ToArray();
            string[] lastLanes = rows == 1 ? new[] { "x" } : Enumerable.Range(0, rows).Select(r => $"x{r}_").ToArray();
            if (rows == 1)
            {
                w.Line($"// Sum of left[i] * right[i] over left's length (right may be longer), in one order on every machine, {lanes} lanes:");
                w.Line($"// s[j] += left[i] * right[i] over whole blocks of {lanes}; then for w = {lanes / 2} .. 1, s[j] += s[j + w] and, if w elements are left, s[j] += the next w.");
                w.OpenBlock($"private static {t} Dot({ReadOnlySpan(t)} left, {ReadOnlySpan(t)} right)");
            }
            else
            {
                w.Line("// sum0 = Dot(left0, right) and sum1 = Dot(left1, right), the same bits, in one pass over right (left1 as long as left0).");
                w.OpenBlock($"private static void Dot2({ReadOnlySpan(t)} left0, {ReadOnlySpan(t)} left1, {ReadOnlySpan(t)} right, out {t} sum0, out {t} sum1)");
                w.Line("left1 = left1.Slice(0, left0.Length);");
            }

            w.Line($"right = right.Slice(0, {left[0]}.Length);");
            w.Line($"int length = {left[0]}.Length, blocks = length - length % {lanes}, i = 0;", "blocks: the elements in whole blocks");
            w.Line(CanonicalDot.DeclareLastLanes(t, size, lastLanes, zero));
            w.OpenBlock($"if (length >= {CanonicalDot.LastVectorBytes / size})");
            w.Line("#if NET8_0_OR_GREATER");
            for (int r = 0; r < rows; r++)
            {
                w.Line(Reference(t, reference[r], left[r]));
            }

            w.Line(Reference(t, "r", "right"));
            for (int k = 0; k < VectorWidth.All.Count; k++)
            {
                w.OpenBlock($"{(k == 0 ? "if" : "else if")} ({VectorWidth.All[k].Vector}.IsHardwareAccelerated)");
                WriteVectorBlocks(w, t, VectorWidth.All[k], size, reference, accumulator, lastLanes);
                w.CloseBlock();
            }

            w.OpenBlock("else");
            WriteScalarSteps(w, t, size, left, accumulator, lastLanes);
            w.CloseBlock();
            w.Line("#else");
            WriteScalarSteps(w, t, size, left, accumulator, lastLanes);
            w.Line("#endif");
            w.CloseBlock();
            if (rows == 1)
            {
                w.Line($"{t} sum;");
            }

            CanonicalDot.WriteLastLanes(w, size, lastLanes, sum, (r, index) => $"{left[r]}[{index}] * right[{index}]");
            if (rows == 1)
            {
                w.Line("return sum;");
            }

            w.CloseBlock();
        }

        /// <summary>The blocks in <c>CanonicalDot.Bytes / width</c> vectors per row, then the steps down to 16 bytes of lanes.</summary>
        private static void WriteVectorBlocks(SourceWriter w, string t, VectorWidth width, int size, string[] reference, string[] accumulator, string[] lastLanes)
        {
            int count = CanonicalDot.Bytes / width.Bytes, perVector = width.Bytes / size, rows = reference.Length;
            string type = width.Of(t);
            for (int r = 0; r < rows; r++)
            {
                w.Line($"{type} " + string.Join(", ", Enumerable.Range(0, count).Select(a => $"{accumulator[r]}{a} = {type}.Zero")) + ";");
            }

            w.OpenBlock($"for (; i < blocks; i += {CanonicalDot.Bytes / size})");
            for (int a = 0; a < count; a++)
            {
                string offset = a == 0 ? "i" : $"i + {a * perVector}";
                if (rows == 1)
                {
                    w.Line($"{accumulator[0]}{a} += {CanonicalDot.Load(width, reference[0], offset)} * {CanonicalDot.Load(width, "r", offset)};");
                    continue;
                }

                w.Line($"{type} right{a} = {CanonicalDot.Load(width, "r", offset)};");
                for (int r = 0; r < rows; r++)
                {
                    w.Line($"{accumulator[r]}{a} += {CanonicalDot.Load(width, reference[r], offset)} * right{a};");
                }
            }

            w.CloseBlock();
            CanonicalDot.WriteVectorSteps(w, t, size, width, "r", reference, accumulator, lastLanes);
        }

        /// <summary>The same order in L scalar lanes on the stack, one lane at a time, down to 16 bytes of lanes.</summary>
        private static void WriteScalarSteps(SourceWriter w, string t, int size, string[] left, string[] accumulator, string[] lastLanes)
        {
            int lanes = CanonicalDot.Bytes / size;
            string[] spans = accumulator.Select(a => a.TrimEnd('_')).ToArray();
            for (int r = 0; r < left.Length; r++)
            {
                w.Line($"global::System.Span<{t}> {spans[r]} = stackalloc {t}[{lanes}];");
                w.Line($"{spans[r]}.Clear();");
            }

            string Each(string Of) => left.Length == 1 ? Of.Replace("@", spans[0]).Replace("#", left[0]) : "{ " + string.Join(" ", Enumerable.Range(0, left.Length).Select(r => Of.Replace("@", spans[r]).Replace("#", left[r]))) + " }";
            w.Line($"for (; i < blocks; i += {lanes}) for (int j = 0; j < {lanes}; j++) " + Each("@[j] += #[i + j] * right[i + j];"));
            using (w.Block($"for (int h = {lanes / 2}; h >= {CanonicalDot.LastVectorBytes / size}; h /= 2)"))
            {
                w.Line("for (int j = 0; j < h; j++) " + Each("@[j] += @[j + h];"));
                using (w.Block("if (length - i >= h)"))
                {
                    w.Line("for (int j = 0; j < h; j++) " + Each("@[j] += #[i + j] * right[i + j];"));
                    w.Line("i += h;");
                }
            }

            for (int r = 0; r < left.Length; r++)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, CanonicalDot.LastVectorBytes / size).Select(j => $"{lastLanes[r]}{j} = {spans[r]}[{j}];")));
            }
        }

        /// <summary>
        /// destination = source * scale (+ destination when <paramref name="add"/>), four vectors per iteration, with
        /// aligned stores; the first and last vectors are computed up front, so no scalar head or tail is left.
        /// </summary>
        /// <param name="step">A second factor, applied to the rounded product (<c>(source * scale) * step</c>); null for none.</param>
        private static void WriteElementwise(SourceWriter w, string t, string signature, string lengthFrom, string other, bool add, string? step = null)
        {
            string Product(string source) => step is null ? $"{source} * factor" : $"{source} * factor * stepFactor";
            string Result(string source, string destination) => add ? $"{Product(source)} + {destination}" : Product(source);
            w.OpenBlock($"private static void {signature}");
            w.Line($"{other} = {other}.Slice(0, {lengthFrom}.Length);");
            w.Line($"int length = {lengthFrom}.Length, i = 0;");
            w.Line("#if NET8_0_OR_GREATER");
            w.Line(Reference(t, "s", "source"));
            w.Line(Reference(t, "d", "destination"));
            for (int k = 0; k < Widths.Length; k++)
            {
                string vector = Widths[k], full = $"global::System.Runtime.Intrinsics.{vector}<{t}>";
                string store = $"global::System.Runtime.Intrinsics.{vector}.StoreUnsafe";
                w.OpenBlock($"{(k == 0 ? "if" : "else if")} (global::System.Runtime.Intrinsics.{vector}.IsHardwareAccelerated && length >= 2 * {full}.Count)");
                int bytes = VectorBytes[k];
                w.Line($"int width = {full}.Count;");
                w.Line($"{full} factor = global::System.Runtime.Intrinsics.{vector}.Create(scale);");
                if (step is not null)
                {
                    w.Line($"{full} stepFactor = global::System.Runtime.Intrinsics.{vector}.Create({step});");
                }

                w.Line("// The first and last vectors, from the original values, cover the unaligned head and the tail.");
                w.Line($"{full} first = {Result(Load(vector, "s", "0"), Load(vector, "d", "0"))};");
                w.Line($"{full} last = {Result(Load(vector, "s", "length - width"), Load(vector, "d", "length - width"))};");
                w.Line($"// A store that straddles two cache lines costs two: the loops start at the first {bytes}-byte boundary.");
                w.Line($"long address = (long)global::System.Runtime.CompilerServices.Unsafe.ByteOffset(ref global::System.Runtime.CompilerServices.Unsafe.NullRef<{t}>(), ref d);");
                w.Line($"i = (int)((({bytes} - (address & {bytes - 1})) & {bytes - 1}) / sizeof({t}));");
                w.OpenBlock("for (; i <= length - 4 * width; i += 4 * width)");
                foreach (string lane in Lanes)
                {
                    w.Line($"{store}({Result(Load(vector, "s", lane), Load(vector, "d", lane))}, {At("d", lane)});");
                }

                w.CloseBlock();
                w.Line($"for (; i <= length - width; i += width) {store}({Result(Load(vector, "s", "i"), Load(vector, "d", "i"))}, {At("d", "i")});");
                w.Line("// Overlapping elements get the same value again: each was computed once, from its original.");
                w.Line($"{store}(first, ref d);");
                w.Line($"{store}(last, {At("d", "length - width")});");
                w.Line("i = length;");
                w.CloseBlock();
            }

            w.Line("#else");
            string portable = $"global::System.Numerics.Vector<{t}>";
            w.OpenBlock($"if (global::System.Numerics.Vector.IsHardwareAccelerated && length >= {portable}.Count)");
            w.Line($"var sv = global::System.Runtime.InteropServices.MemoryMarshal.Cast<{t}, {portable}>(source);");
            w.Line($"var dv = global::System.Runtime.InteropServices.MemoryMarshal.Cast<{t}, {portable}>(destination);");
            w.Line($"var factor = new {portable}(scale);");
            if (step is not null)
            {
                w.Line($"var stepFactor = new {portable}({step});");
            }

            w.Line($"for (int v = 0; v < sv.Length; v++) dv[v] = {Result("sv[v]", "dv[v]")};");
            w.Line($"i = sv.Length * {portable}.Count;");
            w.CloseBlock();
            w.Line("#endif");
            w.Line($"for (; i < length; i++) destination[i] = {(add ? "destination[i] + " : string.Empty)}source[i] * scale{(step is null ? string.Empty : " * " + step)};");
            w.CloseBlock();
        }
    }
}

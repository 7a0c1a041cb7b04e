using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The vector kernels of the loops layout, written into the class so users need no library.
    /// On .NET 8 and later they use the widest hardware vector (Vector512, else Vector256, else Vector128): Vector&lt;T&gt;
    /// stays at 256 bits on AVX-512 machines, which measured 1.2-1.8x slower than TensorPrimitives at 784 inputs.
    /// Older targets keep a Vector&lt;T&gt; path. No fused multiply-add: each element of AddScaled and Scale is rounded
    /// exactly as the scalar loop rounds it, on every machine.
    /// </summary>
    internal static class VectorKernels
    {
        private static readonly string[] Widths = { "Vector512", "Vector256", "Vector128" };
        private static readonly int[] VectorBytes = { 64, 32, 16 };

        /// <summary>Dot; and AddScaled and Scale unless <paramref name="dotOnly"/> (inference needs only Dot).</summary>
        public static void Write(SourceWriter w, NumericType numeric, bool dotOnly)
        {
            string t = numeric.Keyword;
            WriteDot(w, t, numeric.Literal(0));
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

        /// <summary>Four accumulators hide the latency of the adds; a one-vector loop and a scalar loop take the rest.</summary>
        private static void WriteDot(SourceWriter w, string t, string zero)
        {
            w.Line("// Sum of left[i] * right[i] over left's length (right may be longer).");
            w.OpenBlock($"private static {t} Dot({ReadOnlySpan(t)} left, {ReadOnlySpan(t)} right)");
            w.Line("right = right.Slice(0, left.Length);");
            w.Line($"{t} sum = {zero};");
            w.Line("int i = 0;");
            w.Line("#if NET8_0_OR_GREATER");
            w.Line(Reference(t, "l", "left"));
            w.Line(Reference(t, "r", "right"));
            for (int k = 0; k < Widths.Length; k++)
            {
                string vector = Widths[k], full = $"global::System.Runtime.Intrinsics.{vector}<{t}>";
                w.OpenBlock($"{(k == 0 ? "if" : "else if")} (global::System.Runtime.Intrinsics.{vector}.IsHardwareAccelerated && left.Length >= 4 * {full}.Count)");
                w.Line($"int width = {full}.Count;");
                w.Line($"{full} s0 = {full}.Zero, s1 = s0, s2 = s0, s3 = s0;");
                w.OpenBlock("for (; i <= left.Length - 4 * width; i += 4 * width)");
                for (int lane = 0; lane < 4; lane++)
                {
                    w.Line($"s{lane} += {Load(vector, "l", Lanes[lane])} * {Load(vector, "r", Lanes[lane])};");
                }

                w.CloseBlock();
                w.Line($"for (; i <= left.Length - width; i += width) s0 += {Load(vector, "l", "i")} * {Load(vector, "r", "i")};");
                w.Line($"sum = global::System.Runtime.Intrinsics.{vector}.Sum((s0 + s1) + (s2 + s3));");
                w.CloseBlock();
            }

            w.Line("#else");
            string portable = $"global::System.Numerics.Vector<{t}>";
            w.OpenBlock($"if (global::System.Numerics.Vector.IsHardwareAccelerated && left.Length >= 4 * {portable}.Count)");
            w.Line($"var lv = global::System.Runtime.InteropServices.MemoryMarshal.Cast<{t}, {portable}>(left);");
            w.Line($"var rv = global::System.Runtime.InteropServices.MemoryMarshal.Cast<{t}, {portable}>(right);");
            w.Line($"{portable} s0 = default, s1 = default, s2 = default, s3 = default;");
            w.Line("int v = 0;");
            w.OpenBlock("for (; v <= lv.Length - 4; v += 4)");
            w.Line("s0 += lv[v] * rv[v];");
            w.Line("s1 += lv[v + 1] * rv[v + 1];");
            w.Line("s2 += lv[v + 2] * rv[v + 2];");
            w.Line("s3 += lv[v + 3] * rv[v + 3];");
            w.CloseBlock();
            w.Line("for (; v < lv.Length; v++) s0 += lv[v] * rv[v];");
            w.Line("sum = global::System.Numerics.Vector.Sum((s0 + s1) + (s2 + s3));");
            w.Line($"i = lv.Length * {portable}.Count;");
            w.CloseBlock();
            w.Line("#endif");
            w.Line("for (; i < left.Length; i++) sum += left[i] * right[i];");
            w.Line("return sum;");
            w.CloseBlock();
        }

        /// <summary>
        /// destination = source * scale (+ destination when <paramref name="add"/>), four vectors per iteration, with
        /// aligned stores; the first and last vectors are computed up front, so no scalar head or tail is left.
        /// </summary>
        private static void WriteElementwise(SourceWriter w, string t, string signature, string lengthFrom, string other, bool add)
        {
            string Result(string source, string destination) => add ? $"{source} * factor + {destination}" : $"{source} * factor";
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
            w.Line($"for (int v = 0; v < sv.Length; v++) dv[v] = {Result("sv[v]", "dv[v]")};");
            w.Line($"i = sv.Length * {portable}.Count;");
            w.CloseBlock();
            w.Line("#endif");
            w.Line($"for (; i < length; i++) destination[i] = {(add ? "destination[i] + " : string.Empty)}source[i] * scale;");
            w.CloseBlock();
        }
    }
}

using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>The vector kernels of the loops layout, written into the class so users need no library.</summary>
    internal static class VectorKernels
    {
        /// <summary>Dot; and AddScaled and Scale unless <paramref name="dotOnly"/> (inference needs only Dot).</summary>
        public static void Write(SourceWriter w, NumericType numeric, bool dotOnly)
        {
            string t = numeric.Keyword;
            string In = $"global::System.ReadOnlySpan<{t}>", Out = $"global::System.Span<{t}>";
            string vector = $"global::System.Numerics.Vector<{t}>";
            string cast = $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<{t}, {vector}>";
            const string Accelerated = "global::System.Numerics.Vector.IsHardwareAccelerated";

            w.Line("// Sum of left[i] * right[i]; four vector accumulators hide the latency of the adds.");
            w.OpenBlock($"private static {t} Dot({In} left, {In} right)");
            w.Line($"{t} sum = {numeric.Literal(0)};");
            w.Line("int i = 0;");
            w.OpenBlock($"if ({Accelerated} && left.Length >= 4 * {vector}.Count)");
            w.Line($"var l = {cast}(left);");
            w.Line($"var r = {cast}(right.Slice(0, left.Length));");
            w.Line($"{vector} s0 = default, s1 = default, s2 = default, s3 = default;");
            w.Line("int v = 0;");
            w.OpenBlock("for (; v <= l.Length - 4; v += 4)");
            w.Line("s0 += l[v] * r[v];");
            w.Line("s1 += l[v + 1] * r[v + 1];");
            w.Line("s2 += l[v + 2] * r[v + 2];");
            w.Line("s3 += l[v + 3] * r[v + 3];");
            w.CloseBlock();
            w.Line("for (; v < l.Length; v++) s0 += l[v] * r[v];");
            w.Line("sum = global::System.Numerics.Vector.Sum((s0 + s1) + (s2 + s3));");
            w.Line($"i = l.Length * {vector}.Count;");
            w.CloseBlock();
            w.Line("for (; i < left.Length; i++) sum += left[i] * right[i];");
            w.Line("return sum;");
            w.CloseBlock();
            if (dotOnly)
            {
                return;
            }

            w.Line();
            w.Line("// destination[i] += source[i] * scale.");
            w.OpenBlock($"private static void AddScaled({Out} destination, {In} source, {t} scale)");
            w.Line("int i = 0;");
            w.OpenBlock($"if ({Accelerated} && destination.Length >= {vector}.Count)");
            w.Line($"var d = {cast}(destination);");
            w.Line($"var s = {cast}(source.Slice(0, destination.Length));");
            w.Line($"var factor = new {vector}(scale);");
            w.Line("for (int v = 0; v < d.Length; v++) d[v] += s[v] * factor;");
            w.Line($"i = d.Length * {vector}.Count;");
            w.CloseBlock();
            w.Line("for (; i < destination.Length; i++) destination[i] += source[i] * scale;");
            w.CloseBlock();
            w.Line();

            w.Line("// destination[i] = source[i] * scale.");
            w.OpenBlock($"private static void Scale({In} source, {t} scale, {Out} destination)");
            w.Line("int i = 0;");
            w.OpenBlock($"if ({Accelerated} && source.Length >= {vector}.Count)");
            w.Line($"var s = {cast}(source);");
            w.Line($"var d = {cast}(destination.Slice(0, source.Length));");
            w.Line($"var factor = new {vector}(scale);");
            w.Line("for (int v = 0; v < s.Length; v++) d[v] = s[v] * factor;");
            w.Line($"i = s.Length * {vector}.Count;");
            w.CloseBlock();
            w.Line("for (; i < source.Length; i++) destination[i] = source[i] * scale;");
            w.CloseBlock();
        }
    }
}

namespace BackpropGen.Generator.Emit
{
    /// <summary>The three vector kernels the loops layout needs, written into the class so users need no library.</summary>
    internal sealed partial class LoopsNetworkEmitter
    {
        private void WriteVectorHelpers()
        {
            string vector = $"global::System.Numerics.Vector<{_t}>";
            string cast = $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<{_t}, {vector}>";
            const string Accelerated = "global::System.Numerics.Vector.IsHardwareAccelerated";

            _w.Line("// Sum of left[i] * right[i]; four vector accumulators hide the latency of the adds.");
            _w.OpenBlock($"private static {_t} Dot({In} left, {In} right)");
            _w.Line($"{_t} sum = {_network.Numeric.Literal(0)};");
            _w.Line("int i = 0;");
            _w.OpenBlock($"if ({Accelerated} && left.Length >= 4 * {vector}.Count)");
            _w.Line($"var l = {cast}(left);");
            _w.Line($"var r = {cast}(right.Slice(0, left.Length));");
            _w.Line($"{vector} s0 = default, s1 = default, s2 = default, s3 = default;");
            _w.Line("int v = 0;");
            _w.OpenBlock("for (; v <= l.Length - 4; v += 4)");
            _w.Line("s0 += l[v] * r[v];");
            _w.Line("s1 += l[v + 1] * r[v + 1];");
            _w.Line("s2 += l[v + 2] * r[v + 2];");
            _w.Line("s3 += l[v + 3] * r[v + 3];");
            _w.CloseBlock();
            _w.Line("for (; v < l.Length; v++) s0 += l[v] * r[v];");
            _w.Line("sum = global::System.Numerics.Vector.Sum((s0 + s1) + (s2 + s3));");
            _w.Line($"i = l.Length * {vector}.Count;");
            _w.CloseBlock();
            _w.Line("for (; i < left.Length; i++) sum += left[i] * right[i];");
            _w.Line("return sum;");
            _w.CloseBlock();
            _w.Line();

            _w.Line("// destination[i] += source[i] * scale.");
            _w.OpenBlock($"private static void AddScaled({Out} destination, {In} source, {_t} scale)");
            _w.Line("int i = 0;");
            _w.OpenBlock($"if ({Accelerated} && destination.Length >= {vector}.Count)");
            _w.Line($"var d = {cast}(destination);");
            _w.Line($"var s = {cast}(source.Slice(0, destination.Length));");
            _w.Line($"var factor = new {vector}(scale);");
            _w.Line("for (int v = 0; v < d.Length; v++) d[v] += s[v] * factor;");
            _w.Line($"i = d.Length * {vector}.Count;");
            _w.CloseBlock();
            _w.Line("for (; i < destination.Length; i++) destination[i] += source[i] * scale;");
            _w.CloseBlock();
            _w.Line();

            _w.Line("// destination[i] = source[i] * scale.");
            _w.OpenBlock($"private static void Scale({In} source, {_t} scale, {Out} destination)");
            _w.Line("int i = 0;");
            _w.OpenBlock($"if ({Accelerated} && source.Length >= {vector}.Count)");
            _w.Line($"var s = {cast}(source);");
            _w.Line($"var d = {cast}(destination.Slice(0, source.Length));");
            _w.Line($"var factor = new {vector}(scale);");
            _w.Line("for (int v = 0; v < s.Length; v++) d[v] = s[v] * factor;");
            _w.Line($"i = s.Length * {vector}.Count;");
            _w.CloseBlock();
            _w.Line("for (; i < source.Length; i++) destination[i] = source[i] * scale;");
            _w.CloseBlock();
        }
    }
}

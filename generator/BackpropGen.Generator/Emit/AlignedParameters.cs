using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// Parameter storage for the loops layouts (trainable and frozen): on .NET 5 and later a pinned array with room to
    /// start the parameters on a 64-byte boundary. Rows whose length is a multiple of 64 bytes (784 floats or doubles,
    /// 128 doubles, ...) then load without straddling cache lines, and do so in every process: an ordinary array lands
    /// wherever the GC puts it, which made 784-128-10 float Forward run at 6.4 us in some processes and 9.3 us in others.
    /// </summary>
    internal static class AlignedParameters
    {
        /// <summary>The helpers: <c>AlignedCopy(values)</c> and <c>AlignedOffset(storage)</c>.</summary>
        public static void WriteHelpers(SourceWriter w, string t)
        {
            w.Line("// A pinned copy of values (never moved by the GC), with room to start them on a 64-byte boundary.");
            w.OpenBlock($"private static {t}[] AlignedCopy({t}[] values)");
            w.Line("#if NET5_0_OR_GREATER");
            w.Line($"{t}[] storage = global::System.GC.AllocateUninitializedArray<{t}>(values.Length + 64 / sizeof({t}), pinned: true);");
            w.Line("#else");
            w.Line($"{t}[] storage = new {t}[values.Length];");
            w.Line("#endif");
            w.Line("values.CopyTo(storage, AlignedOffset(storage));");
            w.Line("return storage;");
            w.CloseBlock();
            w.Line();
            w.Line("// Where the parameters start in storage: the first element on a 64-byte boundary.");
            w.OpenBlock($"private static int AlignedOffset({t}[] storage)");
            w.Line("#if NET5_0_OR_GREATER");
            w.Line($"long address = (long)global::System.Runtime.CompilerServices.Unsafe.ByteOffset(ref global::System.Runtime.CompilerServices.Unsafe.NullRef<{t}>(), ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(storage));");
            w.Line($"return (int)(((64 - (address & 63)) & 63) / sizeof({t}));");
            w.Line("#else");
            w.Line("return 0;");
            w.Line("#endif");
            w.CloseBlock();
        }
    }
}

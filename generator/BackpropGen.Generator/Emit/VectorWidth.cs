using System;
using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// One hardware vector width the generated code is written for: Vector512, Vector256 or Vector128. Every writer that
    /// emits vector paths (kernels, layer loops, rows in lanes, the maths' overloads) takes its widths from here.
    /// </summary>
    internal sealed class VectorWidth
    {
        private VectorWidth(int bits) => Bits = bits;

        /// <summary>
        /// Widest first: code that picks a width takes the first one the machine accelerates. Measured on an AVX-512 AMD
        /// EPYC (512-bit operations double-pumped), Vector512 against Vector256 (README, issue 14): the batch kernel
        /// DotRows 18-45% faster with Vector512, Dot2 and rows in lanes within the noise, so Vector512 stays first.
        /// </summary>
        public static IReadOnlyList<VectorWidth> All { get; } = new[] { new VectorWidth(512), new VectorWidth(256), new VectorWidth(128) };

        /// <summary>Narrowest first: the order the maths' overloads are written in.</summary>
        public static IReadOnlyList<VectorWidth> Narrowest { get; } = All.Reverse().ToArray();

        public int Bits { get; }

        /// <summary>
        /// <c>if (Vector512.IsHardwareAccelerated) {...} else if (Vector256...) {...} else {...}</c> (the narrowest taken
        /// without a test), one <paramref name="body"/> per width of <see cref="All"/>.
        /// </summary>
        public static void WriteWidestAccelerated(SourceWriter w, Action<VectorWidth> body)
        {
            for (int k = 0; k < All.Count; k++)
            {
                VectorWidth width = All[k];
                using (w.Block(k == All.Count - 1 ? "else" : $"{(k == 0 ? "if" : "else if")} ({width.Vector}.IsHardwareAccelerated)"))
                {
                    body(width);
                }
            }
        }

        /// <summary>The width of <paramref name="bits"/> bits, from <see cref="All"/>.</summary>
        public static VectorWidth Of(int bits) => All.First(v => v.Bits == bits);

        public int Bytes => Bits / 8;

        /// <summary>"Vector512".</summary>
        public string Name => "Vector" + Bits;

        /// <summary>"global::System.Runtime.Intrinsics.Vector512": the static class with Create, IsHardwareAccelerated, ...</summary>
        public string Vector => "global::System.Runtime.Intrinsics." + Name;

        /// <summary>"global::System.Runtime.Intrinsics.Vector512&lt;double&gt;".</summary>
        public string Of(string t) => $"{Vector}<{t}>";

        /// <summary>Lanes of <paramref name="t"/> in one vector: rows per vector operation.</summary>
        public int Count(NumericType t) => Bits / 8 / t.Size;
    }
}

using System.Collections.Generic;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>One hardware vector width the batch methods put rows in: Vector512, Vector256 or Vector128, widest first.</summary>
    internal sealed class LaneWidth
    {
        private LaneWidth(int bits) => Bits = bits;

        /// <summary>Widest first: the batch methods take the first one the machine accelerates.</summary>
        public static IReadOnlyList<LaneWidth> All { get; } = new[] { new LaneWidth(512), new LaneWidth(256), new LaneWidth(128) };

        public int Bits { get; }

        /// <summary>"global::System.Runtime.Intrinsics.Vector512": the static class with Create, IsHardwareAccelerated, ...</summary>
        public string Vector => "global::System.Runtime.Intrinsics.Vector" + Bits;

        /// <summary>"global::System.Runtime.Intrinsics.Vector512&lt;double&gt;".</summary>
        public string Of(string t) => $"{Vector}<{t}>";

        /// <summary>Lanes of <paramref name="t"/> in one vector: rows per vector operation.</summary>
        public int Count(NumericType t) => Bits / 8 / t.Size;
    }
}

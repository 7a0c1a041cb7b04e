using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Members
{
    /// <summary>What a member's declaration and a shared body are written from: the network, its numeric type, the writer.</summary>
    internal sealed class MemberContext
    {
        private readonly NetworkModel? _network;

        public MemberContext(NumericType numeric, SourceWriter writer, NetworkModel? network, string className)
        {
            ClassName = className;
            _network = network;
            W = writer;
            T = numeric.Keyword;
        }

        /// <summary>The network; a placeholder (a description with errors) has none, and declares members only.</summary>
        public NetworkModel Network => _network ?? throw new System.InvalidOperationException("A placeholder has no network.");

        public SourceWriter W { get; }

        /// <summary>The network class as C# names it inside itself.</summary>
        public string ClassName { get; }

        /// <summary>"double" or "float".</summary>
        public string T { get; }

        public string In => $"global::System.ReadOnlySpan<{T}>";

        public string Out => $"global::System.Span<{T}>";
    }
}

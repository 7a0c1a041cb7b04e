using System;
using System.Collections.Generic;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// How one code layout renders the members of <see cref="MemberTable"/>: their bodies, plus the fields before them and
    /// the private helpers after them. Declarations, documentation and argument checks are the table's, never a layout's.
    /// </summary>
    internal abstract class Layout
    {
        protected Layout(NetworkModel network, SourceWriter writer)
        {
            Network = network;
            W = writer;
            T = network.Numeric.Keyword;
        }

        protected NetworkModel Network { get; }

        protected SourceWriter W { get; }

        /// <summary>"double" or "float".</summary>
        protected string T { get; }

        protected NumericType Numeric => Network.Numeric;

        protected string In => $"global::System.ReadOnlySpan<{T}>";

        protected string Out => $"global::System.Span<{T}>";

        /// <summary>The second header line after "Network: ..." ("unrolled layout").</summary>
        public abstract string Name { get; }

        /// <summary>Fields and nested private types, written after the constants.</summary>
        public virtual void WriteFields()
        {
        }

        /// <summary>The statements of a member's body, after its argument checks.</summary>
        public abstract void WriteBody(Member member);

        /// <summary>Private helpers, written after the members.</summary>
        public virtual void WriteSupport()
        {
        }

        /// <summary>Update statements, each with its formula as a comment where it has one.</summary>
        protected void WriteUpdateLines(IEnumerable<UpdateLine> lines)
        {
            foreach (UpdateLine line in lines)
            {
                if (line.Maths.Length == 0)
                {
                    W.Line(line.Code);
                }
                else
                {
                    W.Line(line.Code, line.Maths);
                }
            }
        }

        protected Exception NotRendered(Member member) =>
            new InvalidOperationException($"The {Name} does not render {member.Id}.");
    }
}

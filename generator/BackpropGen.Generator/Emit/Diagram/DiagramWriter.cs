using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Emit.Walkthrough;

namespace BackpropGen.Generator.Emit.Diagram
{
    /// <summary>
    /// The body of ToDiagramSvg, the same in every layout: the fixed markup as string literals, the values from
    /// GetParameters. Nothing in it runs unless it is called.
    /// </summary>
    internal static class DiagramWriter
    {
        /// <summary>Values in labels: 6 significant digits, invariant culture.</summary>
        public const string ValueFormat = "G6";

        public static void WriteBody(MemberContext c)
        {
            IReadOnlyList<SvgPiece> pieces = NetworkDiagram.Build(c.Network);
            c.W.Line($"var p = new {c.T}[ParameterCount];");
            c.W.Line("GetParameters(p);");
            c.W.Line("var svg = new global::System.Text.StringBuilder();");
            foreach (SvgPiece piece in pieces)
            {
                if (piece.Markup is not null)
                {
                    c.W.Line($"svg.Append({WalkthroughWriter.Literal(piece.Markup)});");
                }
                else if (piece.Count == 1)
                {
                    c.W.Line($"svg.Append(Value(p[{piece.Start}]));");
                }
                else
                {
                    c.W.Line($"svg.Append(Range(p, {piece.Start}, {piece.Count}));");
                }
            }

            c.W.Line("return svg.ToString();");
            c.W.Line();
            c.W.Line($"static string Value({c.T} value) => value.ToString(\"{ValueFormat}\", global::System.Globalization.CultureInfo.InvariantCulture);");
            if (pieces.Any(p => p.Markup is null && p.Count > 1))
            {
                c.W.Line();
                c.W.OpenBlock($"static string Range({c.T}[] values, int start, int count)");
                c.W.Line($"{c.T} min = values[start], max = values[start];");
                c.W.OpenBlock("for (int i = start + 1; i < start + count; i++)");
                c.W.Line("if (values[i] < min) min = values[i];");
                c.W.Line("if (values[i] > max) max = values[i];");
                c.W.CloseBlock();
                c.W.Line("return \"from \" + Value(min) + \" to \" + Value(max);");
                c.W.CloseBlock();
            }
        }
    }
}

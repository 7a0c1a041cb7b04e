using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// An element-wise pass over a layer in the loops layout, destination[n] = f(operands[n]) for n below the layer's size:
    /// on .NET 8 and later the widest hardware vector (Vector512, else Vector256, else Vector128) takes whole vectors, and
    /// the scalar form takes the rest (and everything on older targets). The vector form is the rule's lane-identical twin
    /// (<see cref="ActivationRules.VectorOutput"/> and the like), so the bits do not depend on the machine or the layer's size.
    /// </summary>
    internal static class LayerVectorLoop
    {
        private static readonly string[] Widths = VectorWidth.All.Select(v => v.Vector).ToArray();

        /// <param name="w">The writer.</param>
        /// <param name="t">The numeric type.</param>
        /// <param name="size">The layer's size.</param>
        /// <param name="operands">Each operand's local name in the formulas and the span or array it is read from.</param>
        /// <param name="destination">The span or array written.</param>
        /// <param name="vector">The vector form, given the static vector class; operands are vectors of those names.</param>
        /// <param name="scalar">The scalar form; operands are scalars of those names.</param>
        /// <param name="comment">What the pass computes, for the comment above it.</param>
        public static void Write(SourceWriter w, NumericType t, int size, IReadOnlyList<(string Local, string Span)> operands, string destination,
            Func<string, string> vector, string scalar, string comment)
        {
            string T = t.Keyword;
            // Only the operands the formulas read: a load or local nobody uses is noise to the reader.
            string vectorForm = vector(Widths[0]);
            (string Local, string Span)[] vectorOperands = operands.Where(o => Reads(vectorForm, o.Local)).ToArray();
            (string Local, string Span)[] scalarOperands = operands.Where(o => Reads(scalar, o.Local)).ToArray();
            w.OpenBlock($"// {comment}, a vector of neurons at a time (each lane the bits of the scalar form).");
            w.Line("int n = 0;");
            w.Line("#if NET8_0_OR_GREATER");
            foreach ((string local, string span) in vectorOperands)
            {
                w.Line($"ref {T} {local}Start = ref {span}[0];");
            }

            w.Line($"ref {T} destinationStart = ref {destination}[0];");
            for (int k = 0; k < Widths.Length; k++)
            {
                string v = Widths[k], full = $"{v}<{T}>";
                w.OpenBlock($"{(k == 0 ? "if" : "else if")} ({v}.IsHardwareAccelerated && {size} >= {full}.Count)");
                w.OpenBlock($"for (; n <= {size} - {full}.Count; n += {full}.Count)");
                foreach ((string local, _) in vectorOperands)
                {
                    w.Line($"{full} {local} = {v}.LoadUnsafe(ref {At(local + "Start")});");
                }

                w.Line($"{v}.StoreUnsafe({vector(v)}, ref {At("destinationStart")});");
                w.CloseBlock();
                w.CloseBlock();
            }

            w.Line("#endif");
            w.OpenBlock($"for (; n < {size}; n++)");
            if (scalarOperands.Length > 0)
            {
                w.Line($"{T} " + string.Join(", ", scalarOperands.Select(o => $"{o.Local} = {o.Span}[n]")) + ";");
            }

            w.Line($"{destination}[n] = {scalar};");
            w.CloseBlock();
            w.CloseBlock();
        }

        private static bool Reads(string code, string local) => Regex.IsMatch(code, $@"(?<![A-Za-z0-9_.]){Regex.Escape(local)}(?![A-Za-z0-9_])");

        /// <summary>The element n past <paramref name="start"/> (no bounds check, and no nuint: the code compiles at C# 8).</summary>
        private static string At(string start) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, n)";
    }
}

using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>The maths functions the generated code may need; a set, so a class gets only what it uses.</summary>
    [System.Flags]
    internal enum MathFunctionSet
    {
        None = 0,
        Exp = 1,
        ExpM1 = 2,
        Log = 4,
        Log1P = 8,
    }

    /// <summary>
    /// Writes deterministic Exp, ExpM1, Log and Log1P into the generated class: a scalar form and Vector128/256/512
    /// overloads (.NET 8 and later) whose lanes are bit-identical to the scalar form on every machine.
    /// </summary>
    internal static class MathFunctions
    {
        private static readonly (MathFunctionSet Flag, string Name, string Comment, System.Action<SourceWriter, Lanes> Body)[] Functions =
        {
            (MathFunctionSet.Exp, "Exp", "e^x", ExpAlgorithms.WriteExp),
            (MathFunctionSet.ExpM1, "ExpM1", "e^x - 1, accurate near 0", ExpAlgorithms.WriteExpM1),
            (MathFunctionSet.Log, "Log", "ln(x)", LogAlgorithms.WriteLog),
            (MathFunctionSet.Log1P, "Log1P", "ln(1 + x), accurate near 0", LogAlgorithms.WriteLog1P),
        };

        private static readonly string[] Widths = VectorWidth.Narrowest.Select(v => v.Name).ToArray();

        /// <summary>Writes the requested functions (and whatever they depend on) as private static members of the class being generated.</summary>
        public static void Write(SourceWriter w, NumericType t, MathFunctionSet needed)
        {
            string k = t.Keyword;
            bool first = true;
            foreach ((MathFunctionSet flag, string name, string comment, System.Action<SourceWriter, Lanes> body) in Functions)
            {
                if ((needed & flag) == 0)
                {
                    continue;
                }

                if (!first)
                {
                    w.Line();
                }

                first = false;
                w.Line($"// {comment}: IEEE-exact operations only (no FMA, no C library), so the same bits on every machine;");
                w.Line("// each lane of the vector overloads is bit-identical to the scalar form.");
                using (w.Block($"private static {k} {name}({k} x)"))
                {
                    body(w, Lanes.Scalar(t));
                }

                w.Line("#if NET8_0_OR_GREATER");
                foreach (string width in Widths)
                {
                    Lanes lanes = Lanes.Vector(t, width);
                    using (w.Block($"private static {lanes.T} {name}({lanes.T} x)"))
                    {
                        body(w, lanes);
                    }
                }

                w.Line("#endif");
            }
        }

        /// <summary>The private members <see cref="Write"/> adds, for GeneratedMemberNames (clash checks + the reflection test).</summary>
        public static IEnumerable<GeneratedMember> Members(NumericType t, MathFunctionSet needed)
        {
            foreach ((MathFunctionSet flag, string name, _, _) in Functions)
            {
                if ((needed & flag) == 0)
                {
                    continue;
                }

                yield return new GeneratedMember(name, GeneratedMemberKind.Method, false, t.Keyword);
                foreach (string width in Widths)
                {
                    yield return new GeneratedMember(name, GeneratedMemberKind.Method, false, $"global::System.Runtime.Intrinsics.{width}<{t.Keyword}>");
                }
            }
        }
    }
}

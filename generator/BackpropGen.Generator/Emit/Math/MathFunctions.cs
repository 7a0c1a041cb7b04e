using System.Collections.Generic;
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
        private static readonly (MathFunctionSet Flag, string Name)[] Functions =
        {
            (MathFunctionSet.Exp, "Exp"),
            (MathFunctionSet.ExpM1, "ExpM1"),
            (MathFunctionSet.Log, "Log"),
            (MathFunctionSet.Log1P, "Log1P"),
        };

        private static readonly string[] Widths = { "Vector128", "Vector256", "Vector512" };

        /// <summary>Writes the requested functions (and whatever they depend on) as private static members of the class being generated.</summary>
        public static void Write(SourceWriter w, NumericType t, MathFunctionSet needed)
        {
            string k = t.Keyword;
            bool first = true;
            foreach ((MathFunctionSet flag, string name) in Functions)
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
                // Skeleton: delegates to the runtime until the deterministic algorithms land.
                string call = name == "ExpM1" ? $"{t.Math}.Exp(x) - {t.Literal(1)}" : name == "Log1P" ? $"{t.Math}.Log({t.Literal(1)} + x)" : $"{t.Math}.{name}(x)";
                w.Line($"private static {k} {name}({k} x) => {call};");
                w.Line("#if NET8_0_OR_GREATER");
                foreach (string width in Widths)
                {
                    string vector = $"global::System.Runtime.Intrinsics.{width}<{k}>", statics = $"global::System.Runtime.Intrinsics.{width}";
                    using (w.Block($"private static {vector} {name}({vector} x)"))
                    {
                        w.Line($"{vector} result = x;");
                        w.Line($"for (int i = 0; i < {vector}.Count; i++) result = {statics}.WithElement(result, i, {name}({statics}.GetElement(x, i)));");
                        w.Line("return result;");
                    }
                }

                w.Line("#endif");
            }
        }

        /// <summary>The private members <see cref="Write"/> adds, for GeneratedMemberNames (clash checks + the reflection test).</summary>
        public static IEnumerable<GeneratedMember> Members(NumericType t, MathFunctionSet needed)
        {
            foreach ((MathFunctionSet flag, string name) in Functions)
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

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
                WriteForms(w, t, name, body);
                if (flag == MathFunctionSet.Exp)
                {
                    WriteExpSupport(w, t);
                }
            }
        }

        /// <summary>The scalar method and, on .NET 8 and later, one overload per vector width, all from one body.</summary>
        private static void WriteForms(SourceWriter w, NumericType t, string name, System.Action<SourceWriter, Lanes> body)
        {
            using (w.Block($"private static {t.Keyword} {name}({t.Keyword} x)"))
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

        /// <summary>Exp's helpers: for double the table (allocated once, at type initialisation) and ExpFar; none for float.</summary>
        private static void WriteExpSupport(SourceWriter w, NumericType t)
        {
            if (t.Keyword == "float")
            {
                return;
            }

            w.Line();

            ulong[] table = ExpTable.WithTails128;
            w.Line("// 2^(j/128), j = 0..127, as pairs (tail, bits of the nearest double H minus j << 45), 2^(j/128) = H*(1 + tail) (see ExpTable).");
            w.Line($"private static readonly ulong[] {ExpAlgorithms.TableName} =");
            w.Line("{");
            for (int i = 0; i < table.Length; i += 4)
            {
                w.Line("    " + string.Join(" ", table.Skip(i).Take(4).Select(e => "0x" + e.ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + ",")));
            }

            w.Line("};");
            w.Line();
            w.Line("// Exp where |x| >= 512, or x is NaN: clamped, with subnormal and overflowing results; Exp's bits where both apply.");
            WriteForms(w, t, ExpAlgorithms.FarName, ExpAlgorithms.WriteExpFar);
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

                foreach (GeneratedMember member in Forms(name, t))
                {
                    yield return member;
                }

                if (flag == MathFunctionSet.Exp)
                {
                    if (t.Keyword == "float")
                    {
                        continue;
                    }

                    yield return new GeneratedMember(ExpAlgorithms.TableName, GeneratedMemberKind.Field, false);
                    foreach (GeneratedMember member in Forms(ExpAlgorithms.FarName, t))
                    {
                        yield return member;
                    }
                }
            }
        }

        private static IEnumerable<GeneratedMember> Forms(string name, NumericType t)
        {
            yield return new GeneratedMember(name, GeneratedMemberKind.Method, false, t.Keyword);
            foreach (string width in Widths)
            {
                yield return new GeneratedMember(name, GeneratedMemberKind.Method, false, $"global::System.Runtime.Intrinsics.{width}<{t.Keyword}>");
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Math;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The private maths a network's class contains, so that no generated method calls the C library: the deterministic
    /// Exp, ExpM1, Log, Log1P it needs (<see cref="MathFunctions"/>, scalar and vector overloads), the activation helpers
    /// built on them (Tanh, Logistic, SiLU), and Adam's Power for the bias corrections. Written once per class, after the members; listed for the clash rules by
    /// <see cref="Members"/>.
    /// </summary>
    internal static class MathSupport
    {
        /// <summary>The static vector classes the vector overloads are written for (NET8_0_OR_GREATER only).</summary>
        public static readonly string[] Vectors = VectorWidth.Narrowest.Select(v => v.Vector).ToArray();

        public static void Write(SourceWriter w, NetworkModel network)
        {
            NumericType t = network.Numeric;
            if (network.MathNeeds != MathFunctionSet.None)
            {
                w.Line();
                MathFunctions.Write(w, t, network.MathNeeds);
            }

            foreach (string helper in network.ActivationHelpers)
            {
                WriteHelper(w, t, helper);
            }

            if (!network.Description.Frozen && network.Update.CountsSteps)
            {
                w.Line();
                w.Line("// x^n for Adam's bias corrections (see UpdateRule.PowerHelper): deterministic, unlike System.Math.Pow.");
                WriteMethod(w, $"private static double {UpdateRule.Power}(double x, int n)", UpdateRule.PowerHelper());
            }
        }

        /// <summary>Every member <see cref="Write"/> adds for <paramref name="network"/>.</summary>
        public static IEnumerable<GeneratedMember> Members(NetworkModel network)
        {
            NumericType t = network.Numeric;
            if (network.MathNeeds != MathFunctionSet.None)
            {
                foreach (GeneratedMember member in MathFunctions.Members(t, network.MathNeeds))
                {
                    yield return member;
                }
            }

            foreach (string helper in network.ActivationHelpers)
            {
                yield return new GeneratedMember(helper, GeneratedMemberKind.Method, false, t.Keyword);
                foreach (string vector in Vectors)
                {
                    yield return new GeneratedMember(helper, GeneratedMemberKind.Method, false, $"{vector}<{t.Keyword}>");
                }
            }

            if (!network.Description.Frozen && network.Update.CountsSteps)
            {
                yield return new GeneratedMember(UpdateRule.Power, GeneratedMemberKind.Method, false, "double, int");
            }
        }

        /// <summary>An activation helper (Tanh, Logistic or SiLU) and, on .NET 8 and later, its vector overloads.</summary>
        public static void WriteHelper(SourceWriter w, NumericType t, string helper)
        {
            w.Line();
            w.Line($"// {helper} of the activation rules (see ActivationRules.HelperBody).");
            WriteMethod(w, $"private static {t.Keyword} {helper}({t.Keyword} x)", ActivationRules.HelperBody(helper, t, vector: null));
            w.Line("#if NET8_0_OR_GREATER");
            foreach (string vector in Vectors)
            {
                w.Line();
                w.Line($"// Lane by lane the scalar {helper}, bit for bit.");
                WriteMethod(w, $"private static {vector}<{t.Keyword}> {helper}({vector}<{t.Keyword}> x)", ActivationRules.HelperBody(helper, t, vector));
            }

            w.Line("#endif");
        }

        private static void WriteMethod(SourceWriter w, string declaration, IEnumerable<string> body)
        {
            w.OpenBlock(declaration);
            foreach (string line in body)
            {
                if (line.Length == 0)
                {
                    w.Line();
                }
                else
                {
                    w.Line(line);
                }
            }

            w.CloseBlock();
        }
    }
}

using System;
using System.Collections.Generic;
using BackpropGen.Generator.Emit.Math;

namespace BackpropGen.Generator.Model
{
    /// <summary>Each activation's forward form and derivative, as C# code and as the formula a reader checks it against.</summary>
    internal static class ActivationRules
    {
        /// <summary>The JSON spelling, used in comments and messages.</summary>
        public static string Name(ActivationKind kind) => Vocabulary.Name(kind);

        /// <summary>
        /// Whether the activation reads the layer's <c>alpha</c> (leaky_relu's slope for x &lt; 0, elu's scale). A layer whose activation
        /// does not gets a warning when alpha is given. Add a case here for every activation that takes alpha.
        /// </summary>
        public static bool UsesAlpha(ActivationKind kind) => kind switch
        {
            ActivationKind.LeakyReLU or ActivationKind.ELU => true,
            ActivationKind.Logistic or ActivationKind.Tanh or ActivationKind.ReLU or ActivationKind.Identity
                or ActivationKind.Softplus or ActivationKind.Softmax or ActivationKind.SiLU => false,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Activation " + kind + " is missing from ActivationRules.UsesAlpha"),
        };

        /// <summary>
        /// The functions of the generated class's deterministic maths (Emit/Math) the activation needs, in <paramref name="forward"/>
        /// form only or with its derivative too. The class's own helpers built on them: <see cref="Helpers"/>.
        /// </summary>
        public static MathFunctionSet MathNeeds(ActivationKind kind, bool forward) => kind switch
        {
            ActivationKind.Logistic or ActivationKind.SiLU or ActivationKind.Softmax => MathFunctionSet.Exp,  // through the Logistic and SiLU helpers
            ActivationKind.Tanh => MathFunctionSet.ExpM1,
            ActivationKind.Softplus => MathFunctionSet.Exp | MathFunctionSet.Log1P,
            ActivationKind.ELU => forward ? MathFunctionSet.ExpM1 : MathFunctionSet.ExpM1 | MathFunctionSet.Exp,
            ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Identity => MathFunctionSet.None,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Activation " + kind + " is missing from ActivationRules.MathNeeds"),
        };

        /// <summary>
        /// out = f(net). Every call is to the generated class's deterministic maths (Exp, ExpM1, Log1P, and the Tanh,
        /// Logistic, SiLU helpers built on them, <see cref="HelperBody"/>), never System.Math's exp: the same bits on every machine. <see cref="VectorOutput"/> is the same formula
        /// lane by lane.
        /// </summary>
        public static Formula Output(LayerDescription layer, string net, string output, NumericType t)
        {
            string zero = t.Literal(0), one = t.Literal(1);
            return layer.Activation switch
            {
                ActivationKind.Logistic => new Formula(
                    $"Logistic({net})",
                    $"{output} = 1/(1 + e^-{net})"),
                ActivationKind.Tanh => new Formula(
                    $"Tanh({net})",
                    $"{output} = tanh({net})"),
                ActivationKind.ReLU => new Formula(
                    $"{net} > {zero} ? {net} : {zero}",
                    $"{output} = max(0, {net})"),
                ActivationKind.LeakyReLU => new Formula(
                    $"{net} > {zero} ? {net} : {t.Literal(layer.Alpha)} * {net}",
                    $"{output} = {net} if {net} > 0, else alpha*{net} (alpha = {t.Literal(layer.Alpha)})"),
                ActivationKind.Identity => new Formula(
                    net,
                    $"{output} = {net}"),
                // max(net, 0) + ln(1 + e^-|net|) equals ln(1 + e^net) and cannot overflow for large net.
                ActivationKind.Softplus => new Formula(
                    $"({net} > {zero} ? {net} : {zero}) + Log1P(Exp(-{t.Math}.Abs({net})))",
                    $"{output} = ln(1 + e^{net})"),
                ActivationKind.SiLU => new Formula(
                    $"SiLU({net})",
                    $"{output} = {net}*sigma({net}) = {net}/(1 + e^-{net})"),
                // expm1 keeps e^net - 1 accurate for net near 0, where e^net - 1 would cancel.
                ActivationKind.ELU => new Formula(
                    $"{net} > {zero} ? {net} : {t.Literal(layer.Alpha)} * ExpM1({net})",
                    $"{output} = {net} if {net} > 0, else alpha*(e^{net} - 1) (alpha = {t.Literal(layer.Alpha)})"),
                ActivationKind.Softmax => throw new InvalidOperationException("Softmax couples the layer: see SoftmaxRule."),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Unknown activation."),
            };
        }

        /// <summary>
        /// <see cref="Output"/> on a vector of nets, as a C# expression whose every lane has the bits the scalar form gives
        /// for that lane (the same operations in the same order; comparisons become masks and selects). <paramref name="vector"/>
        /// is the static vector class, "global::System.Runtime.Intrinsics.Vector256"; <paramref name="net"/> a
        /// <c>{vector}&lt;T&gt;</c> expression, read more than once (give a local).
        /// </summary>
        public static string VectorOutput(LayerDescription layer, string net, NumericType t, string vector)
        {
            var v = new VectorTerms(vector, t);
            return layer.Activation switch
            {
                ActivationKind.Logistic => $"Logistic({net})",
                ActivationKind.Tanh => $"Tanh({net})",
                ActivationKind.ReLU => v.IfPositive(net, net, v.Zero),
                ActivationKind.LeakyReLU => v.IfPositive(net, net, $"{v.Of(layer.Alpha)} * {net}"),
                ActivationKind.Identity => net,
                ActivationKind.Softplus => $"{v.IfPositive(net, net, v.Zero)} + Log1P(Exp(-{vector}.Abs({net})))",
                ActivationKind.SiLU => $"SiLU({net})",
                ActivationKind.ELU => v.IfPositive(net, net, $"{v.Of(layer.Alpha)} * ExpM1({net})"),
                ActivationKind.Softmax => throw new InvalidOperationException("Softmax couples the layer: see OutputLayerRules.VectorShiftedExp."),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Unknown activation."),
            };
        }

        /// <summary>dout/dnet, written in terms of out where that is cheaper.</summary>
        public static Formula Derivative(LayerDescription layer, string net, string output, NumericType t)
        {
            string zero = t.Literal(0), one = t.Literal(1);
            string lhs = $"d{output}/d{net}";
            return layer.Activation switch
            {
                ActivationKind.Logistic => new Formula(
                    $"{output} * ({one} - {output})",
                    $"{lhs} = {output}*(1 - {output})"),
                ActivationKind.Tanh => new Formula(
                    $"{one} - {output} * {output}",
                    $"{lhs} = 1 - {output}^2"),
                ActivationKind.ReLU => new Formula(
                    $"{net} > {zero} ? {one} : {zero}",
                    $"{lhs} = 1 if {net} > 0, else 0"),
                ActivationKind.LeakyReLU => new Formula(
                    $"{net} > {zero} ? {one} : {t.Literal(layer.Alpha)}",
                    $"{lhs} = 1 if {net} > 0, else alpha"),
                ActivationKind.Identity => new Formula(
                    one,
                    $"{lhs} = 1"),
                ActivationKind.Softplus => new Formula(
                    $"Logistic({net})",
                    $"{lhs} = 1/(1 + e^-{net}) (the logistic function)"),
                // d/dx x*s(x) = s(x) + x*s(x)*(1 - s(x)) = s(x)*(1 + x*(1 - s(x))), s the logistic function.
                ActivationKind.SiLU => new Formula(
                    $"Logistic({net}) * ({one} + {net} * ({one} - Logistic({net})))",
                    $"{lhs} = sigma({net})*(1 + {net}*(1 - sigma({net}))), sigma(x) = 1/(1 + e^-x)"),
                ActivationKind.ELU => new Formula(
                    $"{net} > {zero} ? {one} : {t.Literal(layer.Alpha)} * Exp({net})",
                    $"{lhs} = 1 if {net} > 0, else alpha*e^{net}"),
                ActivationKind.Softmax => throw new InvalidOperationException("Softmax couples the layer: see SoftmaxRule."),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Unknown activation."),
            };
        }

        /// <summary><see cref="Derivative"/> lane by lane, bit-identical per lane (see <see cref="VectorOutput"/>); both operands are vectors.</summary>
        public static string VectorDerivative(LayerDescription layer, string net, string output, NumericType t, string vector)
        {
            var v = new VectorTerms(vector, t);
            return layer.Activation switch
            {
                ActivationKind.Logistic => $"{output} * ({v.One} - {output})",
                ActivationKind.Tanh => $"{v.One} - {output} * {output}",
                ActivationKind.ReLU => v.IfPositive(net, v.One, v.Zero),
                ActivationKind.LeakyReLU => v.IfPositive(net, v.One, v.Of(layer.Alpha)),
                ActivationKind.Identity => v.One,
                ActivationKind.Softplus => $"Logistic({net})",
                ActivationKind.SiLU => $"Logistic({net}) * ({v.One} + {net} * ({v.One} - Logistic({net})))",
                ActivationKind.ELU => v.IfPositive(net, v.One, $"{v.Of(layer.Alpha)} * Exp({net})"),
                ActivationKind.Softmax => throw new InvalidOperationException("Softmax couples the layer: see OutputLayerRules."),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Unknown activation."),
            };
        }

        /// <summary>Whether the activation's forward form calls the class's exp-family maths (so computing a layer's values together pays).</summary>
        public static bool CallsMath(ActivationKind kind) => MathNeeds(kind, forward: true) != MathFunctionSet.None;

        /// <summary>
        /// The class's activation helpers the layer needs (forward only when <paramref name="forward"/>): Tanh, Logistic,
        /// SiLU, each a private static method with Vector128/256/512 overloads (<see cref="HelperBody"/>).
        /// </summary>
        public static IEnumerable<string> Helpers(ActivationKind kind, bool forward) => kind switch
        {
            ActivationKind.Tanh => new[] { "Tanh" },
            ActivationKind.Logistic => new[] { "Logistic" },
            ActivationKind.SiLU => forward ? new[] { "SiLU" } : new[] { "SiLU", "Logistic" },
            ActivationKind.Softplus => forward ? Array.Empty<string>() : new[] { "Logistic" },
            _ => Array.Empty<string>(),
        };

        /// <summary>The statements of a helper on a scalar or vector <c>x</c> (<paramref name="vector"/> null for scalar), ending in a return.</summary>
        public static string[] HelperBody(string helper, NumericType t, string? vector)
        {
            var v = new VectorTerms(vector ?? string.Empty, t);
            string type = vector is null ? t.Keyword : v.Type;
            string abs = vector is null ? $"{t.Math}.Abs(x)" : $"{vector}.Abs(x)";
            string one = vector is null ? t.Literal(1) : v.One;
            // x >= 0 ? a : b, NaN going to b, in either form.
            string IfNotNegative(string a, string b) => vector is null ? $"x >= {t.Literal(0)} ? {a} : {b}" : $"{vector}.ConditionalSelect({vector}.GreaterThanOrEqual(x, {v.Zero}), {a}, {b})";
            switch (helper)
            {
                // tanh(a) = -expm1(-2a) / (expm1(-2a) + 2) for a = |x|: accurate near 0 (no 1 - 1 cancellation), never
                // overflows, exactly 1 once expm1 reaches -1; odd by x's sign; x itself where tanh(x) rounds to x
                // (x^2/3 below half an ulp: |x| < 2^-27 for double, 2^-12 for float), which also keeps -0.
                case "Tanh":
                {
                    double tiny = t.Keyword == "float" ? 1.0 / 4096 : 1.0 / 134217728;
                    string small = vector is null ? $"a < {t.Literal(tiny)}" : $"{vector}.LessThan(a, {v.Of(tiny)})";
                    return new[]
                    {
                        $"{type} a = {abs};",
                        $"{type} e = ExpM1({(vector is null ? t.Literal(-2) : v.Of(-2))} * a);",
                        $"{type} r = -e / (e + {(vector is null ? t.Literal(2) : v.Of(2))});",
                        vector is null
                            ? $"return {small} ? x : (x < {t.Literal(0)} ? -r : r);"
                            : $"return {vector}.ConditionalSelect({small}, x, {vector}.ConditionalSelect({vector}.LessThan(x, {v.Zero}), -r, r));",
                    };
                }

                // 1/(1 + e^-x), from e = e^-|x|: 1/(1 + e) for x >= 0, e/(1 + e) below, so e never overflows and the
                // tiny results of very negative x (subnormal ones too) keep their precision. One division: the numerator is selected.
                case "Logistic":
                    return new[]
                    {
                        $"{type} e = Exp(-{abs});",
                        $"return ({IfNotNegative(one, "e")}) / ({one} + e);",
                    };

                // x/(1 + e^-x), from e = e^-|x| as for Logistic: x/(1 + e) for x >= 0, x*e/(1 + e) below; and where e^x
                // is subnormal (its few bits times a large x would be a poor result), x*e^x as (x*e^(x/2))*e^(x/2), d being 1.
                case "SiLU":
                {
                    string threshold = t.Literal(t.Keyword == "float" ? -86 : -707);
                    string half = vector is null ? t.Literal(0.5) : v.Of(0.5);
                    if (vector is null)
                    {
                        return new[]
                        {
                            $"if (x < {threshold})",
                            "{",
                            $"    {type} h = Exp(x * {half});",
                            "    return x * h * h;",
                            "}",
                            string.Empty,
                            $"{type} e = Exp(-{abs});",
                            $"{type} d = {one} + e;",
                            $"return ({IfNotNegative("x", "x * e")}) / d;",
                        };
                    }

                    return new[]
                    {
                        $"{type} e = Exp(-{abs});",
                        $"{type} d = {one} + e;",
                        $"{type} r = ({IfNotNegative("x", "x * e")}) / d;",
                        $"if (!{vector}.LessThanAny(x, {v.Of(t.Keyword == "float" ? -86 : -707)}))",
                        "{",
                        "    return r;",
                        "}",
                        string.Empty,
                        $"{type} h = Exp(x * {half});",
                        $"return {vector}.ConditionalSelect({vector}.LessThan(x, {v.Of(t.Keyword == "float" ? -86 : -707)}), x * h * h, r);",
                    };
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(helper), helper, "Unknown activation helper.");
            }
        }
    }

    /// <summary>Pieces of vector expressions: constants broadcast with Create, comparisons as masks with ConditionalSelect.</summary>
    internal readonly struct VectorTerms
    {
        private readonly string _vector;
        private readonly NumericType _t;

        public VectorTerms(string vector, NumericType t)
        {
            _vector = vector;
            _t = t;
        }

        /// <summary>"global::System.Runtime.Intrinsics.Vector256&lt;double&gt;".</summary>
        public string Type => $"{_vector}<{_t.Keyword}>";

        public string Zero => $"{Type}.Zero";

        public string One => Of(1);

        public string Of(double value) => $"{_vector}.Create({_t.Literal(value)})";

        /// <summary>The lanes of <paramref name="ifTrue"/> where net &gt; 0, else of <paramref name="ifFalse"/>: the scalar "net &gt; 0 ? a : b", NaN going to b.</summary>
        public string IfPositive(string net, string ifTrue, string ifFalse) =>
            $"{_vector}.ConditionalSelect({_vector}.GreaterThan({net}, {Zero}), {ifTrue}, {ifFalse})";
    }

    /// <summary>A C# expression and the maths it implements.</summary>
    internal readonly struct Formula
    {
        public Formula(string code, string maths)
        {
            Code = code;
            Maths = maths;
        }

        public string Code { get; }

        public string Maths { get; }
    }
}

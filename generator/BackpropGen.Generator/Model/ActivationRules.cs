using System;

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

        /// <summary>out = f(net).</summary>
        public static Formula Output(LayerDescription layer, string net, string output, NumericType t)
        {
            string zero = t.Literal(0), one = t.Literal(1);
            return layer.Activation switch
            {
                ActivationKind.Logistic => new Formula(
                    $"{one} / ({one} + {t.Math}.Exp(-{net}))",
                    $"{output} = 1/(1 + e^-{net})"),
                ActivationKind.Tanh => new Formula(
                    $"{t.Math}.Tanh({net})",
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
                    $"{t.Math}.Max({net}, {zero}) + {t.Math}.Log({one} + {t.Math}.Exp(-{t.Math}.Abs({net})))",
                    $"{output} = ln(1 + e^{net})"),
                ActivationKind.SiLU => new Formula(
                    $"{net} / ({one} + {t.Math}.Exp(-{net}))",
                    $"{output} = {net}*sigma({net}) = {net}/(1 + e^-{net})"),
                ActivationKind.ELU => new Formula(
                    $"{net} > {zero} ? {net} : {t.Literal(layer.Alpha)} * ({t.Math}.Exp({net}) - {one})",
                    $"{output} = {net} if {net} > 0, else alpha*(e^{net} - 1) (alpha = {t.Literal(layer.Alpha)})"),
                ActivationKind.Softmax => throw new InvalidOperationException("Softmax couples the layer: see SoftmaxRule."),
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
                    $"{one} / ({one} + {t.Math}.Exp(-{net}))",
                    $"{lhs} = 1/(1 + e^-{net}) (the logistic function)"),
                // d/dx x*s(x) = s(x) + x*s(x)*(1 - s(x)) = s(x)*(1 + x*(1 - s(x))), s the logistic function.
                ActivationKind.SiLU => new Formula(
                    $"{one} / ({one} + {t.Math}.Exp(-{net})) * ({one} + {net} * ({one} - {one} / ({one} + {t.Math}.Exp(-{net}))))",
                    $"{lhs} = sigma({net})*(1 + {net}*(1 - sigma({net}))), sigma(x) = 1/(1 + e^-x)"),
                ActivationKind.ELU => new Formula(
                    $"{net} > {zero} ? {one} : {t.Literal(layer.Alpha)} * {t.Math}.Exp({net})",
                    $"{lhs} = 1 if {net} > 0, else alpha*e^{net}"),
                ActivationKind.Softmax => throw new InvalidOperationException("Softmax couples the layer: see SoftmaxRule."),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Unknown activation."),
            };
        }
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

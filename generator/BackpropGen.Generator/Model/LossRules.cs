using System;

namespace BackpropGen.Generator.Model
{
    /// <summary>Each loss as a sum of per-output terms E_ok, and its derivative dE_total/dout_ok.</summary>
    internal static class LossRules
    {
        /// <summary>The JSON spelling, used in comments and messages.</summary>
        public static string Name(LossKind kind) => kind switch
        {
            LossKind.HalfSquaredError => "half_squared_error",
            LossKind.MeanSquaredError => "mean_squared_error",
            _ => "cross_entropy",
        };

        /// <summary>The whole loss, for the comment above the loss lines.</summary>
        public static string Describe(LossKind kind, int outputCount) => kind switch
        {
            LossKind.HalfSquaredError => "E_total = sum over outputs of 1/2 (target - out)^2",
            LossKind.MeanSquaredError => $"E_total = mean over the {outputCount} outputs of (target - out)^2",
            _ => throw new NotSupportedException("Loss " + kind),
        };

        /// <summary>E_ok, the output's share of E_total.</summary>
        public static Formula Term(LossKind kind, string error, string target, string output, int outputCount, NumericType t)
        {
            string difference = $"({target} - {output})";
            return kind switch
            {
                LossKind.HalfSquaredError => new Formula(
                    $"{t.Literal(0.5)} * {difference} * {difference}",
                    $"{error} = 1/2 ({target} - {output})^2"),
                LossKind.MeanSquaredError => new Formula(
                    $"{difference} * {difference} / {t.Literal(outputCount)}",
                    $"{error} = ({target} - {output})^2 / {outputCount}"),
                _ => throw new NotSupportedException("Loss " + kind),
            };
        }

        /// <summary>dE_total/dout_ok.</summary>
        public static Formula Derivative(LossKind kind, string target, string output, int outputCount, NumericType t)
        {
            string lhs = $"dE_total/d{output}";
            return kind switch
            {
                LossKind.HalfSquaredError => new Formula(
                    $"-({target} - {output})",
                    $"{lhs} = -({target} - {output})"),
                LossKind.MeanSquaredError => new Formula(
                    $"{t.Literal(-2)} * ({target} - {output}) / {t.Literal(outputCount)}",
                    $"{lhs} = -2 ({target} - {output}) / {outputCount}"),
                _ => throw new NotSupportedException("Loss " + kind),
            };
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Emit.Math;
using static BackpropGen.Generator.Model.QuantityNames;

namespace BackpropGen.Generator.Model
{
    /// <summary>Each loss as a sum of per-output terms E_ok, its derivative dE_total/dout_ok, and where it cancels with the output activation.</summary>
    internal static class LossRules
    {
        /// <summary>The JSON spelling, used in comments and messages.</summary>
        public static string Name(LossKind kind) => Vocabulary.Name(kind);

        /// <summary>The whole loss, for the comment above the loss lines.</summary>
        public static string Describe(LossKind kind, ActivationKind output, int outputCount) => kind switch
        {
            LossKind.HalfSquaredError => "E_total = sum over outputs of 1/2 (target - out)^2",
            LossKind.MeanSquaredError => $"E_total = mean over the {outputCount} outputs of (target - out)^2",
            LossKind.CrossEntropy when output == ActivationKind.Softmax => "E_total = -sum over outputs of target * ln(out)",
            LossKind.CrossEntropy => "E_total = -sum over outputs of [target ln(out) + (1 - target) ln(1 - out)] (binary cross-entropy per output)",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
        };

        /// <summary>
        /// Cross-entropy on softmax or logistic outputs: dE/dout and dout/dnet cancel, so delta is written directly
        /// (see <see cref="CollapsedDelta"/>) instead of as their product.
        /// </summary>
        public static bool CollapsesWithOutput(LossKind kind, ActivationKind output) =>
            OutputLayerRules.DeltaForm(kind, output) is OutputDeltaForm.SoftmaxCrossEntropy or OutputDeltaForm.LogisticCrossEntropy;

        /// <summary>The loss lines: any shared helper first, then E_ok per output (E_total is their sum).</summary>
        public static IEnumerable<(string Name, Formula Formula)> Terms(LossKind kind, ActivationKind output, IReadOnlyList<string> outputs, NumericType t)
        {
            int n = outputs.Count;
            if (kind == LossKind.CrossEntropy && output == ActivationKind.Softmax)
            {
                yield return (LogSumExp, new Formula(LogOfSumExp(SumExp), $"{LogSumExp} = ln({SumExp}); {SumExp} >= 1 (its largest term is e^0), so never ln(0)"));
            }

            foreach (string o in outputs)
            {
                yield return (Error(o), Term(kind, output, Target(o), Out(o), Net(o), n, t, Error(o)));
            }
        }

        /// <summary>ln(sum_exp) by the class's deterministic Log.</summary>
        public static string LogOfSumExp(string sumExp) => $"Log({sumExp})";

        /// <summary>The deterministic maths the loss needs (Emit/Math), given the output activation.</summary>
        public static MathFunctionSet MathNeeds(LossKind kind, ActivationKind output) => (kind, output) switch
        {
            (LossKind.CrossEntropy, ActivationKind.Softmax) => MathFunctionSet.Log,
            (LossKind.CrossEntropy, _) => MathFunctionSet.Exp | MathFunctionSet.Log1P,
            _ => MathFunctionSet.None,
        };

        /// <summary>One output's share of E_total, on any expressions for its target, out and net (names or array elements).</summary>
        public static Formula Term(LossKind kind, ActivationKind output, string target, string output_, string net, int n, NumericType t, string lhs = "E")
        {
            string difference = $"({target} - {output_})";
            return kind switch
            {
                LossKind.HalfSquaredError => new Formula(
                    $"{t.Literal(0.5)} * {difference} * {difference}",
                    $"{lhs} = 1/2 ({target} - {output_})^2"),
                LossKind.MeanSquaredError => new Formula(
                    $"{difference} * {difference} / {t.Literal(n)}",
                    $"{lhs} = ({target} - {output_})^2 / {n}"),
                LossKind.CrossEntropy when output == ActivationKind.Softmax => new Formula(
                    $"-{target} * ({net} - {MaxNet} - {LogSumExp})",
                    $"{lhs} = -{target} ln({output_}), with ln({output_}) = {net} - {MaxNet} - {LogSumExp} (log-softmax, finite)"),
                LossKind.CrossEntropy => new Formula(
                    $"{t.Math}.Max({net}, {t.Literal(0)}) + Log1P(Exp(-{t.Math}.Abs({net}))) - {target} * {net}",
                    $"{lhs} = -[{target} ln({output_}) + (1 - {target}) ln(1 - {output_})] = ln(1 + e^{net}) - {target}*{net}, computed without ln(0)"),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
            };
        }

        /// <summary>dE_total/dout for one output, on any expressions for its target and out.</summary>
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
                LossKind.CrossEntropy => throw new NotSupportedException("cross_entropy collapses with its output activation"),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
            };
        }

        /// <summary>The derivation comment and the delta lines for cross-entropy on softmax or logistic outputs.</summary>
        public static (string[] Derivation, IEnumerable<(string Name, Formula Formula)> Lines) CollapsedDelta(ActivationKind output, IReadOnlyList<string> outputs)
        {
            if (output == ActivationKind.Softmax)
            {
                string targetSum = string.Join(" + ", outputs.Select(Target));
                return (
                    new[]
                    {
                        "Backward, softmax output with cross-entropy. Why delta is so short:",
                        "  dE_total/dout_oj = -target_oj / out_oj                (from E_total = -sum_j target_oj ln(out_oj))",
                        "  dout_oj/dnet_ok  = out_oj * ([j = k] - out_ok)         (the softmax Jacobian)",
                        "  delta_ok = sum_j dE_total/dout_oj * dout_oj/dnet_ok = sum_j -target_oj * ([j = k] - out_ok)",
                        "           = out_ok * (sum_j target_oj) - target_ok       (the 1/out_oj of the log cancels the out_oj of the Jacobian)",
                        "           = out_ok - target_ok                           when the targets sum to 1 (one-hot or probabilities).",
                    },
                    new[] { (TargetSum, new Formula(targetSum, $"{TargetSum} = {targetSum} (1 for one-hot targets)")) }
                        .Concat(outputs.Select(o => (Delta(o), new Formula(
                            OutputLayerRules.SoftmaxCrossEntropyDelta(Out(o), TargetSum, Target(o)),
                            $"{Delta(o)} = dE_total/d{Net(o)} = {Out(o)} * {TargetSum} - {Target(o)} (= {Out(o)} - {Target(o)} for one-hot targets)")))));
            }

            return (
                new[]
                {
                    "Backward, logistic outputs with binary cross-entropy. Why delta is so short:",
                    "  dE_total/dout_ok = -target_ok / out_ok + (1 - target_ok) / (1 - out_ok) = (out_ok - target_ok) / (out_ok (1 - out_ok))",
                    "  dout_ok/dnet_ok  = out_ok (1 - out_ok)                 (the logistic derivative)",
                    "  delta_ok = dE_total/dout_ok * dout_ok/dnet_ok = out_ok - target_ok   (the two out_ok (1 - out_ok) cancel).",
                },
                outputs.Select(o => (Delta(o), new Formula(OutputLayerRules.LogisticCrossEntropyDelta(Out(o), Target(o)), $"{Delta(o)} = dE_total/d{Net(o)} = {Out(o)} - {Target(o)}"))));
        }
    }
}

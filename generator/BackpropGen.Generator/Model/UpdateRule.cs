using System;
using System.Collections.Generic;
using System.Linq;

namespace BackpropGen.Generator.Model
{
    /// <summary>One statement of an update, with the formula it implements.</summary>
    internal readonly struct UpdateLine
    {
        public UpdateLine(string code, string maths)
        {
            Code = code;
            Maths = maths;
        }

        public string Code { get; }

        public string Maths { get; }
    }

    /// <summary>
    /// How a step changes a parameter given its gradient: plain SGD, or an optimizer's rule with its state. The statements
    /// are written on any expressions for the parameter, its gradient and its state, so the unrolled layout renders them
    /// per named parameter (m_w5, v_w5) and the loops layout over arrays, from this one definition. Each statement stands
    /// alone (no locals), so the split layout may cut between them.
    /// </summary>
    internal sealed class UpdateRule
    {
        /// <summary>The step count and the bias corrections, fields of the network (Adam and AdamW only).</summary>
        public const string Step = "_step", Correction1 = "_correction1", Correction2 = "_correction2";

        private readonly OptimizerDescription? _optimizer;
        private readonly NumericType _t;

        public UpdateRule(OptimizerDescription? optimizer, NumericType t)
        {
            _optimizer = optimizer;
            _t = t;
        }

        /// <summary>Moments per trained parameter: 0 (plain SGD, or SGD without momentum), 1 (SGD's momentum buffer), 2 (Adam's m and v).</summary>
        public int StatePerParameter => _optimizer switch
        {
            null => 0,
            { Kind: OptimizerKind.Sgd } sgd => sgd.Momentum > 0 ? 1 : 0,
            { Kind: OptimizerKind.Adam or OptimizerKind.AdamW } => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(_optimizer), _optimizer.Kind, "Unknown optimizer."),
        };

        /// <summary>Whether a step count is kept (Adam's bias corrections need it).</summary>
        public bool CountsSteps => _optimizer is { Kind: OptimizerKind.Adam or OptimizerKind.AdamW };

        /// <summary>Names of a parameter's moments: "buf_w5"; "m_w5", "v_w5".</summary>
        public IReadOnlyList<string> StateNames(string parameter) => StatePerParameter switch
        {
            0 => Array.Empty<string>(),
            1 => new[] { "buf_" + parameter },
            _ => new[] { "m_" + parameter, "v_" + parameter },
        };

        /// <summary>What the optimizer is, for comments: "plain SGD", "Adam (beta1 0.9, ...)".</summary>
        public string Describe() => _optimizer switch
        {
            null => "plain gradient descent: p+ = p - eta * dE_total/dp",
            { Kind: OptimizerKind.Sgd } o => $"SGD (torch.optim.SGD, dampening 0): momentum {NumericType.RoundTrip(o.Momentum)}, nesterov {(o.Nesterov ? "true" : "false")}, weight decay {NumericType.RoundTrip(o.WeightDecay)}",
            { Kind: OptimizerKind.Adam } o => $"Adam (torch.optim.Adam): beta1 {NumericType.RoundTrip(o.Beta1)}, beta2 {NumericType.RoundTrip(o.Beta2)}, epsilon {NumericType.RoundTrip(o.Epsilon)}, weight decay {NumericType.RoundTrip(o.WeightDecay)} (L2, added to the gradient)",
            { Kind: OptimizerKind.AdamW } o => $"AdamW (torch.optim.AdamW): beta1 {NumericType.RoundTrip(o.Beta1)}, beta2 {NumericType.RoundTrip(o.Beta2)}, epsilon {NumericType.RoundTrip(o.Epsilon)}, weight decay {NumericType.RoundTrip(o.WeightDecay)} (decoupled)",
            _ => throw new ArgumentOutOfRangeException(nameof(_optimizer), _optimizer.Kind, "Unknown optimizer."),
        };

        /// <summary>The class's helper for beta^t (Adam and AdamW only): see <see cref="PowerHelper"/>.</summary>
        public const string Power = "Power";

        /// <summary>
        /// The body of <c>static double Power(double x, int n)</c>, x^n for n &gt;= 0 by binary powering in double-double
        /// (Dekker's exact products, no fused multiply-add): within an ulp of the correctly rounded power for any step
        /// count, and the same bits on every machine, where System.Math.Pow is the C library's and varies.
        /// </summary>
        public static string[] PowerHelper() => new[]
        {
            "double hi = 1.0, lo = 0.0, xHi = x, xLo = 0.0;",
            "for (; n > 0; n >>= 1)",
            "{",
            "    if ((n & 1) != 0) Multiply(ref hi, ref lo, xHi, xLo);",
            "    Multiply(ref xHi, ref xLo, xHi, xLo);",
            "}",
            "",
            "return hi + lo;",
            "",
            "// (aHi + aLo) *= (bHi + bLo), keeping about 106 bits: aHi * bHi exactly as a sum of two doubles (Dekker), plus the cross terms.",
            "static void Multiply(ref double aHi, ref double aLo, double bHi, double bLo)",
            "{",
            "    double p = aHi * bHi;",
            "    double c = 134217729.0 * aHi, a1 = c - (c - aHi), a2 = aHi - a1;",
            "    double d = 134217729.0 * bHi, b1 = d - (d - bHi), b2 = bHi - b1;",
            "    double e = ((a1 * b1 - p) + a1 * b2 + a2 * b1) + a2 * b2;",
            "    e += aHi * bLo + aLo * bHi;",
            "    aHi = p + e;",
            "    aLo = e - (aHi - p);",
            "}",
        };

        /// <summary>Statements run once per step before the per-parameter ones: Adam counts the step and works out its bias corrections.</summary>
        public IEnumerable<UpdateLine> Prologue()
        {
            if (!CountsSteps)
            {
                yield break;
            }

            OptimizerDescription o = _optimizer!;
            yield return new UpdateLine($"{Step} += 1;", "t = t + 1 (the step count)");
            yield return new UpdateLine(
                $"{Correction1} = ({_t.Keyword})(1.0 - {Power}({NumericType.RoundTrip(o.Beta1)}, {Step}));",
                "bias correction 1 - beta1^t");
            yield return new UpdateLine(
                $"{Correction2} = ({_t.Keyword})(1.0 - {Power}({NumericType.RoundTrip(o.Beta2)}, {Step}));",
                "bias correction 1 - beta2^t");
        }

        /// <summary>
        /// SetOptimizerState's first statements: the step count from <c>source[0]</c> (it travels as a number of the
        /// network's type, a whole number by construction, so anything else is refused), then its bias corrections.
        /// </summary>
        public IEnumerable<UpdateLine> RestoreStep()
        {
            yield return new UpdateLine(
                $"if (!(source[0] >= 0 && source[0] <= int.MaxValue && source[0] == ({_t.Keyword})(int)source[0])) throw new global::System.ArgumentException(\"source[0] is the step count: a whole number of at least 0.\", nameof(source));",
                string.Empty);
            yield return new UpdateLine($"{Step} = (int)source[0];", string.Empty);
            foreach (UpdateLine line in Prologue().Skip(1))
            {
                yield return line;
            }
        }

        /// <summary>The statements that update one parameter.</summary>
        /// <param name="p">The parameter (field or array element).</param>
        /// <param name="g">Its gradient dE/dp.</param>
        /// <param name="state">Its moments, as <see cref="StateNames"/> lists them.</param>
        /// <param name="name">The parameter's name, for the formulas.</param>
        public IEnumerable<UpdateLine> Statements(string p, string g, IReadOnlyList<string> state, string name)
        {
            string lr = "learningRate";
            switch (_optimizer)
            {
                case null:
                    yield return new UpdateLine($"{p} -= {lr} * {g};", $"{name}+ = {name} - eta * dE_total/d{name}");
                    break;
                case { Kind: OptimizerKind.Sgd } sgd:
                {
                    (string gd, string gdMaths) = WithL2(g, p, sgd.WeightDecay, name);
                    if (sgd.Momentum <= 0)
                    {
                        yield return new UpdateLine($"{p} -= {lr} * ({gd});", $"{name}+ = {name} - eta * ({gdMaths})");
                        break;
                    }

                    string buf = state[0], mu = _t.Literal(sgd.Momentum);
                    yield return new UpdateLine($"{buf} = {mu} * {buf} + ({gd});", $"{buf} = momentum * {buf} + {gdMaths}");
                    yield return sgd.Nesterov
                        ? new UpdateLine($"{p} -= {lr} * (({gd}) + {mu} * {buf});", $"{name}+ = {name} - eta * ({gdMaths} + momentum * {buf}) (nesterov)")
                        : new UpdateLine($"{p} -= {lr} * {buf};", $"{name}+ = {name} - eta * {buf}");
                    break;
                }

                case { Kind: OptimizerKind.Adam or OptimizerKind.AdamW } adam:
                {
                    bool decoupled = adam.Kind == OptimizerKind.AdamW;
                    if (decoupled && adam.WeightDecay != 0)
                    {
                        yield return new UpdateLine($"{p} *= {_t.Literal(1)} - {lr} * {_t.Literal(adam.WeightDecay)};", $"{name} = {name} * (1 - eta * weightDecay) (decoupled weight decay)");
                    }

                    (string gd, string gdMaths) = decoupled ? (g, $"dE_total/d{name}") : WithL2(g, p, adam.WeightDecay, name);
                    string m = state[0], v = state[1];
                    yield return new UpdateLine($"{m} = {_t.Literal(adam.Beta1)} * {m} + {_t.Literal(1 - adam.Beta1)} * ({gd});", $"{m} = beta1 * {m} + (1 - beta1) * {gdMaths}");
                    yield return new UpdateLine($"{v} = {_t.Literal(adam.Beta2)} * {v} + {_t.Literal(1 - adam.Beta2)} * ({gd}) * ({gd});", $"{v} = beta2 * {v} + (1 - beta2) * ({gdMaths})^2");
                    yield return new UpdateLine(
                        $"{p} -= {lr} * ({m} / {Correction1}) / ({_t.Math}.Sqrt({v} / {Correction2}) + {_t.Literal(adam.Epsilon)});",
                        $"{name}+ = {name} - eta * m_hat / (sqrt(v_hat) + epsilon), m_hat = {m} / (1 - beta1^t), v_hat = {v} / (1 - beta2^t)");
                    break;
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(_optimizer), _optimizer.Kind, "Unknown optimizer.");
            }
        }

        /// <summary>The gradient with L2 weight decay added (sgd and adam): g + weightDecay * p.</summary>
        private (string Code, string Maths) WithL2(string g, string p, double weightDecay, string name) =>
            weightDecay == 0 ? (g, $"dE_total/d{name}") : ($"{g} + {_t.Literal(weightDecay)} * {p}", $"dE_total/d{name} + weightDecay * {name}");

    }
}

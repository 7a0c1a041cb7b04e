using System;
using System.Collections.Generic;
using System.Linq;

namespace BackpropGen.Generator.Model
{
    /// <summary>
    /// The JSON spelling of every kind, both ways, in one place: the parser, the messages and the export use it.
    /// <see cref="Name(ActivationKind)"/> and its overloads give the one canonical spelling; the TryParse methods also
    /// take the aliases (<c>sigmoid</c>, <c>linear</c>, <c>swish</c>). Every switch names every kind and throws on anything else,
    /// so a kind added to <see cref="ActivationKind"/> without a spelling fails the vocabulary tests.
    /// </summary>
    internal static class Vocabulary
    {
        /// <summary>Accepted spellings of activations, canonical ones first in enum order, then the aliases.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, ActivationKind>> Activations = Table(
            Names<ActivationKind>(Name),
            Pair("sigmoid", ActivationKind.Logistic),
            Pair("linear", ActivationKind.Identity),
            Pair("swish", ActivationKind.SiLU));

        public static readonly IReadOnlyList<KeyValuePair<string, LossKind>> Losses = Table(Names<LossKind>(Name));

        public static readonly IReadOnlyList<KeyValuePair<string, BiasKind>> Biases = Table(Names<BiasKind>(Name));

        public static readonly IReadOnlyList<KeyValuePair<string, NumericKind>> Numerics = Table(Names<NumericKind>(Name));

        public static readonly IReadOnlyList<KeyValuePair<string, CodegenKind>> Codegens = Table(Names<CodegenKind>(Name));

        public static readonly IReadOnlyList<KeyValuePair<string, OptimizerKind>> Optimizers = Table(Names<OptimizerKind>(Name));

        public static string Name(OptimizerKind kind) => kind switch
        {
            OptimizerKind.Sgd => "sgd",
            OptimizerKind.Adam => "adam",
            OptimizerKind.AdamW => "adamw",
            _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };

        /// <summary>The JSON spelling of an activation.</summary>
        public static string Name(ActivationKind kind) => kind switch
        {
            ActivationKind.Logistic => "logistic",
            ActivationKind.Tanh => "tanh",
            ActivationKind.ReLU => "relu",
            ActivationKind.LeakyReLU => "leaky_relu",
            ActivationKind.Identity => "identity",
            ActivationKind.Softplus => "softplus",
            ActivationKind.Softmax => "softmax",
            ActivationKind.SiLU => "silu",
            ActivationKind.ELU => "elu",
            _ => throw Unknown(kind),
        };

        /// <summary>The JSON spelling of a loss.</summary>
        public static string Name(LossKind kind) => kind switch
        {
            LossKind.HalfSquaredError => "half_squared_error",
            LossKind.MeanSquaredError => "mean_squared_error",
            LossKind.CrossEntropy => "cross_entropy",
            _ => throw Unknown(kind),
        };

        /// <summary>The JSON spelling of a bias mode.</summary>
        public static string Name(BiasKind kind) => kind switch
        {
            BiasKind.PerNeuron => "per_neuron",
            BiasKind.Shared => "shared",
            BiasKind.None => "none",
            _ => throw Unknown(kind),
        };

        /// <summary>The JSON spelling of a numeric type (also its C# keyword).</summary>
        public static string Name(NumericKind kind) => kind switch
        {
            NumericKind.Double => "double",
            NumericKind.Float => "float",
            _ => throw Unknown(kind),
        };

        /// <summary>The JSON spelling of a code layout.</summary>
        public static string Name(CodegenKind kind) => kind switch
        {
            CodegenKind.Auto => "auto",
            CodegenKind.Unrolled => "unrolled",
            CodegenKind.Loops => "loops",
            CodegenKind.Split => "split",
            _ => throw Unknown(kind),
        };

        public static bool TryParseActivation(string text, out ActivationKind kind) => TryParse(Activations, text, out kind);

        public static bool TryParseLoss(string text, out LossKind kind) => TryParse(Losses, text, out kind);

        public static bool TryParseBias(string text, out BiasKind kind) => TryParse(Biases, text, out kind);

        public static bool TryParseNumeric(string text, out NumericKind kind) => TryParse(Numerics, text, out kind);

        public static bool TryParseCodegen(string text, out CodegenKind kind) => TryParse(Codegens, text, out kind);

        /// <summary>Every accepted spelling of a table (aliases included), for messages and suggestions.</summary>
        public static IReadOnlyList<string> Spellings<T>(IReadOnlyList<KeyValuePair<string, T>> table) => table.Select(p => p.Key).ToList();

        /// <summary>"logistic (alias sigmoid), tanh, ...": what a message lists as expected.</summary>
        public static string Describe<T>(IReadOnlyList<KeyValuePair<string, T>> table)
            where T : struct, Enum
        {
            var parts = new List<string>();
            foreach (T kind in (T[])Enum.GetValues(typeof(T)))
            {
                string canonical = table.First(p => EqualityComparer<T>.Default.Equals(p.Value, kind)).Key;
                string[] aliases = table.Where(p => EqualityComparer<T>.Default.Equals(p.Value, kind) && p.Key != canonical).Select(p => p.Key).ToArray();
                parts.Add(aliases.Length == 0 ? canonical : canonical + " (alias " + string.Join(", ", aliases) + ")");
            }

            return string.Join(", ", parts);
        }

        private static bool TryParse<T>(IReadOnlyList<KeyValuePair<string, T>> table, string text, out T kind)
            where T : struct
        {
            foreach (KeyValuePair<string, T> pair in table)
            {
                if (string.Equals(pair.Key, text, StringComparison.Ordinal))
                {
                    kind = pair.Value;
                    return true;
                }
            }

            kind = default;
            return false;
        }

        private static IEnumerable<KeyValuePair<string, T>> Names<T>(Func<T, string> name)
            where T : struct, Enum =>
            ((T[])Enum.GetValues(typeof(T))).Select(kind => Pair(name(kind), kind));

        private static IReadOnlyList<KeyValuePair<string, T>> Table<T>(IEnumerable<KeyValuePair<string, T>> canonical, params KeyValuePair<string, T>[] aliases) =>
            canonical.Concat(aliases).ToArray();

        private static KeyValuePair<string, T> Pair<T>(string key, T value) => new KeyValuePair<string, T>(key, value);

        private static ArgumentOutOfRangeException Unknown<T>(T kind)
            where T : struct, Enum =>
            new ArgumentOutOfRangeException(nameof(kind), kind, typeof(T).Name + " " + kind + " has no JSON spelling; add it to Vocabulary");
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>The rules a description must meet, whichever form it came in.</summary>
    internal static class DescriptionValidator
    {
        /// <summary>Unrolled code grows with the parameter count; past this the build would take minutes, not seconds.</summary>
        public const long MaxParameters = 1_000_000;

        /// <summary>
        /// The generated code grows with the layer count too (a pass per layer), whatever the sizes: 100,000 layers of one
        /// neuron are only 200,000 parameters but hundreds of megabytes of C#.
        /// </summary>
        public const int MaxLayers = 1_000;

        /// <param name="d">The description; after an earlier mistake, with stand-ins for what could not be read.</param>
        /// <param name="at">Where each part was written.</param>
        /// <param name="earlierErrors">
        /// The front end already reported a mistake: check only what does not depend on the parts it could not read
        /// (no parameter counts, initial values or layout warnings), so that every independent mistake shows in one build.
        /// </param>
        public static List<DiagnosticInfo> Validate(NetworkDescription d, DescriptionLocations at, bool earlierErrors = false)
        {
            var errors = new List<DiagnosticInfo>();
            if (d.Inputs < 1)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, at.Inputs ?? at.Whole, at.FromAttributes ? "Inputs" : "\"inputs\"", "at least 1", d.Inputs));
            }

            if (d.Layers.Count == 0)
            {
                errors.Add(NoLayers(at, at.Whole));
                return errors;
            }

            if (d.Layers.Count > MaxLayers)
            {
                errors.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.OutOfRange,
                    DescriptionLocations.At(at.Layers, MaxLayers) ?? at.Whole,
                    "The number of layers",
                    $"at most {MaxLayers}",
                    d.Layers.Count.ToString(CultureInfo.InvariantCulture) + "; use fewer, wider layers, so that the generated code stays buildable"));
                return errors;
            }

            for (int i = 0; i < d.Layers.Count; i++)
            {
                LayerDescription layer = d.Layers[i];
                if (layer.Size < 1)
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, DescriptionLocations.At(at.LayerSizes, i) ?? at.Whole, at.FromAttributes ? $"The size of [Layer] {i + 1}" : $"\"layers[{i}].size\"", "at least 1", layer.Size));
                }

                if (!IsFinite(layer.Alpha, d.Numeric))
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, DescriptionLocations.At(at.LayerAlphas, i) ?? at.Whole, at.FromAttributes ? $"The Alpha of [Layer] {i + 1}" : $"\"layers[{i}].alpha\"", FiniteIn(d.Numeric, at), layer.Alpha));
                }

                if (DescriptionLocations.At(at.GivenAlphas, i) is { } alphaAt && !ActivationRules.UsesAlpha(layer.Activation))
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlphaIgnored, alphaAt, LayerName(at, i), ActivationName(layer.Activation, at), AlphaActivations(at)));
                }

                if (layer.Activation == ActivationKind.Softmax && i != d.Layers.Count - 1)
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotOnOutput, DescriptionLocations.At(at.LayerActivations, i) ?? at.Whole, LayerName(at, i), LayerName(at, d.Layers.Count - 1)));
                }
            }

            if (!d.Frozen)
            {
                // The loss is training-only: a frozen network accepts and ignores it.
                CheckLoss(d, at, errors);
            }

            if (!errors.Any(e => e.IsError) && !earlierErrors)
            {
                CheckSizeAndInitialValues(d, at, errors);
            }

            // Warnings: the description works, but not as its author likely meant.
            if (!errors.Any(e => e.IsError) && !earlierErrors)
            {
                WarnAboutSharedSoftmaxBias(d, at, errors);
                WarnAboutOversizedUnrolledCode(d, at, errors);
            }

            return errors;
        }

        private static void WarnAboutSharedSoftmaxBias(NetworkDescription d, DescriptionLocations at, List<DiagnosticInfo> diagnostics)
        {
            int output = d.Layers.Count - 1;
            if (d.Layers[output].Activation == ActivationKind.Softmax && d.Layers[output].Bias == BiasKind.Shared && !d.Frozen)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SharedBiasOnSoftmax, DescriptionLocations.At(at.Layers, output) ?? at.Whole, LayerName(at, output)));
            }
        }

        /// <summary>Only when the unrolled layout is forced: "auto" never picks it past CodeLayout's thresholds.</summary>
        private static void WarnAboutOversizedUnrolledCode(NetworkDescription d, DescriptionLocations at, List<DiagnosticInfo> diagnostics)
        {
            if (d.Codegen != CodegenKind.Unrolled || d.Frozen)
            {
                return;
            }

            int locals = NetworkCounts.Of(d).UnrolledLocals;
            if (locals > Emit.CodeLayout.JitMaxOptimizedLocals)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnrolledTooLargeToOptimize,
                    at.Codegen ?? at.Whole,
                    locals,
                    at.FromAttributes ? "Codegen.Split" : "\"codegen\": \"split\"",
                    at.FromAttributes ? "Codegen.Auto" : "\"auto\""));
            }
        }

        /// <summary>BPG019, worded for the form the description came in.</summary>
        public static DiagnosticInfo NoLayers(DescriptionLocations at, LocationInfo? location) =>
            DiagnosticInfo.Create(
                DiagnosticDescriptors.NoLayers,
                location,
                at.FromAttributes
                    ? "The network has no layers: add at least one [Layer(size, activation)] attribute to the class; the last one is the output layer"
                    : "The network has no layers: \"layers\" must list at least one layer object, such as { \"size\": 2, \"activation\": \"logistic\" }; the last one is the output layer");

        private static string ActivationName(ActivationKind kind, DescriptionLocations at) =>
            at.FromAttributes ? "Activation." + kind.ToString() : Vocabulary.Name(kind);

        /// <summary>"leaky_relu" (or "Activation.LeakyReLU"): every activation that reads alpha.</summary>
        private static string AlphaActivations(DescriptionLocations at) =>
            string.Join(" and ", ((ActivationKind[])System.Enum.GetValues(typeof(ActivationKind))).Where(ActivationRules.UsesAlpha).Select(kind => ActivationName(kind, at)));

        private static string LayerName(DescriptionLocations at, int index) =>
            at.FromAttributes ? "[Layer] " + (index + 1).ToString(CultureInfo.InvariantCulture) : "layers[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        private static void CheckLoss(NetworkDescription d, DescriptionLocations at, List<DiagnosticInfo> errors)
        {
            if (d.Loss != LossKind.CrossEntropy)
            {
                return;
            }

            ActivationKind output = d.Layers[d.Layers.Count - 1].Activation;
            if (!LossRules.CollapsesWithOutput(d.Loss, output))
            {
                errors.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.CrossEntropyActivation,
                    at.Loss ?? at.Whole,
                    at.FromAttributes ? "LossFunction.CrossEntropy" : "cross_entropy",
                    at.FromAttributes ? "Activation." + output.ToString() : ActivationRules.Name(output)));
            }
        }

        private static void CheckSizeAndInitialValues(NetworkDescription d, DescriptionLocations at, List<DiagnosticInfo> errors)
        {
            // Sizes go up to int.MaxValue, so a product is up to 2^62: stop adding as soon as the limit is passed,
            // or a few such layers would overflow the sum.
            long weights = 0, biases = 0, fanIn = d.Inputs;
            foreach (LayerDescription layer in d.Layers)
            {
                weights += fanIn * layer.Size;
                biases += NetworkCounts.BiasCount(layer);
                fanIn = layer.Size;
                if (weights + biases > MaxParameters)
                {
                    errors.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.OutOfRange,
                        at.Whole,
                        "The number of parameters (weights and biases)",
                        $"at most {MaxParameters}",
                        Total(d) + "; use fewer inputs or smaller layers, so that the generated code stays buildable"));
                    return;
                }
            }

            if (d.Frozen && (d.InitialWeights is null || (d.InitialBiases is null && biases > 0)))
            {
                string missing = d.InitialWeights is null && d.InitialBiases is null && biases > 0 ? "initial weights and biases are"
                    : d.InitialWeights is null ? "initial weights are" : "initial biases are";
                string all = at.FromAttributes
                    ? $"all {Count(weights, "weight")} in [InitialWeights(...)]" + (biases > 0 ? $" and {Count(biases, "bias")} in [InitialBiases(...)]" : string.Empty)
                    : $"all {Count(weights, "weight")}" + (biases > 0 ? $" and {Count(biases, "bias")}" : string.Empty) + " under \"initial\"";
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenNeedsInitialValues, at.Frozen ?? at.Whole, missing, all));
            }

            CheckInitial(d.InitialWeights, d.Numeric, (int)weights, "weight", () => WeightOrder(d), QuantityNames.Weight, at.InitialWeights, at.InitialWeightItems, at, errors);
            List<string>? biasNames = null;
            CheckInitial(d.InitialBiases, d.Numeric, (int)biases, "bias", () => BiasOrder(biasNames ??= BiasNames(d), at), i => (biasNames ??= BiasNames(d))[i], at.InitialBiases, at.InitialBiasItems, at, errors);
        }

        /// <summary>The exact parameter count as text, also when it does not fit a long (many layers of int.MaxValue neurons).</summary>
        private static string Total(NetworkDescription d)
        {
            System.Numerics.BigInteger total = 0, fanIn = d.Inputs;
            foreach (LayerDescription layer in d.Layers)
            {
                total += (fanIn * layer.Size) + NetworkCounts.BiasCount(layer);
                fanIn = layer.Size;
            }

            return total.ToString(CultureInfo.InvariantCulture);
        }

        private static void CheckInitial(
            EquatableArray<double>? values,
            NumericKind numeric,
            int expected,
            string what,
            System.Func<string> order,
            System.Func<int, string> parameterName,
            LocationInfo? arrayLocation,
            List<LocationInfo?> itemLocations,
            DescriptionLocations at,
            List<DiagnosticInfo> errors)
        {
            if (values is not EquatableArray<double> given)
            {
                return;
            }

            if (given.Count != expected)
            {
                errors.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.WrongInitialValueCount,
                    arrayLocation ?? at.Whole,
                    Count(expected, what),
                    given.Count == 1 ? "1 initial value is" : given.Count.ToString(CultureInfo.InvariantCulture) + " initial values are",
                    order()));
            }

            for (int i = 0; i < given.Count; i++)
            {
                if (!IsFinite(given[i], numeric))
                {
                    string name = i < expected ? parameterName(i) : "value " + (i + 1).ToString(CultureInfo.InvariantCulture);
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonFiniteInitialValue, DescriptionLocations.At(itemLocations, i) ?? arrayLocation ?? at.Whole, what, name, given[i], FiniteIn(numeric, at).Substring("a finite ".Length)));
                }
            }
        }

        /// <summary>Finite in the generated code's type: 1e39 is a finite double but an infinite float, and would not compile as a literal.</summary>
        private static bool IsFinite(double value, NumericKind numeric) =>
            !double.IsNaN(value) && !double.IsInfinity(value) && (numeric != NumericKind.Float || !float.IsInfinity((float)value));

        private static string FiniteIn(NumericKind numeric, DescriptionLocations at) =>
            numeric != NumericKind.Float
                ? "a finite number"
                : "a finite float (" + (at.FromAttributes ? "Numeric = Numeric.Float" : "\"numeric\": \"float\"") + "), at most 3.4028235E+38 in magnitude";

        private static string Count(long count, string singular) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : singular == "bias" ? "biases" : singular + "s");

        private static string WeightOrder(NetworkDescription d)
        {
            int count = NetworkCounts.CountWeights(d.Inputs, d.Layers);
            return (count == 1 ? "w1" : $"w1..w{count}") + " (layer by layer from the input side; within a layer neuron by neuron; within a neuron input by input)";
        }

        private static List<string> BiasNames(NetworkDescription d)
        {
            NetworkModel model = NetworkModel.Build(d with { InitialWeights = null, InitialBiases = null });
            return model.Parameters.Where(p => p.IsBias).Select(p => p.Name).ToList();
        }

        private static string BiasOrder(List<string> names, DescriptionLocations at)
        {
            if (names.Count == 0)
            {
                return at.FromAttributes
                    ? "none (every layer has Bias = BiasMode.None), so remove [InitialBiases]"
                    : "none (every layer has \"bias\": \"none\"), so omit \"biases\"";
            }

            string list = names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(6)) + ", ..., " + names[names.Count - 1];
            return list + " (layer by layer; one per layer for a shared bias, one per neuron otherwise)";
        }
    }
}

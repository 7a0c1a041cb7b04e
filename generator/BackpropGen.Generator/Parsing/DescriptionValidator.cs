using System.Collections.Generic;
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

        public static List<DiagnosticInfo> Validate(NetworkDescription d, DescriptionLocations at)
        {
            var errors = new List<DiagnosticInfo>();
            if (d.Inputs < 1)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, at.Inputs ?? at.Whole, at.InputsName, "at least 1", d.Inputs));
            }

            if (d.Layers.Count == 0)
            {
                errors.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NoLayers,
                    at.Whole,
                    $"The network has no layers: {at.LayersName} must list at least one layer, the last being the output layer"));
                return errors;
            }

            for (int i = 0; i < d.Layers.Count; i++)
            {
                LayerDescription layer = d.Layers[i];
                if (layer.Size < 1)
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, DescriptionLocations.At(at.LayerSizes, i) ?? at.Whole, at.LayerSizeName(i), "at least 1", layer.Size));
                }

                if (double.IsNaN(layer.Alpha) || double.IsInfinity(layer.Alpha))
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, DescriptionLocations.At(at.LayerAlphas, i) ?? at.Whole, at.LayerAlphaName(i), "a finite number", layer.Alpha));
                }

                if (layer.Activation == ActivationKind.Softmax && i != d.Layers.Count - 1)
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotOnOutput, DescriptionLocations.At(at.LayerActivations, i) ?? at.Whole, i + 1, d.Layers.Count));
                }
            }

            if (!d.Frozen)
            {
                // The loss is training-only: a frozen network accepts and ignores it.
                CheckLoss(d, at, errors);
            }

            if (errors.Count == 0)
            {
                CheckSizeAndInitialValues(d, at, errors);
            }

            return errors;
        }

        private static void CheckLoss(NetworkDescription d, DescriptionLocations at, List<DiagnosticInfo> errors)
        {
            if (d.Loss != LossKind.CrossEntropy)
            {
                return;
            }

            ActivationKind output = d.Layers[d.Layers.Count - 1].Activation;
            if (!LossRules.CollapsesWithOutput(d.Loss, output))
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyActivation, at.Loss ?? at.Whole, ActivationRules.Name(output)));
            }
        }

        private static void CheckSizeAndInitialValues(NetworkDescription d, DescriptionLocations at, List<DiagnosticInfo> errors)
        {
            long weights = 0, biases = 0, fanIn = d.Inputs;
            foreach (LayerDescription layer in d.Layers)
            {
                weights += fanIn * layer.Size;
                biases += layer.Bias == BiasKind.Shared ? 1 : layer.Bias == BiasKind.PerNeuron ? layer.Size : 0;
                fanIn = layer.Size;
            }

            if (weights + biases > MaxParameters)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, at.Whole, "The number of parameters", $"at most {MaxParameters}", weights + biases));
                return;
            }

            if (d.Frozen && (d.InitialWeights is null || (d.InitialBiases is null && biases > 0)))
            {
                string missing = d.InitialWeights is null && d.InitialBiases is null && biases > 0 ? "initial weights and biases"
                    : d.InitialWeights is null ? "initial weights" : "initial biases";
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenNeedsInitialValues, at.Frozen ?? at.Whole, missing, weights, biases));
            }

            CheckInitial(d.InitialWeights, (int)weights, "weights", WeightOrder(d), at.InitialWeights, at.InitialWeightItems, at, errors);
            CheckInitial(d.InitialBiases, (int)biases, "biases", BiasOrder(d), at.InitialBiases, at.InitialBiasItems, at, errors);
        }

        private static void CheckInitial(EquatableArray<double>? values, int expected, string what, string order, LocationInfo? arrayLocation, List<LocationInfo?> itemLocations, DescriptionLocations at, List<DiagnosticInfo> errors)
        {
            if (values is not EquatableArray<double> given)
            {
                return;
            }

            if (given.Count != expected)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongInitialValueCount, arrayLocation ?? at.Whole, expected, what, given.Count, order));
            }

            for (int i = 0; i < given.Count; i++)
            {
                if (double.IsNaN(given[i]) || double.IsInfinity(given[i]))
                {
                    string name = i < expected ? (what == "weights" ? "w" + (i + 1) : "bias " + (i + 1)) : "value " + (i + 1);
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonFiniteInitialValue, DescriptionLocations.At(itemLocations, i) ?? arrayLocation ?? at.Whole, what.TrimEnd('s'), name, given[i]));
                }
            }
        }

        private static string WeightOrder(NetworkDescription d)
        {
            int count = NetworkModel.CountWeights(d.Inputs, d.Layers);
            return (count == 1 ? "w1" : $"w1..w{count}") + " (layer by layer from the input side; within a layer neuron by neuron; within a neuron input by input)";
        }

        private static string BiasOrder(NetworkDescription d)
        {
            NetworkModel model = NetworkModel.Build(d with { InitialWeights = null, InitialBiases = null });
            var names = model.Parameters.Where(p => p.IsBias).Select(p => p.Name).ToList();
            if (names.Count == 0)
            {
                return "none (every layer has bias \"none\"), so omit the biases";
            }

            string list = names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(6)) + ", ..., " + names[names.Count - 1];
            return list + " (layer by layer; one per layer for a shared bias, one per neuron otherwise)";
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>Where each setting of an optimizer was written (a JSON value or an attribute argument), for diagnostics.</summary>
    internal sealed class OptimizerLocations
    {
        public OptimizerLocations(bool fromAttributes, LocationInfo? whole)
        {
            FromAttributes = fromAttributes;
            Whole = whole;
        }

        public bool FromAttributes { get; }

        public LocationInfo? Whole { get; }

        public Dictionary<string, LocationInfo?> Settings { get; } = new Dictionary<string, LocationInfo?>(System.StringComparer.Ordinal);

        public LocationInfo? Of(string jsonKey) => Settings.TryGetValue(jsonKey, out LocationInfo? at) ? at ?? Whole : Whole;

        /// <summary>"\"optimizer.momentum\"" or "Momentum of [Optimizer]".</summary>
        public string Name(string jsonKey) => FromAttributes
            ? char.ToUpperInvariant(jsonKey[0]) + jsonKey.Substring(1) + " of [Optimizer]"
            : "\"optimizer." + jsonKey + "\"";
    }

    /// <summary>The settings each optimizer takes, PyTorch's defaults, and the checks of their values (one place for JSON and attributes).</summary>
    internal static class OptimizerRules
    {
        /// <summary>The description with the settings not given taken from PyTorch's defaults.</summary>
        public static OptimizerDescription WithDefaults(OptimizerKind kind, double? momentum, bool? nesterov, double? beta1, double? beta2, double? epsilon, double? weightDecay) =>
            new OptimizerDescription(
                kind,
                momentum ?? 0,
                nesterov ?? false,
                beta1 ?? OptimizerDescription.DefaultBeta1,
                beta2 ?? OptimizerDescription.DefaultBeta2,
                epsilon ?? OptimizerDescription.DefaultEpsilon,
                weightDecay ?? OptimizerDescription.DefaultWeightDecay(kind));

        /// <summary>Bad hyper-parameters: negative or non-finite momentum, weight decay or epsilon, epsilon 0, betas outside [0, 1), nesterov without momentum.</summary>
        public static void Validate(OptimizerDescription o, OptimizerLocations at, List<DiagnosticInfo> diagnostics)
        {
            if (o.Kind == OptimizerKind.Sgd)
            {
                AtLeastZero(o.Momentum, "momentum", at, diagnostics);
                if (o.Nesterov && !(o.Momentum > 0))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.NesterovWithoutMomentum,
                        at.Of("nesterov"),
                        at.FromAttributes ? "set Momentum (for example Momentum = 0.9) or remove Nesterov = true" : "add \"momentum\" (for example \"momentum\": 0.9) or remove \"nesterov\": true"));
                }
            }
            else
            {
                Beta(o.Beta1, "beta1", at, diagnostics);
                Beta(o.Beta2, "beta2", at, diagnostics);
                if (!(o.Epsilon > 0 && !double.IsInfinity(o.Epsilon)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, at.Of("epsilon"), at.Name("epsilon"), "a finite number above 0 (PyTorch's default is 1e-8)", NumericType.RoundTrip(o.Epsilon)));
                }
            }

            AtLeastZero(o.WeightDecay, "weightDecay", at, diagnostics);
        }

        private static void AtLeastZero(double value, string key, OptimizerLocations at, List<DiagnosticInfo> diagnostics)
        {
            if (!(value >= 0 && !double.IsInfinity(value)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, at.Of(key), at.Name(key), "a finite number of at least 0", NumericType.RoundTrip(value)));
            }
        }

        private static void Beta(double value, string key, OptimizerLocations at, List<DiagnosticInfo> diagnostics)
        {
            if (!(value >= 0 && value < 1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, at.Of(key), at.Name(key), "at least 0 and less than 1", NumericType.RoundTrip(value)));
            }
        }

    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>[Optimizer(kind, ...)]: the twin of the JSON "optimizer" object.</summary>
    internal static partial class AttributeDescriptionParser
    {
        private static readonly string[] OptimizerProperties = { "Momentum", "Nesterov", "Beta1", "Beta2", "Epsilon", "WeightDecay" };

        private static OptimizerDescription? ReadOptimizer(AttributeData? attribute, LocationInfo? fallback, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            if (attribute is null)
            {
                return null;
            }

            AttributeSyntax? syntax = NetworkRequestReader.Syntax(attribute, cancellationToken);
            LocationInfo? whole = LocationInfo.From(syntax?.GetLocation()) ?? fallback;
            int before = diagnostics.Count;
            OptimizerKind kind = EnumValue(attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value : null, OptimizerKind.Sgd, "optimizer", "OptimizerKind", Positional(syntax, 0) ?? whole, diagnostics);
            string[] allowed = OptimizerDescription.Keys(kind).Select(Capitalised).ToArray();
            foreach (string property in OptimizerProperties.Where(p => NamedValue(attribute, p) is not null && !allowed.Contains(p)))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnknownKey,
                    Named(syntax, property) ?? whole,
                    property,
                    $"[Optimizer(OptimizerKind.{kind})]",
                    $"OptimizerKind.{kind} takes " + string.Join(", ", allowed)));
            }

            var at = new OptimizerLocations(fromAttributes: true, whole);
            foreach (string property in OptimizerProperties)
            {
                at.Settings[Uncapitalised(property)] = Named(syntax, property);
            }

            double? Number(string property) => NamedValue(attribute, property) is double value ? value : null;
            OptimizerDescription optimizer = OptimizerRules.WithDefaults(
                kind, Number("Momentum"), NamedValue(attribute, "Nesterov") as bool?, Number("Beta1"), Number("Beta2"), Number("Epsilon"), Number("WeightDecay"));
            if (diagnostics.Count == before)
            {
                OptimizerRules.Validate(optimizer, at, diagnostics);
            }

            return optimizer;
        }

        private static string Capitalised(string key) => char.ToUpperInvariant(key[0]) + key.Substring(1);

        private static string Uncapitalised(string property) => char.ToLowerInvariant(property[0]) + property.Substring(1);
    }
}

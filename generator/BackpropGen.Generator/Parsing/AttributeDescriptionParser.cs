using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>[Network], [Layer], [InitialWeights], [InitialBiases] (SPEC 2b) to a <see cref="NetworkDescription"/>.</summary>
    internal static partial class AttributeDescriptionParser
    {
        public static NetworkDescription? Parse(
            AttributeData network,
            LocationInfo? networkLocation,
            ImmutableArray<AttributeData> all,
            string className,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            int errorsBefore = diagnostics.Count;
            var at = new DescriptionLocations(fromAttributes: true, networkLocation);
            AttributeSyntax? networkSyntax = NetworkRequestReader.Syntax(network, cancellationToken);
            at.Inputs = Named(networkSyntax, "Inputs") ?? networkLocation;
            at.Loss = Named(networkSyntax, "Loss") ?? networkLocation;
            at.Frozen = Named(networkSyntax, "Frozen") ?? networkLocation;
            at.Codegen = Named(networkSyntax, "Codegen") ?? networkLocation;

            var layers = new List<LayerDescription>();
            foreach (AttributeData layer in all.Where(a => NetworkRequestReader.Is(a, TypeNames.LayerAttribute)))
            {
                AttributeSyntax? syntax = NetworkRequestReader.Syntax(layer, cancellationToken);
                LocationInfo? whole = LocationInfo.From(syntax?.GetLocation()) ?? networkLocation;
                at.Layers.Add(whole);
                at.LayerSizes.Add(Positional(syntax, 0) ?? whole);
                at.LayerActivations.Add(Positional(syntax, 1) ?? whole);
                at.LayerAlphas.Add(Named(syntax, "Alpha") ?? whole);
                // Not for an unknown activation value: that is reported on its own, and its stand-in would not mean anything.
                bool knownActivation = layer.ConstructorArguments.Length > 1 && layer.ConstructorArguments[1].Value is int activationValue
                    && activationValue >= 0 && activationValue < System.Enum.GetValues(typeof(ActivationKind)).Length;
                at.GivenAlphas.Add(NamedValue(layer, "Alpha") is double && knownActivation ? Named(syntax, "Alpha") ?? whole : null);
                int index = layers.Count;
                ActivationKind activation = EnumValue(layer.ConstructorArguments.Length > 1 ? layer.ConstructorArguments[1].Value : null, ActivationKind.Logistic, "activation", "Activation", at.LayerActivations[index], diagnostics);
                layers.Add(new LayerDescription(
                    layer.ConstructorArguments.Length > 0 && layer.ConstructorArguments[0].Value is int size ? size : 0,
                    activation,
                    EnumValue(NamedValue(layer, "Bias"), BiasKind.PerNeuron, "bias mode", "BiasMode", Named(syntax, "Bias") ?? whole, diagnostics),
                    NamedValue(layer, "Alpha") is double alpha ? alpha : LayerDescription.DefaultAlpha(activation)));
            }

            if (NamedValue(network, "Inputs") is not int)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingKey, networkLocation, "property Inputs", "[Network]", "[Network(Inputs = 2)]"));
            }

            int seed = NamedValue(network, "Seed") is int s ? s : 0;
            if (seed < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, Named(networkSyntax, "Seed") ?? networkLocation, "Seed", "between 0 and 2147483647", seed));
            }

            var description = new NetworkDescription(
                // Missing Inputs is reported above; 1 keeps the rules below from reporting it again.
                NamedValue(network, "Inputs") is int inputs ? inputs : 1,
                layers.ToEquatableArray(),
                EnumValue(NamedValue(network, "Loss"), LossKind.HalfSquaredError, "loss", "LossFunction", at.Loss, diagnostics),
                EnumValue(NamedValue(network, "Numeric"), NumericKind.Double, "numeric type", "Numeric", Named(networkSyntax, "Numeric") ?? networkLocation, diagnostics),
                NamedValue(network, "TrainBiases") is not bool trainBiases || trainBiases,
                seed,
                NamedValue(network, "Frozen") is bool frozen && frozen,
                EnumValue(NamedValue(network, "Codegen"), CodegenKind.Auto, "code layout", "Codegen", at.Codegen, diagnostics),
                InitialValues(all, TypeNames.InitialWeightsAttribute, at.InitialWeightItems, out LocationInfo? weightsAt, networkLocation, className, diagnostics, cancellationToken),
                InitialValues(all, TypeNames.InitialBiasesAttribute, at.InitialBiasItems, out LocationInfo? biasesAt, networkLocation, className, diagnostics, cancellationToken));
            at.InitialWeights = weightsAt;
            at.InitialBiases = biasesAt;
            description = description with
            {
                Optimizer = ReadOptimizer(all.FirstOrDefault(a => NetworkRequestReader.Is(a, TypeNames.OptimizerAttribute)), networkLocation, diagnostics, cancellationToken),
            };

            // Every independent mistake in one build: the rules still run after a mistake above (a missing Inputs, an
            // unknown enum value), and skip only what depends on it (counts of initial values).
            bool earlierErrors = diagnostics.Count > errorsBefore;
            List<DiagnosticInfo> rules = DescriptionValidator.Validate(description, at, earlierErrors);
            diagnostics.AddRange(rules);
            if (earlierErrors)
            {
                return null;
            }

            return rules.Any(r => r.IsError) ? null : description;
        }

        private static EquatableArray<double>? InitialValues(
            ImmutableArray<AttributeData> all,
            string attributeName,
            List<LocationInfo?> itemLocations,
            out LocationInfo? location,
            LocationInfo? fallback,
            string className,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            location = null;
            var matching = all.Where(a => NetworkRequestReader.Is(a, attributeName)).ToList();
            if (matching.Count == 0)
            {
                return null;
            }

            AttributeSyntax? syntax = NetworkRequestReader.Syntax(matching[0], cancellationToken);
            location = LocationInfo.From(syntax?.GetLocation()) ?? fallback;
            if (matching.Count > 1)
            {
                string shortName = attributeName.Substring("BackpropGen.".Length, attributeName.Length - "BackpropGen.".Length - "Attribute".Length);
                LocationInfo? second = LocationInfo.From(NetworkRequestReader.Syntax(matching[1], cancellationToken)?.GetLocation()) ?? location;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, second, shortName, matching.Count, className));
            }

            TypedConstant argument = matching[0].ConstructorArguments.FirstOrDefault();
            ImmutableArray<TypedConstant> values = argument.Kind == TypedConstantKind.Array && !argument.IsNull ? argument.Values : ImmutableArray<TypedConstant>.Empty;
            int positional = syntax?.ArgumentList?.Arguments.Count ?? 0;
            for (int i = 0; i < values.Length; i++)
            {
                // params: one argument per value; an explicit array: point at the attribute.
                itemLocations.Add(positional == values.Length ? Positional(syntax, i) : location);
            }

            // The parameter is double[], so every value is a double; anything else (only possible in broken code) reads as NaN and is reported.
            return values.Select(v => v.Value is double d ? d : double.NaN).ToEquatableArray();
        }

        private static T EnumValue<T>(object? value, T defaultValue, string what, string enumName, LocationInfo? location, List<DiagnosticInfo> diagnostics)
            where T : struct, System.Enum
        {
            if (value is not int number)
            {
                return defaultValue;
            }

            T[] all = (T[])System.Enum.GetValues(typeof(T));
            if (number >= 0 && number < all.Length)
            {
                return all[number];
            }

            string written = "(" + enumName + ")" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownValue, location, what, written, "expected one of: " + string.Join(", ", all.Select(a => enumName + "." + a.ToString()))));
            return defaultValue;
        }

        private static object? NamedValue(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name) is { Key: not null } pair ? pair.Value.Value : null;

        private static LocationInfo? Named(AttributeSyntax? syntax, string name) =>
            LocationInfo.From(syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation());

        private static LocationInfo? Positional(AttributeSyntax? syntax, int index)
        {
            var positional = syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList();
            return positional is not null && index < positional.Count ? LocationInfo.From(positional[index].GetLocation()) : null;
        }
    }
}

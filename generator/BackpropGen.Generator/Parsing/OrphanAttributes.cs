using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>[Layer], [InitialWeights], [InitialBiases] or [Optimizer] on a class without [Network]: nothing reads them, so say so (BPG027).</summary>
    internal static class OrphanAttributes
    {
        public static EquatableArray<DiagnosticInfo> Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || context.Attributes.IsDefaultOrEmpty
                || type.GetAttributes().Any(a => NetworkRequestReader.Is(a, TypeNames.NetworkAttribute)))
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            // One warning per attribute kind and declaration, at its first use: ten [Layer]s are one mistake.
            AttributeData first = context.Attributes[0];
            string name = first.AttributeClass?.Name ?? "Layer";
            if (name.EndsWith("Attribute", System.StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Attribute".Length);
            }

            LocationInfo? location = LocationInfo.From(NetworkRequestReader.Syntax(first, cancellationToken)?.GetLocation())
                ?? LocationInfo.From(type.Locations.FirstOrDefault());
            return new List<DiagnosticInfo> { DiagnosticInfo.Create(DiagnosticDescriptors.AttributeWithoutNetwork, location, name, type.Name) }.ToEquatableArray();
        }
    }
}

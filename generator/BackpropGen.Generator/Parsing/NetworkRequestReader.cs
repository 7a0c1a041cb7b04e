using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>Reads a [Network] class into a <see cref="NetworkRequest"/>: the class's shape, then which form describes it.</summary>
    internal static class NetworkRequestReader
    {
        public static NetworkRequest? Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax declaration)
            {
                return null;
            }

            // A broken attribute is the compiler's to report; anything we said would only bury its message.
            if (context.Attributes.Any(a => a.AttributeClass is null or IErrorTypeSymbol || a.ConstructorArguments.Any(c => c.Kind == TypedConstantKind.Error)))
            {
                return null;
            }

            var diagnostics = new List<DiagnosticInfo>();
            TargetClass target = ReadTarget(type, declaration, diagnostics);
            bool canHoldMembers = diagnostics.Count == 0;
            LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
            if (context.Attributes.Length > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TwoNetworks, LocationInfo.From(Syntax(context.Attributes[1], cancellationToken)?.GetLocation()) ?? classLocation, target.DisplayName, context.Attributes.Length));
            }

            AttributeData network = context.Attributes[0];
            AttributeSyntax? networkSyntax = Syntax(network, cancellationToken);
            LocationInfo? networkLocation = LocationInfo.From(networkSyntax?.GetLocation()) ?? classLocation;
            ImmutableArray<AttributeData> all = type.GetAttributes();
            bool hasLayers = all.Any(a => Is(a, TypeNames.LayerAttribute) || Is(a, TypeNames.InitialWeightsAttribute) || Is(a, TypeNames.InitialBiasesAttribute));

            if (network.ConstructorArguments.Length == 1)
            {
                string path = network.ConstructorArguments[0].Value as string ?? string.Empty;
                LocationInfo? pathLocation = LocationInfo.From(networkSyntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation()) ?? networkLocation;
                if (hasLayers)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.JsonAndAttributeLayers, networkLocation, target.DisplayName));
                }

                return new NetworkRequest(target, path, pathLocation, null, NumericKind.Double, canHoldMembers, diagnostics.ToEquatableArray());
            }

            NetworkDescription? description = AttributeDescriptionParser.Parse(network, networkLocation, all, diagnostics, cancellationToken);
            NumericKind numeric = network.NamedArguments.Any(a => a.Key == "Numeric" && a.Value.Value is 1) ? NumericKind.Float : NumericKind.Double;
            return new NetworkRequest(target, null, null, description, numeric, canHoldMembers, diagnostics.ToEquatableArray());
        }

        public static bool Is(AttributeData attribute, string metadataName) =>
            attribute.AttributeClass?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;

        public static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        private static TargetClass ReadTarget(INamedTypeSymbol type, ClassDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
        {
            LocationInfo? name = LocationInfo.From(declaration.Identifier.GetLocation());
            var containing = new List<ContainingType>();
            for (SyntaxNode? node = declaration.Parent; node is TypeDeclarationSyntax parent; node = node.Parent)
            {
                string typeParameters = parent.TypeParameterList is null
                    ? string.Empty
                    : "<" + string.Join(", ", parent.TypeParameterList.Parameters.Select(p => p.Identifier.ValueText)) + ">";
                containing.Insert(0, new ContainingType(Keyword(parent), parent.Identifier.ValueText, typeParameters));
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(parent.Identifier.GetLocation()), parent.Identifier.ValueText, type.Name));
                }
            }

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, name, type.Name));
            }

            if (declaration.TypeParameterList is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, name, type.Name));
            }

            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            return new TargetClass(ns, type.Name, containing.ToEquatableArray());
        }

        private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax _ => "record",
            _ => declaration.Keyword.ValueText,
        };
    }
}

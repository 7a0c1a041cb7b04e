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
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration || !type.IsReferenceType)
            {
                return null;
            }

            try
            {
                return Read(context, type, declaration, cancellationToken);
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // Last line of defence: a bug must surface as a clear BPG error, never as CS8785. No members are
                // generated (the class's shape is unknown), so the user's code may show follow-on errors.
                var error = DiagnosticInfo.Create(
                    DiagnosticDescriptors.InternalError,
                    LocationInfo.From(declaration.Identifier.GetLocation()),
                    type.Name,
                    exception.GetType().Name + ": " + exception.Message);
                return new NetworkRequest(
                    new TargetClass(null, type.Name, EquatableArray<ContainingType>.Empty),
                    null,
                    null,
                    null,
                    NumericKind.Double,
                    false,
                    new[] { error }.ToEquatableArray());
            }
        }

        private static NetworkRequest? Read(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            // [Network] on several partial declarations of one class: each declaration is a target of its own (and, in
            // one file, sees the [Network]s of both), but the class must get one request (one generated file), from
            // the declaration that holds the first [Network].
            ImmutableArray<AttributeData> all = type.GetAttributes();
            List<AttributeData> networks = all.Where(a => Is(a, TypeNames.NetworkAttribute)).ToList();
            if (networks.Count > 1 && networks[0].ApplicationSyntaxReference is not null && !Holds(declaration, networks[0]))
            {
                return null;
            }

            var diagnostics = new List<DiagnosticInfo>();
            TargetClass target = ReadTarget(type, declaration, diagnostics);
            bool canHoldMembers = diagnostics.Count == 0;
            LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());

            // Inside the class, a type named 'var' (the class itself, a containing type, or one in an enclosing namespace)
            // turns every 'var' local of the generated code into that type, and anything named 'nameof' turns its
            // nameof(...) argument checks into calls.
            int inside = declaration.OpenBraceToken.IsMissing ? declaration.Identifier.SpanStart : declaration.OpenBraceToken.Span.End;
            ISymbol? taken = context.SemanticModel.LookupNamespacesAndTypes(inside, name: "var").OfType<INamedTypeSymbol>().FirstOrDefault(t => t.Arity == 0);
            string uses = "declares locals with 'var'";
            if (taken is null)
            {
                taken = context.SemanticModel.LookupSymbols(inside, name: "nameof").FirstOrDefault(s => s.Kind is SymbolKind.Method or SymbolKind.Field or SymbolKind.Property or SymbolKind.Event);
                uses = "checks its arguments with nameof(...)";
            }

            if (taken is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ReservedNameInScope,
                    LocationInfo.From(taken.Locations.FirstOrDefault(l => l.IsInSource)) ?? classLocation,
                    "The " + (taken is ITypeSymbol ? "type" : taken.Kind.ToString().ToLowerInvariant()) + " '" + taken.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "'",
                    target.DisplayName,
                    uses));
            }

            if (networks.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TwoNetworks, LocationInfo.From(Syntax(networks[1], cancellationToken)?.GetLocation()) ?? classLocation, target.DisplayName, networks.Count));
            }

            AttributeData network = networks.Count > 0 ? networks[0] : context.Attributes[0];
            AttributeSyntax? networkSyntax = Syntax(network, cancellationToken);
            LocationInfo? networkLocation = LocationInfo.From(networkSyntax?.GetLocation()) ?? classLocation;
            NetworkRequest Request(string? path, LocationInfo? pathLocation, NetworkDescription? description, NumericKind numeric) =>
                new NetworkRequest(target, path, pathLocation, description, numeric, canHoldMembers, diagnostics.ToEquatableArray())
                {
                    ClassLocation = classLocation,
                    Members = UserMembers.Read(type, classLocation),
                };

            if (all.Any(a => IsOurs(a) && IsBroken(a)))
            {
                // A broken attribute ([Layer(2)], Inputs = "2") is the compiler's to report; anything we said about it
                // would only bury that message. The placeholders still keep the user's code compiling.
                return Request(null, null, null, NumericKind.Double);
            }

            if (network.ConstructorArguments.Length == 1)
            {
                string path = network.ConstructorArguments[0].Value as string ?? string.Empty;
                LocationInfo? pathLocation = LocationInfo.From(networkSyntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation()) ?? networkLocation;
                if (SecondDescription(network, networkSyntax, all, cancellationToken) is { } second)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.JsonAndAttributeLayers, second.Where ?? networkLocation, target.DisplayName, second.What));
                }

                return Request(path, pathLocation, null, NumericKind.Double);
            }

            NetworkDescription? description = AttributeDescriptionParser.Parse(network, networkLocation, all, target.DisplayName, diagnostics, cancellationToken);
            NumericKind numeric = network.NamedArguments.Any(a => a.Key == "Numeric" && a.Value.Value is 1) ? NumericKind.Float : NumericKind.Double;
            return Request(null, null, description, numeric);
        }

        /// <summary>
        /// With a JSON path, what else describes the network: [Layer], [InitialWeights] or [InitialBiases] attributes,
        /// or a property set on [Network] itself (which the JSON file would silently override). Null when nothing does.
        /// </summary>
        private static (string What, LocationInfo? Where)? SecondDescription(AttributeData network, AttributeSyntax? networkSyntax, ImmutableArray<AttributeData> all, CancellationToken cancellationToken)
        {
            foreach (string name in new[] { TypeNames.LayerAttribute, TypeNames.InitialWeightsAttribute, TypeNames.InitialBiasesAttribute, TypeNames.OptimizerAttribute })
            {
                AttributeData? first = all.FirstOrDefault(a => Is(a, name));
                if (first is not null)
                {
                    string shortName = name.Substring("BackpropGen.".Length, name.Length - "BackpropGen.".Length - "Attribute".Length);
                    return ("[" + shortName + "] attributes", LocationInfo.From(Syntax(first, cancellationToken)?.GetLocation()));
                }
            }

            if (network.NamedArguments.Length > 0)
            {
                string property = network.NamedArguments[0].Key;
                AttributeArgumentSyntax? argument = networkSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
                return ("'" + property + " = ...' on [Network] (the JSON file gives every setting)", LocationInfo.From(argument?.GetLocation()));
            }

            return null;
        }

        private static bool Holds(TypeDeclarationSyntax declaration, AttributeData attribute) =>
            attribute.ApplicationSyntaxReference is { } reference
            && reference.SyntaxTree == declaration.SyntaxTree
            && declaration.Span.Contains(reference.Span);

        private static bool IsOurs(AttributeData attribute) =>
            Is(attribute, TypeNames.NetworkAttribute) || Is(attribute, TypeNames.LayerAttribute)
            || Is(attribute, TypeNames.InitialWeightsAttribute) || Is(attribute, TypeNames.InitialBiasesAttribute)
            || Is(attribute, TypeNames.OptimizerAttribute);

        private static bool IsBroken(AttributeData attribute) =>
            attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Any(c => c.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(n => n.Value.Kind == TypedConstantKind.Error);

        public static bool Is(AttributeData attribute, string metadataName) =>
            attribute.AttributeClass?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;

        public static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        private static TargetClass ReadTarget(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
        {
            LocationInfo? name = LocationInfo.From(declaration.Identifier.GetLocation());
            var containing = new List<ContainingType>();
            for (SyntaxNode? node = declaration.Parent; node is TypeDeclarationSyntax parent; node = node.Parent)
            {
                // Variance too: every partial declaration of an interface must repeat it (CS1067).
                string typeParameters = parent.TypeParameterList is null
                    ? string.Empty
                    : "<" + string.Join(", ", parent.TypeParameterList.Parameters.Select(TypeParameter)) + ">";
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

            // The parts' values, not ToDisplayString(), which escapes keywords ("My.@event"): escaping is the emitter's.
            var parts = new List<string>();
            for (INamespaceSymbol? n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
            {
                parts.Insert(0, n.Name);
            }

            string? ns = parts.Count == 0 ? null : string.Join(".", parts);
            return new TargetClass(ns, type.Name, containing.ToEquatableArray(), declaration is RecordDeclarationSyntax ? "record" : "class", type.IsStatic);
        }

        private static string TypeParameter(TypeParameterSyntax parameter) =>
            (parameter.VarianceKeyword.IsKind(SyntaxKind.None) ? string.Empty : parameter.VarianceKeyword.ValueText + " ") + Identifiers.Escape(parameter.Identifier.ValueText);

        private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax _ => "record",
            _ => declaration.Keyword.ValueText,
        };
    }
}

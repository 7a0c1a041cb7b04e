using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>
    /// A member the user declared in the network class (or that it inherits), as plain values: its name, what it is
    /// ("field", "method", ...), for methods its parameter types (global::-qualified, as <see cref="GeneratedMember.Parameters"/>),
    /// the base type it comes from (null when declared in the class itself), and where it is.
    /// </summary>
    internal sealed record UserMember(string Name, string Kind, string? Parameters, string? InheritedFrom, LocationInfo? Location);

    /// <summary>Reads a network class's members, and finds those that collide with what BackpropGen generates.</summary>
    internal static class UserMembers
    {
        public static EquatableArray<UserMember> Read(INamedTypeSymbol type, LocationInfo? classLocation)
        {
            var members = new List<UserMember>();
            foreach (ISymbol member in type.GetMembers())
            {
                if (Describe(member) is { } described && member.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
                {
                    members.Add(new UserMember(member.Name, described.Kind, described.Parameters, null, LocationInfo.From(location)));
                }
            }

            // What a base class declares is hidden by a generated member of the same name (CS0108 inside generated code).
            for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
            {
                string from = baseType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                foreach (ISymbol member in baseType.GetMembers())
                {
                    if (Visible(member, type) && Describe(member) is { } described)
                    {
                        members.Add(new UserMember(member.Name, described.Kind, described.Parameters, from, classLocation));
                    }
                }
            }

            return members.ToEquatableArray();
        }

        /// <summary>
        /// A BPG025 for each user member that collides with a generated one: a second member of the same name (CS0102),
        /// a method of the same parameters (CS0111), or an inherited member a generated one would hide (CS0108).
        /// A method with the same name and other parameters is a legal overload and is left alone.
        /// </summary>
        public static List<DiagnosticInfo> Clashes(EquatableArray<UserMember> user, IReadOnlyList<GeneratedMember> generated, TargetClass target, LocationInfo? classLocation)
        {
            var diagnostics = new List<DiagnosticInfo>();
            if (generated.FirstOrDefault(g => g.Matches(target.Name)) is { } sameAsClass)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberClash,
                    classLocation,
                    "The class name '" + Identifiers.Escape(target.Name) + "'",
                    sameAsClass.Describe() + " (a member may not have its class's name, CS0542)",
                    "rename the class"));
            }

            foreach (UserMember member in user)
            {
                if (Clash(member, generated) is not { } clash)
                {
                    continue;
                }

                string yours = member.InheritedFrom is null
                    ? $"The {member.Kind} '{Identifiers.Escape(member.Name)}'"
                    : $"The {member.Kind} '{Identifiers.Escape(member.Name)}' inherited from '{member.InheritedFrom}'";
                string fix = member.InheritedFrom is null
                    ? "rename yours (BackpropGen's generated members are listed in the README, \"What is generated\")"
                    : "rename it in the base class, or keep the network in a class that does not derive from it (a generated member would hide it)";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberClash, member.Location ?? classLocation, yours, clash.Describe(), fix));
            }

            return diagnostics;
        }

        /// <summary>Whether any user member (or the class's own name) collides with one of <paramref name="generated"/>.</summary>
        public static bool AnyClash(EquatableArray<UserMember> user, IReadOnlyList<GeneratedMember> generated, TargetClass target) =>
            generated.Any(g => g.Matches(target.Name)) || user.Any(member => Clash(member, generated) is not null);

        private static GeneratedMember? Clash(UserMember member, IReadOnlyList<GeneratedMember> generated)
        {
            foreach (GeneratedMember candidate in generated)
            {
                if (!candidate.Matches(member.Name))
                {
                    continue;
                }

                // Two methods of one name are overloads unless their parameter types are the same.
                if (member.Kind == "method" && candidate.Kind == GeneratedMemberKind.Method && member.Parameters != candidate.Parameters)
                {
                    continue;
                }

                return candidate;
            }

            return null;
        }

        private static (string Kind, string? Parameters)? Describe(ISymbol member)
        {
            if (member.IsImplicitlyDeclared || member.Name.Length == 0 || member.Name.IndexOf('<') >= 0 || member.Name.IndexOf('.') >= 0)
            {
                return null;
            }

            return member switch
            {
                IMethodSymbol method when method.MethodKind == MethodKind.Ordinary =>
                    ("method", string.Join(", ", method.Parameters.Select(Parameter))),
                IMethodSymbol _ => null,
                IFieldSymbol field => (field.IsConst ? "constant" : "field", null),
                IPropertySymbol property => (property.IsIndexer ? "indexer" : "property", null),
                IEventSymbol _ => ("event", null),
                INamedTypeSymbol _ => ("nested type", null),
                _ => null,
            };
        }

        private static string Parameter(IParameterSymbol parameter)
        {
            string refKind = parameter.RefKind switch
            {
                RefKind.Out => "out ",
                RefKind.Ref => "ref ",
                RefKind.In => "in ",
                _ => string.Empty,
            };
            return refKind + parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        private static bool Visible(ISymbol member, INamedTypeSymbol derived) => member.DeclaredAccessibility switch
        {
            Accessibility.Private or Accessibility.NotApplicable => false,
            Accessibility.Internal or Accessibility.ProtectedAndInternal => SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, derived.ContainingAssembly),
            _ => true,
        };
    }
}

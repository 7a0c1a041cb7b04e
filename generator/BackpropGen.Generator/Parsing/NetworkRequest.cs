using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>
    /// What one [Network] class asks for, read from syntax and attributes alone: either a JSON path still to resolve
    /// against AdditionalFiles, or an attribute-described network (already validated). <see cref="Members"/> are the
    /// class's own (and inherited) members, checked against the generated ones once the description is known.
    /// </summary>
    internal sealed record NetworkRequest(
        TargetClass Target,
        string? JsonPath,
        LocationInfo? JsonPathLocation,
        NetworkDescription? AttributeDescription,
        NumericKind Numeric,
        bool CanHoldMembers,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>The class's name in its declaration: where class-level errors (static, name clashes) point.</summary>
        public LocationInfo? ClassLocation { get; init; }

        public EquatableArray<UserMember> Members { get; init; } = EquatableArray<UserMember>.Empty;
    }

    /// <summary>
    /// A network ready to emit (when <see cref="Description"/> is set), and the diagnostics found on the way.
    /// <see cref="Numeric"/> is the best-known numeric type, for placeholder members when the description has errors;
    /// <see cref="CanHoldMembers"/> says whether the class can take generated members at all (partial, not generic).
    /// </summary>
    internal sealed record ParsedNetwork(
        TargetClass Target,
        NetworkDescription? Description,
        string Origin,
        NumericKind Numeric,
        bool CanHoldMembers,
        EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>One AdditionalFiles item that a network asks for, parsed: its description (or null) and diagnostics.</summary>
    internal sealed record DescriptionFile(string Path, bool Readable, NetworkDescription? Description, NumericKind Numeric, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static DescriptionFile Read(Microsoft.CodeAnalysis.AdditionalText file, System.Threading.CancellationToken cancellationToken)
        {
            Microsoft.CodeAnalysis.Text.SourceText? text = file.GetText(cancellationToken);
            if (text is null)
            {
                return new DescriptionFile(file.Path, false, null, NumericKind.Double, EquatableArray<DiagnosticInfo>.Empty);
            }

            var (description, diagnostics, numeric) = JsonDescriptionParser.Parse(file.Path, text, cancellationToken);
            return new DescriptionFile(file.Path, true, description, numeric, diagnostics.ToEquatableArray());
        }
    }

    /// <summary>The generated file for one network.</summary>
    internal sealed record GeneratedFile(string HintName, string Source);
}

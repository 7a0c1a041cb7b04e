using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>
    /// What one [Network] class asks for, read from syntax and attributes alone: either a JSON path still to resolve
    /// against AdditionalFiles, or an attribute-described network (already validated).
    /// </summary>
    internal sealed record NetworkRequest(
        TargetClass Target,
        string? JsonPath,
        LocationInfo? JsonPathLocation,
        NetworkDescription? AttributeDescription,
        EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A network ready to emit (when <see cref="Description"/> is set), and the diagnostics found on the way.</summary>
    internal sealed record ParsedNetwork(
        TargetClass Target,
        NetworkDescription? Description,
        string Origin,
        EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>The generated file for one network.</summary>
    internal sealed record GeneratedFile(string HintName, string Source);
}

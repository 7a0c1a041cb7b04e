using System.Linq;
using BackpropGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Diagnostics
{
    /// <summary>A diagnostic as plain, equatable values: it travels through the pipeline beside the model.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] messageArgs) =>
            new DiagnosticInfo(
                descriptor,
                location,
                messageArgs.Select(a => System.Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray());

        /// <summary>Errors stop generation (placeholders are emitted instead); warnings do not.</summary>
        public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.Cast<object>().ToArray());
    }
}

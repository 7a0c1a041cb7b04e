using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>Completes a request: finds and parses its JSON file, or passes the attribute description on.</summary>
    internal static class NetworkResolver
    {
        public static ParsedNetwork Resolve(NetworkRequest request, EquatableArray<DescriptionFile> files, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>(request.Diagnostics);
            if (request.JsonPath is null)
            {
                return Result(request, request.AttributeDescription, "attributes on " + request.Target.DisplayName, diagnostics);
            }

            List<int> matches = AdditionalFileMatcher.Matches(request.JsonPath, files.Select(f => f.Path).ToList());
            if (matches.Count != 1)
            {
                diagnostics.Add(matches.Count == 0
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.DescriptionFileNotFound, request.JsonPathLocation, request.JsonPath)
                    : DiagnosticInfo.Create(DiagnosticDescriptors.DescriptionFileAmbiguous, request.JsonPathLocation, request.JsonPath, matches.Count, string.Join(", ", matches.Take(5).Select(i => files[i].Path))));
                return Result(request, null, request.JsonPath, diagnostics);
            }

            DescriptionFile file = files[matches[0]];
            if (!file.Readable)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DescriptionFileUnreadable, request.JsonPathLocation, file.Path, request.JsonPath));
                return Result(request, null, request.JsonPath, diagnostics);
            }

            diagnostics.AddRange(file.Diagnostics);
            return Result(request with { Numeric = file.Numeric }, file.Description, request.JsonPath, diagnostics);
        }

        private static ParsedNetwork Result(NetworkRequest request, NetworkDescription? description, string origin, List<DiagnosticInfo> diagnostics) =>
            new ParsedNetwork(request.Target, diagnostics.Any(d => d.IsError) ? null : description, origin, request.Numeric, request.CanHoldMembers, diagnostics.ToEquatableArray());
    }
}

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
        public static ParsedNetwork Resolve(NetworkRequest request, EquatableArray<DescriptionFile> files, NearMisses nearMisses, CancellationToken cancellationToken)
        {
            try
            {
                return ResolveCore(request, files, nearMisses);
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // Last line of defence: a bug must surface as a clear BPG error on this network, never as CS8785 for all.
                var error = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, request.ClassLocation, request.Target.DisplayName, exception.GetType().Name + ": " + exception.Message);
                return new ParsedNetwork(request.Target, null, request.JsonPath ?? request.Target.DisplayName, request.Numeric, false, new[] { error }.ToEquatableArray());
            }
        }

        private static ParsedNetwork ResolveCore(NetworkRequest request, EquatableArray<DescriptionFile> files, NearMisses nearMisses)
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
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.DescriptionFileNotFound, request.JsonPathLocation, request.JsonPath, nearMisses.For(request.JsonPath) ?? NearMisses.AddTheFile)
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

        private static ParsedNetwork Result(NetworkRequest request, NetworkDescription? description, string origin, List<DiagnosticInfo> diagnostics)
        {
            if (description is not null && request.CanHoldMembers && !diagnostics.Any(d => d.IsError))
            {
                if (!description.Frozen && request.Target.IsStatic)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.StaticTrainableNetwork,
                        request.ClassLocation,
                        request.Target.DisplayName,
                        request.JsonPath is null ? "Frozen = true, with every initial weight and bias" : "\"frozen\": true, with every initial weight and bias"));
                }
                else
                {
                    diagnostics.AddRange(UserMembers.Clashes(request.Members, GeneratedMemberNames.For(description, request.Target), request.Target, request.ClassLocation));
                }
            }

            bool failed = diagnostics.Any(d => d.IsError);

            // The placeholders must not add errors of their own inside generated code: where one of the user's members
            // has a placeholder's name, the class gets none (the BPG errors are still the first thing reported).
            bool canHoldMembers = request.CanHoldMembers
                && !(failed && UserMembers.AnyClash(request.Members, GeneratedMemberNames.ForPlaceholder(request.Target, request.Numeric), request.Target));
            return new ParsedNetwork(request.Target, failed ? null : description, origin, request.Numeric, canHoldMembers, diagnostics.ToEquatableArray());
        }
    }

    /// <summary>
    /// For each requested path that matches no AdditionalFiles item, what nearly matched (<see cref="AdditionalFileMatcher.NearMiss"/>):
    /// worked out from every AdditionalFiles path, and changes only when a path is added, removed or renamed.
    /// </summary>
    internal sealed record NearMisses(EquatableArray<NearMiss> Entries)
    {
        public const string AddTheFile = "add <AdditionalFiles Include=\"...\" /> for the JSON description to the project";

        public static NearMisses Find(EquatableArray<string> wanted, EquatableArray<string> allPaths)
        {
            var entries = new List<NearMiss>();
            foreach (string path in wanted)
            {
                if (AdditionalFileMatcher.Matches(path, allPaths).Count == 0 && AdditionalFileMatcher.NearMiss(path, allPaths) is { } hint)
                {
                    entries.Add(new NearMiss(path, hint));
                }
            }

            return new NearMisses(entries.ToEquatableArray());
        }

        public string? For(string path) => Entries.FirstOrDefault(e => e.Requested == path)?.Hint;
    }

    internal sealed record NearMiss(string Requested, string Hint);
}

using System;
using System.Collections.Immutable;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Emit;
using BackpropGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BackpropGen.Generator
{
    /// <summary>
    /// [Network] partial class -> request (syntax only) -> parsed network (+ its JSON file) -> generated source.
    /// Diagnostics travel beside the model and are reported separately, so each side caches on its own.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class BackpropGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<NetworkRequest> requests = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    TypeNames.NetworkAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntax, cancellationToken) => NetworkRequestReader.Read(syntax, cancellationToken))
                .Where(static request => request is not null)
                .Select(static (request, _) => request!)
                .WithTrackingName(TrackingNames.Requests);

            // The paths the networks ask for: changes only when a [Network("...")] path is added, removed or edited.
            IncrementalValueProvider<EquatableArray<string>> wanted = requests
                .Where(static request => request.JsonPath is not null)
                .Select(static (request, _) => request.JsonPath!)
                .Collect()
                .Select(static (paths, _) => paths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.DescriptionPaths);

            // Each wanted AdditionalFiles item is read and parsed on its own: editing one file re-parses only that file,
            // and editing a file no network asks for parses nothing.
            IncrementalValuesProvider<DescriptionFile> descriptionFiles = context.AdditionalTextsProvider
                .Combine(wanted)
                .Where(static pair => pair.Right.Any(path => AdditionalFileMatcher.Matches(path, new[] { pair.Left.Path }).Count == 1))
                .Select(static (pair, _) => pair.Left)
                .Select(static (file, cancellationToken) => DescriptionFile.Read(file, cancellationToken))
                .WithTrackingName(TrackingNames.DescriptionFiles);

            IncrementalValueProvider<EquatableArray<DescriptionFile>> files = descriptionFiles
                .Collect()
                .Select(static (all, _) => all.ToEquatableArray())
                .WithTrackingName(TrackingNames.AdditionalFiles);

            // For a path that matches nothing, what nearly does ("NETS/OK.json", "../nets/ok.json"): from every path listed.
            IncrementalValueProvider<NearMisses> nearMisses = context.AdditionalTextsProvider
                .Select(static (file, _) => file.Path)
                .Collect()
                .Combine(wanted)
                .Select(static (pair, _) => NearMisses.Find(pair.Right, pair.Left.OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray()))
                .WithTrackingName(TrackingNames.NearMisses);

            IncrementalValuesProvider<ParsedNetwork> parsed = requests
                .Combine(files)
                .Combine(nearMisses)
                .Select(static (pair, cancellationToken) => NetworkResolver.Resolve(pair.Left.Left, pair.Left.Right, pair.Right, cancellationToken))
                .WithTrackingName(TrackingNames.Parsed);

            context.RegisterSourceOutput(
                parsed.Select(static (network, _) => network.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
                static (output, diagnostics) =>
                {
                    foreach (DiagnosticInfo diagnostic in diagnostics)
                    {
                        Report(output, diagnostic);
                    }
                });

            // [Layer], [InitialWeights], [InitialBiases] or [Optimizer] on a class without [Network]: a warning, as nothing reads them.
            foreach (IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> orphans in new[]
            {
                OrphanAttributes(context, TypeNames.LayerAttribute),
                OrphanAttributes(context, TypeNames.InitialWeightsAttribute),
                OrphanAttributes(context, TypeNames.InitialBiasesAttribute),
                OrphanAttributes(context, TypeNames.OptimizerAttribute),
            })
            {
                context.RegisterSourceOutput(orphans, static (output, diagnostics) =>
                {
                    foreach (DiagnosticInfo diagnostic in diagnostics)
                    {
                        Report(output, diagnostic);
                    }
                });
            }

            // Every network's hint name, unique in the compilation (Roslyn compares them ignoring case): changes only when
            // a network class is added, removed or renamed, and then only re-pairs names with the models below.
            IncrementalValueProvider<HintNames> hintNames = requests
                .Select(static (request, _) => request.Target)
                .Collect()
                .Select(static (targets, _) => HintNames.Assign(targets))
                .WithTrackingName(TrackingNames.HintNames);

            IncrementalValuesProvider<(GeneratedFile? File, DiagnosticInfo? Error)> generated = parsed
                .Where(static network => network.Description is not null)
                .Combine(hintNames)
                .Select(static (pair, _) => (pair.Left.Target, pair.Left.Description!, pair.Left.Origin, HintName: pair.Right.For(pair.Left.Target)))
                .WithTrackingName(TrackingNames.Models)
                .Select(static (model, _) => Emit(model.Target, model.Item2, model.Origin, model.HintName))
                .WithTrackingName(TrackingNames.GeneratedFiles);

            IncrementalValuesProvider<GeneratedFile> placeholders = parsed
                .Where(static network => network.Description is null && network.CanHoldMembers)
                .Combine(hintNames)
                .Select(static (pair, _) => new GeneratedFile(pair.Right.For(pair.Left.Target), NetworkFile.EmitPlaceholder(pair.Left.Target, pair.Left.Numeric)))
                .WithTrackingName(TrackingNames.Placeholders);

            context.RegisterSourceOutput(placeholders, static (output, file) => Add(output, file));

            context.RegisterSourceOutput(generated, static (output, result) =>
            {
                if (result.File is not null)
                {
                    Add(output, result.File);
                }

                if (result.Error is not null)
                {
                    Report(output, result.Error);
                }
            });
        }

        private static IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> OrphanAttributes(IncrementalGeneratorInitializationContext context, string attribute) =>
            context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntax, cancellationToken) => Parsing.OrphanAttributes.Check(syntax, cancellationToken))
                .WithTrackingName(TrackingNames.OrphanAttributes);

        /// <summary>
        /// One network's file. Roslyn throws for a hint name it refuses; caught here, that stays this network's problem
        /// (a BPG999 naming it) instead of failing the generator, and with it every other network (CS8785).
        /// </summary>
        private static void Add(SourceProductionContext output, GeneratedFile file)
        {
            try
            {
                output.AddSource(file.HintName, file.Source);
            }
            catch (ArgumentException exception)
            {
                Report(output, DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, file.HintName, exception.GetType().Name + ": " + exception.Message));
            }
        }

        /// <summary>One diagnostic; one that Roslyn refuses is replaced by a BPG999 saying so, and never stops the others.</summary>
        private static void Report(SourceProductionContext output, DiagnosticInfo diagnostic)
        {
            try
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
            catch (ArgumentException exception)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, diagnostic.Descriptor.Id, exception.GetType().Name + ": " + exception.Message));
            }
        }

        private static (GeneratedFile? File, DiagnosticInfo? Error) Emit(Model.TargetClass target, Model.NetworkDescription description, string origin, string hintName)
        {
            try
            {
                return (new GeneratedFile(hintName, NetworkFile.Emit(target, description, origin)), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Last line of defence: a bug must surface as a clear BPG error, never as CS8785.
                return (null, DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, target.DisplayName, exception.GetType().Name + ": " + exception.Message));
            }
        }
    }
}

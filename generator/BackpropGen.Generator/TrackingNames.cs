namespace BackpropGen.Generator
{
    /// <summary>Names of pipeline steps, so tests can check what was cached.</summary>
    internal static class TrackingNames
    {
        public const string Requests = nameof(Requests);
        public const string DescriptionPaths = nameof(DescriptionPaths);
        public const string DescriptionFiles = nameof(DescriptionFiles);
        public const string AdditionalFiles = nameof(AdditionalFiles);
        public const string NearMisses = nameof(NearMisses);
        public const string Parsed = nameof(Parsed);
        public const string Diagnostics = nameof(Diagnostics);
        public const string HintNames = nameof(HintNames);
        public const string Models = nameof(Models);
        public const string GeneratedFiles = nameof(GeneratedFiles);
        public const string Placeholders = nameof(Placeholders);
        public const string OrphanAttributes = nameof(OrphanAttributes);
    }
}

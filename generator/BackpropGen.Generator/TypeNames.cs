namespace BackpropGen.Generator
{
    /// <summary>Metadata names of the attributes users write; the generator matches them by name, not by reference.</summary>
    internal static class TypeNames
    {
        public const string NetworkAttribute = "BackpropGen.NetworkAttribute";
        public const string LayerAttribute = "BackpropGen.LayerAttribute";
        public const string InitialWeightsAttribute = "BackpropGen.InitialWeightsAttribute";
        public const string InitialBiasesAttribute = "BackpropGen.InitialBiasesAttribute";
        public const string OptimizerAttribute = "BackpropGen.OptimizerAttribute";
    }
}

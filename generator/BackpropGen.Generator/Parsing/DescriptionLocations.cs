using System.Collections.Generic;
using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>
    /// Where each part of a description was written (JSON value or attribute argument), and how to name it in a message.
    /// Filled by a front end, read by <see cref="DescriptionValidator"/>; never cached.
    /// </summary>
    internal sealed class DescriptionLocations
    {
        public DescriptionLocations(bool fromAttributes, LocationInfo? whole)
        {
            FromAttributes = fromAttributes;
            Whole = whole;
        }

        public bool FromAttributes { get; }

        /// <summary>The [Network] attribute, or the JSON document's root.</summary>
        public LocationInfo? Whole { get; }

        public LocationInfo? Inputs { get; set; }

        public LocationInfo? Loss { get; set; }

        public LocationInfo? Frozen { get; set; }

        public LocationInfo? Codegen { get; set; }

        public LocationInfo? InitialWeights { get; set; }

        public LocationInfo? InitialBiases { get; set; }

        public List<LocationInfo?> Layers { get; } = new List<LocationInfo?>();

        public List<LocationInfo?> LayerSizes { get; } = new List<LocationInfo?>();

        public List<LocationInfo?> LayerActivations { get; } = new List<LocationInfo?>();

        public List<LocationInfo?> LayerAlphas { get; } = new List<LocationInfo?>();

        /// <summary>Per layer, where alpha was written, or null where the layer does not set it (it then has the default).</summary>
        public List<LocationInfo?> GivenAlphas { get; } = new List<LocationInfo?>();

        public List<LocationInfo?> InitialWeightItems { get; } = new List<LocationInfo?>();

        public List<LocationInfo?> InitialBiasItems { get; } = new List<LocationInfo?>();

        public static LocationInfo? At(List<LocationInfo?> list, int index) => index < list.Count ? list[index] : null;

        public string InputsName => FromAttributes ? "Inputs" : "inputs";

        public string LayerSizeName(int index) => FromAttributes ? $"size of [Layer] {index + 1}" : $"layers[{index}].size";

        public string LayerAlphaName(int index) => FromAttributes ? $"Alpha of [Layer] {index + 1}" : $"layers[{index}].alpha";

        public string LayersName => FromAttributes ? "[Layer] attributes" : "\"layers\"";
    }
}

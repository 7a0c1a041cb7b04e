using static BackpropGen.Generator.Tests.Numerics.InitialisationNetworks;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>Without "initial": weights deterministic (same in every compilation, changed by "seed"), uniform within Glorot or He limits; biases 0.</summary>
public class SeededInitialisationTests
{
    public static IEnumerable<object[]> SeededNetworks => Specs.Where(s => s.InitialWeights is null && s.InitialBiases is null).Select(s => new object[] { s.Name });

    public static IEnumerable<object[]> RecompiledNetworks => Recompiled.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(RecompiledNetworks))]
    public void Two_compilations_of_a_description_start_from_identical_parameters(string network)
    {
        Assert.Equal(Bits(Parameters(First, network)), Bits(Parameters(Second, network)));
    }

    [Fact]
    public void A_different_seed_gives_different_weights_and_seed_0_is_the_default()
    {
        double[] omitted = Parameters(First, "seed omitted"), zero = Parameters(First, "seed 0");
        double[] one = Parameters(First, "seed 1"), max = Parameters(First, "seed 2147483647");

        Assert.Equal(Bits(omitted), Bits(zero));
        int weights = First.Spec("seed 0").WeightCount;
        foreach ((double[] a, double[] b) in new[] { (zero, one), (zero, max), (one, max) })
        {
            Assert.All(Enumerable.Range(0, weights), i => Assert.NotEqual(a[i], b[i]));
        }
    }

    [Theory]
    [MemberData(nameof(SeededNetworks))]
    public void Weights_are_distinct_and_fill_the_Glorot_or_He_range(string network)
    {
        NetworkSpec spec = First.Spec(network);
        double[] parameters = Parameters(First, network);

        int offset = 0, fanIn = spec.Inputs;
        foreach (LayerSpec layer in spec.Layers)
        {
            double limit = Limit(layer, fanIn);
            double[] weights = parameters.Skip(offset).Take(fanIn * layer.Size).ToArray();
            double allowed = spec.IsFloat ? limit * (1 + 1e-7) : limit; // a float may round just past the limit
            Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, allowed));

            // Uniform draws reach towards the limit: a smaller limit (say Glorot for a relu layer) would show here.
            if (weights.Length >= 20)
            {
                Assert.True(weights.Max(Math.Abs) >= 0.8 * limit, $"largest |w| {weights.Max(Math.Abs)} in a layer with limit {limit}");
            }

            offset += weights.Length;
            fanIn = layer.Size;
        }

        Assert.Equal(spec.WeightCount, parameters.Take(spec.WeightCount).Distinct().Count());
    }

    [Theory]
    [InlineData("seed 1")]
    [InlineData("seed 2147483647")]
    [InlineData("relu | double | 2-12-2")]
    [InlineData("softplus | double | 2-12-2")]
    [InlineData("relu | float | 2-12-2")]
    public void Weights_follow_the_documented_sequence(string network)
    {
        // As ParameterInitializer documents it: SplitMix64 seeded with "seed"; u = (next >> 11) * 2^-53;
        // weight = (2u - 1) * limit, in canonical order. Pinning it is what keeps values the same on every machine and version.
        NetworkSpec spec = First.Spec(network);
        ulong state = (ulong)(spec.Seed ?? 0);
        var expected = new List<double>();
        int fanIn = spec.Inputs;
        foreach (LayerSpec layer in spec.Layers)
        {
            for (int i = 0; i < fanIn * layer.Size; i++)
            {
                ulong z = state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                double u = ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0);
                double weight = ((2.0 * u) - 1.0) * Limit(layer, fanIn);
                expected.Add(spec.IsFloat ? (float)weight : weight);
            }

            fanIn = layer.Size;
        }

        Assert.Equal(Bits(expected), Bits(Parameters(First, network).Take(spec.WeightCount)));
    }

    [Theory]
    [MemberData(nameof(SeededNetworks))]
    [InlineData("initial weights only")]
    public void Biases_start_at_zero(string network)
    {
        NetworkSpec spec = First.Spec(network);

        Assert.All(Parameters(First, network).Skip(spec.WeightCount), b => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(b)));
    }
}

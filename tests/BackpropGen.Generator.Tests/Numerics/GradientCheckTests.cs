namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>Backward's gradient is shown correct by central differences of Loss, on every network of <see cref="GradientCheckNetworks"/>.</summary>
public class GradientCheckTests
{
    public static IEnumerable<object[]> Networks => GradientCheckNetworks.Names;

    [Fact]
    public void All_networks_generate_without_diagnostics_into_one_compilation_that_compiles()
    {
        CompiledNetworks compiled = GradientCheckNetworks.Networks;

        Assert.Equal(GradientCheckNetworks.All.Count, compiled.Run.GeneratedSources.Count);
        Assert.Equal(96 + 96 + 32 + 96 + 24 + 8 + 24 + 24 + 7 + 2 + (16 + 8 + 2), GradientCheckNetworks.All.Count); // the families of GradientCheckNetworks
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Counts_match_the_description(string network)
    {
        NetworkSpec spec = GradientCheckNetworks.Networks.Spec(network);
        IGradientCheckable net = GradientCheckNetworks.Networks.Create(network);

        Assert.Equal((spec.Inputs, spec.Outputs, spec.ParameterCount), (net.InputCount, net.OutputCount, net.ParameterCount));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Loss_matches_an_independent_forward_pass(string network)
    {
        NetworkSpec spec = GradientCheckNetworks.Networks.Spec(network);
        IGradientCheckable net = GradientCheckNetworks.Networks.Create(network);
        CheckPoint point = CheckPoint.Draw(spec);

        net.SetParameters(point.Parameters);
        double loss = net.Loss(point.Input, point.Target);
        double expected = ReferenceNetwork.Evaluate(spec, point.Parameters, point.Input, point.Target).Loss;

        // A float network rounds every operation to ~6e-8; a double one to ~1e-16.
        double tolerance = spec.IsFloat ? (1e-5 * Math.Abs(expected)) + 1e-6 : 1e-12 * Math.Abs(expected);
        Assert.True(Math.Abs(loss - expected) <= tolerance, $"Loss {loss:R}, reference {expected:R}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_returns_exactly_the_Loss(string network)
    {
        IGradientCheckable net = GradientCheckNetworks.Networks.Create(network);
        CheckPoint point = CheckPoint.Draw(GradientCheckNetworks.Networks.Spec(network));

        net.SetParameters(point.Parameters);
        double returned = net.Backward(point.Input, point.Target, new double[net.ParameterCount]);

        Assert.Equal(net.Loss(point.Input, point.Target), returned);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_central_differences_of_Loss(string network)
    {
        NetworkSpec spec = GradientCheckNetworks.Networks.Spec(network);
        IGradientCheckable net = GradientCheckNetworks.Networks.Create(network);
        CheckPoint point = CheckPoint.Draw(spec);
        FiniteDifferenceSettings settings = FiniteDifferenceSettings.For(spec);

        var analytic = new double[net.ParameterCount];
        net.SetParameters(point.Parameters);
        net.Backward(point.Input, point.Target, analytic);
        double[] numeric = GradientComparison.CentralDifferences(net, point.Parameters, point.Input, point.Target, settings);

        IReadOnlyList<int> mismatches = GradientComparison.Mismatches(analytic, numeric, settings);
        Assert.True(mismatches.Count == 0, "Backward disagrees with central differences of Loss:\n" + string.Join("\n",
            mismatches.Select(i => $"  {net.ParameterName(i)}: Backward {analytic[i]:R}, central difference {numeric[i]:R}")));

        // The same comparison must reject a gradient 5% wrong, or passing it would prove nothing at this point.
        Assert.NotEmpty(GradientComparison.Mismatches(GradientComparison.Wrong(analytic), numeric, settings));
    }
}

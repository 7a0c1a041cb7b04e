namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>InputGradient against central differences of Loss in the inputs, for every network of the gradient-check matrix.</summary>
public class InputGradientTests
{
    public static IEnumerable<object[]> Networks => GradientCheckNetworks.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void InputGradient_matches_central_differences_of_Loss_in_the_inputs(string network)
    {
        NetworkSpec spec = GradientCheckNetworks.Networks.Spec(network);
        IGradientCheckable net = GradientCheckNetworks.Networks.Create(network);
        CheckPoint point = CheckPoint.Draw(spec);
        FiniteDifferenceSettings settings = FiniteDifferenceSettings.For(spec);
        net.SetParameters(point.Parameters);

        var analytic = new double[net.InputCount];
        double loss = net.InputGradient(point.Input, point.Target, analytic);
        double[] numeric = GradientComparison.CentralDifferences(point.Input, x => net.Loss(x, point.Target), settings);

        Assert.Equal(net.Loss(point.Input, point.Target), loss);
        IReadOnlyList<int> mismatches = GradientComparison.Mismatches(analytic, numeric, settings);
        Assert.True(mismatches.Count == 0, "InputGradient disagrees with central differences of Loss:\n" + string.Join("\n",
            mismatches.Select(i => $"  i{i + 1}: InputGradient {analytic[i]:R}, central difference {numeric[i]:R}")));
        // The comparison must reject a wrong gradient here, or passing it proves nothing: 5% of the norm off where that
        // exceeds the tolerance, else the gradient with its sign flipped. Deep logistic nets have input gradients too small
        // for even that in float (vanishing gradients); Most_input_gradients_are_large_enough_to_check bounds how many.
        double norm = GradientComparison.Norm(analytic);
        if (norm > 2 * settings.Absolute)
        {
            double[] wrong = 0.05 * norm > 4 * settings.Absolute ? GradientComparison.Wrong(analytic) : analytic.Select(v => -v).ToArray();
            Assert.NotEmpty(GradientComparison.Mismatches(wrong, numeric, settings));
        }

        // The parameters are untouched.
        var after = new double[net.ParameterCount];
        net.GetParameters(after);
        Assert.Equal(point.Parameters.Select(p => settings.InFloat ? (double)(float)p : p), after);
    }

    [Fact]
    public void Most_input_gradients_are_large_enough_to_check()
    {
        var tooSmall = GradientCheckNetworks.All.Where(spec =>
        {
            IGradientCheckable net = GradientCheckNetworks.Networks.Create(spec.Name);
            CheckPoint point = CheckPoint.Draw(spec);
            net.SetParameters(point.Parameters);
            var gradient = new double[net.InputCount];
            net.InputGradient(point.Input, point.Target, gradient);
            return GradientComparison.Norm(gradient) <= 2 * FiniteDifferenceSettings.For(spec).Absolute;
        }).Select(spec => spec.Name).ToList();

        Assert.True(tooSmall.Count <= GradientCheckNetworks.All.Count / 20, "Too many input gradients too small to check:\n" + string.Join("\n", tooSmall));
    }
}

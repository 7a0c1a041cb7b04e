namespace BackpropGen.Tests;

/// <summary>Wrong-length spans throw ArgumentException naming the expected length, before anything is written.</summary>
public class SpanLengthTests
{
    private const double Sentinel = -12345.0;
    private static readonly double[] Input = { 0.05, 0.10 };
    private static readonly double[] Target = { 0.01, 0.99 };

    public static TheoryData<string, int, int, int> WrongLengths => new()
    {
        // method, input length, target length, output/gradient length
        { "Forward", 1, 2, 2 },
        { "Forward", 3, 2, 2 },
        { "Forward", 2, 2, 1 },
        { "Loss", 1, 2, 0 },
        { "Loss", 2, 3, 0 },
        { "Backward", 2, 1, 10 },
        { "Backward", 0, 2, 10 },
        { "Backward", 2, 2, 9 },
        { "TrainStep", 2, 1, 0 },
        { "TrainStep", 3, 2, 0 },
    };

    [Theory]
    [MemberData(nameof(WrongLengths))]
    public void Wrong_lengths_throw_and_write_nothing(string method, int inputLength, int targetLength, int bufferLength)
    {
        var net = new MazurNet();
        double[] input = Enumerable.Repeat(0.1, inputLength).ToArray();
        double[] target = Enumerable.Repeat(0.5, targetLength).ToArray();
        double[] buffer = Enumerable.Repeat(Sentinel, bufferLength).ToArray();
        double[] parametersBefore = Parameters(net);

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() =>
        {
            switch (method)
            {
                case "Forward": net.Forward(input, buffer); break;
                case "Loss": net.Loss(input, target); break;
                case "Backward": net.Backward(input, target, buffer); break;
                default: net.TrainStep(input, target, 0.5); break;
            }
        });

        Assert.Matches(@"must have (exactly|at least) \d+ elements", error.Message);
        Assert.All(buffer, value => Assert.Equal(Sentinel, value));
        Assert.Equal(parametersBefore, Parameters(net));
    }

    [Fact]
    public void Messages_name_the_expected_length_and_the_parameter()
    {
        var net = new MazurNet();

        var input = Assert.ThrowsAny<ArgumentException>(() => net.Forward(new double[3], new double[2]));
        var gradient = Assert.ThrowsAny<ArgumentException>(() => net.Backward(Input, Target, new double[4]));

        Assert.Equal("input", input.ParamName);
        Assert.Contains("exactly 2", input.Message);
        Assert.Equal("gradient", gradient.ParamName);
        Assert.Contains("at least 10", gradient.Message);
    }

    [Fact]
    public void Longer_output_and_gradient_spans_are_fine_and_their_tails_untouched()
    {
        var net = new MazurNet();
        double[] output = { Sentinel, Sentinel, Sentinel };
        double[] gradient = Enumerable.Repeat(Sentinel, MazurNet.ParameterCount + 2).ToArray();
        double[] parameters = Enumerable.Repeat(Sentinel, MazurNet.ParameterCount + 1).ToArray();

        net.Forward(Input, output);
        net.Backward(Input, Target, gradient);
        net.GetParameters(parameters);

        Assert.Equal(Sentinel, output[2]);
        Assert.NotEqual(Sentinel, output[1]);
        Assert.Equal(new[] { Sentinel, Sentinel }, gradient[^2..]);
        Assert.Equal(Sentinel, parameters[^1]);
    }

    [Fact]
    public void Set_and_get_parameters_check_lengths_and_round_trip()
    {
        var net = new MazurNet();
        double[] before = Parameters(net);

        Assert.ThrowsAny<ArgumentException>(() => net.SetParameters(new double[MazurNet.ParameterCount - 1]));
        Assert.ThrowsAny<ArgumentException>(() => net.SetParameters(new double[MazurNet.ParameterCount + 1]));
        Assert.ThrowsAny<ArgumentException>(() => net.GetParameters(new double[MazurNet.ParameterCount - 1]));
        Assert.Equal(before, Parameters(net));

        double[] replaced = Enumerable.Range(1, MazurNet.ParameterCount).Select(i => i / 100.0).ToArray();
        net.SetParameters(replaced);
        Assert.Equal(replaced, Parameters(net));
    }

    private static double[] Parameters(MazurNet net)
    {
        var parameters = new double[MazurNet.ParameterCount];
        net.GetParameters(parameters);
        return parameters;
    }
}

namespace BackpropGen.Tests;

/// <summary>The generated worked-example network against the exact column of worked-example.md.</summary>
public class WorkedExampleTests
{
    private const double Tolerance = 1e-9;
    private static readonly double[] Input = { 0.05, 0.10 };
    private static readonly double[] Target = { 0.01, 0.99 };

    [Fact]
    public void Forward_gives_the_exact_outputs()
    {
        var output = new double[MazurNet.OutputCount];
        new MazurNet().Forward(Input, output);

        Assert.Equal(0.751365069552, output[0], Tolerance);
        Assert.Equal(0.772928465321, output[1], Tolerance);
    }

    [Fact]
    public void Loss_is_the_exact_E_total()
    {
        Assert.Equal(0.298371108760, new MazurNet().Loss(Input, Target), Tolerance);
    }

    [Fact]
    public void Backward_gives_all_ten_exact_gradients_and_returns_E_total()
    {
        double[] expected =
        {
            0.000438567734, 0.000877135469, 0.000497712735, 0.000995425471,
            0.082167040564, 0.082667627848, -0.022602540477, -0.022740242216,
            0.018725609395, 0.100400325112,
        };
        var gradient = new double[MazurNet.ParameterCount];

        double loss = new MazurNet().Backward(Input, Target, gradient);

        Assert.Equal(0.298371108760, loss, Tolerance);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - gradient[i]) <= Tolerance, $"{MazurNet.ParameterName(i)}: expected {expected[i]}, got {gradient[i]}");
        }
    }

    [Fact]
    public void Trace_holds_every_quantity_of_the_article()
    {
        new MazurNet().Backward(Input, Target, new double[MazurNet.ParameterCount], out MazurNet.Trace trace);

        var expected = new (string Name, double Actual, double Exact)[]
        {
            ("net_h1", trace.net_h1, 0.377500000000), ("out_h1", trace.out_h1, 0.593269992107), ("out_h2", trace.out_h2, 0.596884378260),
            ("net_o1", trace.net_o1, 1.105905967060), ("out_o1", trace.out_o1, 0.751365069552), ("net_o2", trace.net_o2, 1.224921404096),
            ("out_o2", trace.out_o2, 0.772928465321), ("E_o1", trace.E_o1, 0.274811083176), ("E_o2", trace.E_o2, 0.023560025584),
            ("E_total", trace.E_total, 0.298371108760), ("dE_dout_o1", trace.dE_dout_o1, 0.741365069552),
            ("dout_o1_dnet_o1", trace.dout_o1_dnet_o1, 0.186815601809), ("dE_dw5", trace.dE_dw5, 0.082167040564),
            ("delta_o1", trace.delta_o1, 0.138498561629), ("dE_o1_dout_h1", trace.dE_o1_dout_h1, 0.055399424651),
            ("dE_o2_dout_h1", trace.dE_o2_dout_h1, -0.019049118258), ("dE_dout_h1", trace.dE_dout_h1, 0.036350306393),
            ("dout_h1_dnet_h1", trace.dout_h1_dnet_h1, 0.241300708572), ("dE_dw1", trace.dE_dw1, 0.000438567734),
        };
        foreach (var (name, actual, exact) in expected)
        {
            Assert.True(Math.Abs(exact - actual) <= Tolerance, $"{name}: expected {exact}, got {actual}");
        }
    }

    [Fact]
    public void One_train_step_gives_the_exact_updated_weights_and_leaves_biases_alone()
    {
        double[] expected =
        {
            0.149780716133, 0.199561432266, 0.249751143632, 0.299502287265,
            0.358916479718, 0.408666186076, 0.511301270239, 0.561370121108,
            0.35, 0.60,
        };
        var net = new MazurNet();

        double lossBefore = net.TrainStep(Input, Target, 0.5);
        var parameters = new double[MazurNet.ParameterCount];
        net.GetParameters(parameters);

        Assert.Equal(0.298371108760, lossBefore, Tolerance);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - parameters[i]) <= Tolerance, $"{MazurNet.ParameterName(i)}: expected {expected[i]}, got {parameters[i]}");
        }
    }

    [Fact]
    public void Training_follows_the_algorithm_the_article_describes()
    {
        var net = new MazurNet();
        net.TrainStep(Input, Target, 0.5);
        Assert.Equal(0.291027774, net.Loss(Input, Target), 1e-9);

        for (int step = 1; step < 10_000; step++)
        {
            net.TrainStep(Input, Target, 0.5);
        }

        var output = new double[2];
        net.Forward(Input, output);
        Assert.Equal(0.0000351019, net.Loss(Input, Target), 1e-10);
        Assert.Equal(0.015913620, output[0], 1e-9);
        Assert.Equal(0.984064274, output[1], 1e-9);
    }

    [Fact]
    public void Float_twin_agrees_with_the_exact_values_to_float_precision()
    {
        var gradient = new float[MazurNetFloat.ParameterCount];
        float loss = new MazurNetFloat().Backward(new[] { 0.05f, 0.10f }, new[] { 0.01f, 0.99f }, gradient);

        Assert.Equal(0.298371108760, loss, 1e-6);
        Assert.Equal(0.082167040564, gradient[4], 1e-6);
        Assert.Equal(0.000438567734, gradient[0], 1e-6);
    }

    [Fact]
    public void Parameter_names_follow_the_canonical_order()
    {
        string[] names = Enumerable.Range(0, MazurNet.ParameterCount).Select(MazurNet.ParameterName).ToArray();

        Assert.Equal(new[] { "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2" }, names);
        Assert.Throws<ArgumentOutOfRangeException>(() => MazurNet.ParameterName(MazurNet.ParameterCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => MazurNet.ParameterName(-1));
    }

    [Fact]
    public void Per_neuron_biases_are_named_after_their_neuron()
    {
        string[] biasNames = Enumerable.Range(DeepNet.WeightCount, DeepNet.BiasCount).Select(DeepNet.ParameterName).ToArray();

        Assert.Equal("b_h1_1", biasNames[0]);
        Assert.Contains("b3", biasNames);
        Assert.Equal("b_o2", biasNames[^1]);
        Assert.Equal(5 + 3 + 1 + 2, DeepNet.BiasCount);
    }
}

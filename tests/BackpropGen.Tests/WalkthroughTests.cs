using System.Globalization;
using System.IO;
using BackpropGen.Testing;

namespace BackpropGen.Tests;

/// <summary>relu without bias, silu, elu and logistic outputs with binary cross-entropy (walk-through tests).</summary>
[BackpropGen.Network("walkthrough_mix.json")]
public partial class WalkthroughMixNet
{
}

/// <summary>Softmax with a squared error: the Jacobian written out (walk-through tests).</summary>
[BackpropGen.Network("walkthrough_jacobian.json")]
public partial class WalkthroughJacobianNet
{
}

/// <summary>Trained with Adam (walk-through tests).</summary>
[BackpropGen.Network("walkthrough_adam.json")]
public partial class WalkthroughAdamNet
{
}

/// <summary>
/// The walk-through never computes differently from the code it explains: written with 17 significant digits and
/// read back, every value is bit for bit the generated Backward's Trace, and every updated parameter what TrainStep
/// leaves. One network per layout, activation, loss and bias mode, in double and float.
/// </summary>
public class WalkthroughTests
{
    private static string Walkthrough(Action<TextWriter> write)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    [Fact]
    public void Three_hidden_layers_tanh_leaky_relu_softplus_identity_mean_squared_error()
    {
        double[] input = { 0.4, -1.1, 0.7 }, target = { 0.3, -0.2 };
        var net = new DeepNet();
        string markdown = Walkthrough(w => net.WriteWalkthrough(input, target, 0.1, w, 17));
        net.Backward(input, target, new double[DeepNet.ParameterCount], out DeepNet.Trace trace);
        var after = new DeepNet();
        net.CopyParametersTo(after);
        after.TrainStep(input, target, 0.1);
        var parameters = new double[DeepNet.ParameterCount];
        after.GetParameters(parameters);

        int values = WalkthroughReader.AssertMatchesPass(markdown, trace, DeepNet.ParameterName, parameters);

        Assert.Contains("dE_h2_1_dout_h1_1", markdown);       // a path through the second hidden layer
        Assert.True(values > 150, values + " values");
    }

    [Fact]
    public void Relu_without_bias_silu_elu_and_logistic_cross_entropy()
    {
        double[] input = { 0.9, -0.3, 0.5 }, target = { 1, 0 };
        var net = new WalkthroughMixNet();
        string markdown = Walkthrough(w => net.WriteWalkthrough(input, target, 0.05, w, 17));
        net.Backward(input, target, new double[WalkthroughMixNet.ParameterCount], out WalkthroughMixNet.Trace trace);
        var after = new WalkthroughMixNet();
        net.CopyParametersTo(after);
        after.TrainStep(input, target, 0.05);
        var parameters = new double[WalkthroughMixNet.ParameterCount];
        after.GetParameters(parameters);

        WalkthroughReader.AssertMatchesPass(markdown, trace, WalkthroughMixNet.ParameterName, parameters);
        Assert.Contains("Why delta is so short", markdown);
    }

    [Fact]
    public void Softmax_with_squared_error_writes_the_jacobian_and_leaves_untrained_biases_out()
    {
        double[] input = { 0.2, -0.6 }, target = { 0, 1, 0 };
        var net = new WalkthroughJacobianNet();
        string markdown = Walkthrough(w => net.WriteWalkthrough(input, target, 0.3, w, 17));
        net.Backward(input, target, new double[WalkthroughJacobianNet.ParameterCount], out WalkthroughJacobianNet.Trace trace);
        var after = new WalkthroughJacobianNet();
        net.CopyParametersTo(after);
        after.TrainStep(input, target, 0.3);
        var parameters = new double[WalkthroughJacobianNet.ParameterCount];
        after.GetParameters(parameters);

        WalkthroughReader.AssertMatchesPass(markdown, trace, WalkthroughJacobianNet.ParameterName, parameters);
        Assert.Contains("- `dout_o1/dnet_o2 = ", markdown);
        Assert.DoesNotContain("b_h1+", markdown);
        Assert.Contains("Biases are not updated (trainBiases: false)", markdown);
    }

    [Fact]
    public void With_Adam_the_step_is_written_out_moment_by_moment_as_TrainStep_takes_it()
    {
        double[] input = { 0.3, -0.8 }, target = { 1 };
        var net = new WalkthroughAdamNet();
        var twin = new WalkthroughAdamNet();
        for (int step = 0; step < 3; step++)
        {
            // Some state first, so the moments and the step count are not zero.
            net.TrainStep(new[] { 0.1 * step, 0.5 }, target, 0.01);
            twin.TrainStep(new[] { 0.1 * step, 0.5 }, target, 0.01);
        }

        string markdown = Walkthrough(w => net.WriteWalkthrough(input, target, 0.01, w, 17));
        net.Backward(input, target, new double[WalkthroughAdamNet.ParameterCount], out WalkthroughAdamNet.Trace trace);
        twin.TrainStep(input, target, 0.01);
        var after = new double[WalkthroughAdamNet.ParameterCount];
        twin.GetParameters(after);
        var state = new double[WalkthroughAdamNet.OptimizerStateCount];
        twin.GetOptimizerState(state);
        int n = WalkthroughAdamNet.ParameterCount;
        double? State(string name) => name switch
        {
            "t" => state[0],
            "correction1" => (double)(1.0 - Math.Pow(0.9, state[0])),
            "correction2" => (double)(1.0 - Math.Pow(0.999, state[0])),
            _ when name.StartsWith("m_", StringComparison.Ordinal) => state[1 + Enumerable.Range(0, n).Single(i => WalkthroughAdamNet.ParameterName(i) == name[2..])],
            _ when name.StartsWith("v_", StringComparison.Ordinal) => state[1 + n + Enumerable.Range(0, n).Single(i => WalkthroughAdamNet.ParameterName(i) == name[2..])],
            _ => null,
        };

        int values = WalkthroughReader.AssertMatchesPass(markdown, trace, WalkthroughAdamNet.ParameterName, after, State);
        Assert.Contains("TrainStep applies Adam", markdown);
        Assert.Contains("- `m_w1+ = beta1 * m_w1 + (1 - beta1) * dE_total/dw1 = ", markdown);
        Assert.Contains("- `w1+ = ", markdown);
        Assert.True(values > 4 * n, $"only {values} values checked");

        // The walk-through changed nothing: the network's next step is the twin's.
        var parameters = new double[n];
        net.GetParameters(parameters);
        Assert.NotEqual(after, parameters);
    }

    [Fact]
    public void Split_layout_softmax_cross_entropy()
    {
        var input = Enumerable.Range(0, SplitNet.InputCount).Select(i => Math.Sin(i + 1.0)).ToArray();
        var target = new double[SplitNet.OutputCount];
        target[3] = 1;
        var net = new SplitNet();
        string markdown = Walkthrough(w => net.WriteWalkthrough(input, target, 0.1, w, 17));
        net.Backward(input, target, new double[SplitNet.ParameterCount], out SplitNet.Trace trace);
        var after = new SplitNet();
        net.CopyParametersTo(after);
        after.TrainStep(input, target, 0.1);
        var parameters = new double[SplitNet.ParameterCount];
        after.GetParameters(parameters);

        WalkthroughReader.AssertMatchesPass(markdown, trace, SplitNet.ParameterName, parameters);
        Assert.Contains("- `log_sum_exp = ", markdown);
    }

    [Fact]
    public void Float_split_and_float_unrolled()
    {
        float[] input = { 0.5f, -0.25f, 1.5f, 0.1f, -2f, 0.75f }, target = { 0.1f, 0.9f, 0.5f };
        var split = new SplitFloatNet();
        string markdown = Walkthrough(w => split.WriteWalkthrough(input, target, 0.2f, w, 17));
        split.Backward(input, target, new float[SplitFloatNet.ParameterCount], out SplitFloatNet.Trace trace);
        var after = new SplitFloatNet();
        split.CopyParametersTo(after);
        after.TrainStep(input, target, 0.2f);
        var parameters = new float[SplitFloatNet.ParameterCount];
        after.GetParameters(parameters);
        WalkthroughReader.AssertMatchesPass(markdown, trace, SplitFloatNet.ParameterName, parameters);

        float[] mazurInput = { 0.05f, 0.1f }, mazurTarget = { 0.01f, 0.99f };
        var mazur = new MazurNetFloat();
        markdown = Walkthrough(w => mazur.WriteWalkthrough(mazurInput, mazurTarget, 0.5f, w, 17));
        mazur.Backward(mazurInput, mazurTarget, new float[MazurNetFloat.ParameterCount], out MazurNetFloat.Trace mazurTrace);
        var mazurAfter = new MazurNetFloat();
        mazur.CopyParametersTo(mazurAfter);
        mazurAfter.TrainStep(mazurInput, mazurTarget, 0.5f);
        var mazurParameters = new float[MazurNetFloat.ParameterCount];
        mazurAfter.GetParameters(mazurParameters);
        WalkthroughReader.AssertMatchesPass(markdown, mazurTrace, MazurNetFloat.ParameterName, mazurParameters);
    }

    [Fact]
    public void Loops_layout_says_what_it_does_instead_and_tables_the_trace()
    {
        double[] input = { 0.1, 0.2, -0.3, 0.4, -0.5, 0.6 }, target = { 0, 0, 1 };
        var net = new LoopsDoubleNet();
        string markdown = Walkthrough(w => net.WriteWalkthrough(input, target, 0.1, w, 17));
        double loss = net.Backward(input, target, new double[LoopsDoubleNet.ParameterCount], out LoopsDoubleNet.Trace trace);
        var after = new LoopsDoubleNet();
        net.CopyParametersTo(after);
        after.TrainStep(input, target, 0.1);
        var parameters = new double[LoopsDoubleNet.ParameterCount];
        after.GetParameters(parameters);

        Assert.Contains("loops layout", markdown);
        Assert.Contains("- `E_total = " + loss.ToString("G17", CultureInfo.InvariantCulture) + "`", markdown);
        string[] rows = markdown.Split('\n');
        // Layer 2 (silu, shared bias), neuron 4: net, out and delta from the Trace.
        string h2_4 = "| h2_4 | " + string.Join(" | ", new[] { trace.Net(2)[3], trace.Out(2)[3], trace.Delta(2)[3] }.Select(v => v.ToString("G17", CultureInfo.InvariantCulture))) + " |";
        Assert.Contains(h2_4, rows);
        // Every parameter's updated value is what TrainStep leaves.
        for (int i = 0; i < LoopsDoubleNet.ParameterCount; i++)
        {
            string row = Assert.Single(rows, r => r.StartsWith("| " + LoopsDoubleNet.ParameterName(i) + " | ", StringComparison.Ordinal));
            string updated = row.Split('|', StringSplitOptions.TrimEntries)[4];
            Assert.Equal(parameters[i], double.Parse(updated, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Digits_and_culture_the_default_overload_writes_9_significant_digits_in_any_culture()
    {
        var net = new MazurNet();
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            string markdown = Walkthrough(w => net.WriteWalkthrough(new[] { 0.05, 0.1 }, new[] { 0.01, 0.99 }, 0.5, w));
            Assert.Contains("- `out_h1 = 1/(1 + e^-net_h1) = 1 / (1 + e^-0.3775) = 0.593269992`", markdown);
            string three = Walkthrough(w => net.WriteWalkthrough(new[] { 0.05, 0.1 }, new[] { 0.01, 0.99 }, 0.5, w, 3));
            Assert.Contains("- `out_h1 = 1/(1 + e^-net_h1) = 1 / (1 + e^-0.378) = 0.593`", three);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => net.WriteWalkthrough(new[] { 0.05, 0.1 }, new[] { 0.01, 0.99 }, 0.5, TextWriter.Null, 0));
        Assert.Throws<ArgumentNullException>(() => net.WriteWalkthrough(new[] { 0.05, 0.1 }, new[] { 0.01, 0.99 }, 0.5, null!));
        Assert.Throws<ArgumentException>(() => net.WriteWalkthrough(new[] { 0.05 }, new[] { 0.01, 0.99 }, 0.5, TextWriter.Null));
    }

    [Fact]
    public void Diagrams_are_well_formed_svg_with_every_weight_labelled_or_aggregated()
    {
        var mazur = new MazurNet();
        System.Xml.XmlElement root = WalkthroughReader.ParseSvg(mazur.ToDiagramSvg());
        string text = root.InnerText;
        var parameters = new double[MazurNet.ParameterCount];
        mazur.GetParameters(parameters);
        for (int i = 0; i < MazurNet.ParameterCount; i++)
        {
            Assert.Contains(MazurNet.ParameterName(i) + " = " + parameters[i].ToString("G6", CultureInfo.InvariantCulture), text);
        }

        // The diagram shows the current parameters, not the initial ones.
        mazur.TrainStep(new[] { 0.05, 0.1 }, new[] { 0.01, 0.99 }, 0.5);
        Assert.Contains("w5 = 0.358916", WalkthroughReader.ParseSvg(mazur.ToDiagramSvg()).InnerText);

        // 3-5-3-4-2: the 3x5 and 5x3 gaps have too many lines to label (counted and ranged instead); 3x4 and 4x2 are labelled.
        string deep = WalkthroughReader.ParseSvg(new DeepNet().ToDiagramSvg()).InnerText;
        Assert.Contains("15 weights w1..w15", deep);
        Assert.Contains("15 weights w16..w30", deep);
        Assert.Contains("w31 = ", deep);
        Assert.Contains("w50 = ", deep);
        Assert.DoesNotContain("w1 = ", deep);
        Assert.Contains("w1 = ", WalkthroughReader.ParseSvg(new WalkthroughMixNet().ToDiagramSvg()).InnerText);
        Assert.Contains("42 weights w1..w42", WalkthroughReader.ParseSvg(new SplitFloatNet().ToDiagramSvg()).InnerText);

        // Too large to label: one box per layer, the weight matrices counted, no per-weight label.
        string wide = WalkthroughReader.ParseSvg(new WideNet().ToDiagramSvg()).InnerText;
        Assert.Contains("2,048 weights", wide);
        Assert.Contains("w1..w2048", wide);
        Assert.DoesNotContain("w1 = ", wide);
    }
}

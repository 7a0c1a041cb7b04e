using Xunit.Abstractions;

namespace BackpropGen.Generator.Tests.Numerics.Activations;

/// <summary>
/// Every activation as the generated code computes it (the rule's code with the class's deterministic maths) against the
/// correctly rounded value (<see cref="ActivationReference"/>), on a dense sweep of the whole input range plus the edges,
/// for double and float. Issue 14 asks for at most 2 ulp; the measured maxima are printed.
/// </summary>
public class ActivationAccuracyTests
{
    /// <summary>The bound the README states for every activation.</summary>
    public const long MaxUlp = 2;

    private readonly ITestOutputHelper _output;

    public ActivationAccuracyTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (ActivationCase c in CompiledActivations.Cases)
        {
            data.Add(c.Id, false);
            data.Add(c.Id, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Activation_is_within_2_ulp_of_the_correctly_rounded_value(string id, bool isFloat)
    {
        ActivationCase c = CompiledActivations.Cases.Single(a => a.Id == id);
        Func<double, double> computed = isFloat ? x => CompiledActivations.OutputFloat(c)((float)x) : CompiledActivations.Output(c);
        long worst = 0;
        double worstInput = 0, worstValue = 0, worstExpected = 0;
        foreach (double x in ActivationInputs.Sweep(id, isFloat))
        {
            double expected = ActivationReference.Evaluate(c.Json, x, isFloat ? (float)c.Alpha : c.Alpha, isFloat);
            double value = computed(x);
            long ulps = UlpDistance(value, expected, isFloat);
            if (ulps > worst)
            {
                (worst, worstInput, worstValue, worstExpected) = (ulps, x, value, expected);
            }
        }

        _output.WriteLine($"{id} ({(isFloat ? "float" : "double")}): max {worst} ulp" + (worst > 0 ? $", at x = {worstInput:R}: {worstValue:R}, correctly rounded {worstExpected:R}" : string.Empty));
        Assert.True(worst <= MaxUlp, $"{id} is {worst} ulp off at x = {worstInput:R}: {worstValue:R}, correctly rounded {worstExpected:R}");
    }

    [Fact]
    public void The_ulp_measure_sees_a_one_ulp_error()
    {
        Assert.Equal(1, UlpDistance(System.Math.BitIncrement(0.75), 0.75, isFloat: false));
        Assert.Equal(1, UlpDistance(float.Epsilon, -0.0, isFloat: true));
        Assert.Equal(0, UlpDistance(-0.0, 0.0, isFloat: false));
        Assert.Equal(long.MaxValue, UlpDistance(0.5, double.NaN, isFloat: false));
    }

    /// <summary>Distance in representable values of the type (±0 one value); NaN only matches NaN.</summary>
    public static long UlpDistance(double value, double expected, bool isFloat)
    {
        if (double.IsNaN(value) || double.IsNaN(expected))
        {
            return double.IsNaN(value) && double.IsNaN(expected) ? 0 : long.MaxValue;
        }

        long Ordered(double v)
        {
            long bits = isFloat ? BitConverter.SingleToInt32Bits((float)v) : BitConverter.DoubleToInt64Bits(v);
            return bits < 0 ? unchecked((isFloat ? int.MinValue : long.MinValue) - bits) : bits;
        }

        return System.Math.Abs(Ordered(value) - Ordered(expected));
    }
}

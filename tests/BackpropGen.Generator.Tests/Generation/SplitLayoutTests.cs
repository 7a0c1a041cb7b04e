using System.Reflection;
using BackpropGen.Generator.Tests.Infrastructure;
using BackpropGen.Generator.Tests.Numerics;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>
/// The split layout is the unrolled arithmetic in several methods: it must give the unrolled bits and cut its parts
/// inside the JIT's budgets. "auto" never picks it (loops trained faster where unrolled code no longer fits; CodeLayout).
/// </summary>
public class SplitLayoutTests
{
    private static readonly LayerSpec[] Wide = { new(24, "tanh"), new(20, "relu", "shared"), new(4, "softmax") };

    private static readonly IReadOnlyList<NetworkSpec> Twins =
        (from numeric in new[] { "double", "float" }
         from codegen in new[] { "unrolled", "split" }
         select new NetworkSpec($"12-24-20-4 {numeric} {codegen}", 12, Wide, "cross_entropy", numeric, Seed: 11, Codegen: codegen))
        .ToList();

    private static readonly Lazy<CompiledNetworks> Compiled = new(() => CompiledNetworks.Compile(Twins, "SplitTwins"));

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void Split_gives_the_unrolled_bits_for_loss_gradient_and_training(string numeric)
    {
        IGradientCheckable unrolled = Compiled.Value.Create($"12-24-20-4 {numeric} unrolled");
        IGradientCheckable split = Compiled.Value.Create($"12-24-20-4 {numeric} split");
        double[] input = Enumerable.Range(0, 12).Select(i => Math.Sin(i + 1.0)).ToArray();
        double[] target = { 0, 0, 1, 0 };
        int count = unrolled.ParameterCount;
        Assert.Equal(count, split.ParameterCount);

        for (int step = 0; step < 3; step++)
        {
            double[] gradientUnrolled = new double[count], gradientSplit = new double[count];
            Assert.Equal(unrolled.Backward(input, target, gradientUnrolled), split.Backward(input, target, gradientSplit));
            Assert.Equal(gradientUnrolled, gradientSplit);
            Assert.Equal(unrolled.TrainStep(input, target, 0.3), split.TrainStep(input, target, 0.3));
        }

        double[] after = new double[count], afterSplit = new double[count];
        unrolled.GetParameters(after);
        split.GetParameters(afterSplit);
        Assert.Equal(after, afterSplit);
        Assert.NotEqual(0.0, after.Zip(InitialParameters(numeric), (a, b) => Math.Abs(a - b)).Max()); // it did train
    }

    [Fact]
    public void Parts_stay_well_inside_the_JIT_budgets_and_the_passes_are_cut_into_several()
    {
        Type network = NetworkType("12-24-20-4 double split");
        var methods = network.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        var parts = methods.Where(m => m.Name.Contains("Part", StringComparison.Ordinal)).ToList();

        Assert.Contains(parts, m => m.Name == "BackwardPart2");
        Assert.All(methods.Where(m => m.GetMethodBody() is not null), m =>
        {
            MethodBody body = m.GetMethodBody()!;
            // Half of the JIT's 60,000 IL bytes, and far below the 512 locals at which it stops inlining.
            Assert.True(body.GetILAsByteArray()!.Length <= 30_000, $"{m.Name}: {body.GetILAsByteArray()!.Length} bytes of IL");
            Assert.True(body.LocalVariables.Count <= 16, $"{m.Name}: {body.LocalVariables.Count} locals");
        });
    }

    [Theory]
    [InlineData(2, new[] { 2, 2 }, "unrolled layout")]      // the worked example
    [InlineData(4, new[] { 16, 3 }, "unrolled layout")]     // Iris: 112 weights
    [InlineData(16, new[] { 32, 10 }, "loops layout")]      // 832 weights, too many locals for one method
    [InlineData(12, new[] { 30, 20, 3 }, "loops layout")]   // 1,020 weights
    [InlineData(64, new[] { 32, 10 }, "loops layout")]      // 2,368 weights
    public void Auto_picks_unrolled_then_loops_by_size_and_never_split(int inputs, int[] sizes, string layout)
    {
        var spec = new NetworkSpec("auto", inputs, sizes.Select(s => new LayerSpec(s, "tanh")).ToArray(), Seed: 1);

        string source = GeneratorHarness.Run("[BackpropGen.Network(\"n.json\")] public partial class N { }", ("/p/n.json", spec.ToJson())).GeneratedSources.Values.Single();

        Assert.EndsWith("; " + layout + ".", source.Split('\n')[2]);
    }

    private static Type NetworkType(string name)
    {
        Type adapter = Compiled.Value.Create(name).GetType();
        return adapter.Assembly.GetType(adapter.FullName!.Replace("Adapter", string.Empty, StringComparison.Ordinal), throwOnError: true)!;
    }

    private static double[] InitialParameters(string numeric)
    {
        IGradientCheckable fresh = Compiled.Value.Create($"12-24-20-4 {numeric} split");
        double[] values = new double[fresh.ParameterCount];
        fresh.GetParameters(values);
        return values;
    }
}

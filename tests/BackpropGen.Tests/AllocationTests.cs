namespace BackpropGen.Tests;

/// <summary>None of the generated methods allocates on the managed heap.</summary>
public class AllocationTests
{
    private const int Calls = 10_000;

    [Fact]
    public void Double_network_methods_allocate_nothing()
    {
        var net = new MazurNet();
        double[] input = { 0.05, 0.10 }, target = { 0.01, 0.99 };
        var output = new double[MazurNet.OutputCount];
        var gradient = new double[MazurNet.ParameterCount];
        var parameters = new double[MazurNet.ParameterCount];

        AssertNoAllocation("Forward", () => net.Forward(input, output));
        AssertNoAllocation("Loss", () => net.Loss(input, target));
        AssertNoAllocation("Backward", () => net.Backward(input, target, gradient));
        AssertNoAllocation("Backward with trace", () => net.Backward(input, target, gradient, out _));
        AssertNoAllocation("TrainStep", () => net.TrainStep(input, target, 0.5));
        AssertNoAllocation("GetParameters", () => net.GetParameters(parameters));
        AssertNoAllocation("SetParameters", () => net.SetParameters(parameters));
        var copy = new MazurNet();
        AssertNoAllocation("CopyParametersTo", () => net.CopyParametersTo(copy));
    }

    [Fact]
    public void Float_and_deep_network_methods_allocate_nothing()
    {
        var small = new MazurNetFloat();
        float[] input = { 0.05f, 0.10f }, target = { 0.01f, 0.99f };
        var gradient = new float[MazurNetFloat.ParameterCount];
        var output = new float[MazurNetFloat.OutputCount];
        AssertNoAllocation("float Forward", () => small.Forward(input, output));
        AssertNoAllocation("float Backward", () => small.Backward(input, target, gradient));
        AssertNoAllocation("float TrainStep", () => small.TrainStep(input, target, 0.5f));

        var deep = new DeepNet();
        double[] deepInput = { 0.3, -0.2, 0.9 }, deepTarget = { 0.5, -0.5 };
        var deepGradient = new double[DeepNet.ParameterCount];
        AssertNoAllocation("deep Loss", () => deep.Loss(deepInput, deepTarget));
        AssertNoAllocation("deep Backward", () => deep.Backward(deepInput, deepTarget, deepGradient));
        AssertNoAllocation("deep TrainStep", () => deep.TrainStep(deepInput, deepTarget, 0.01));
    }

    [Fact]
    public void Loops_layout_methods_allocate_nothing()
    {
        var net = new WideNet();
        var input = Enumerable.Range(0, WideNet.InputCount).Select(i => (i % 5) / 5f).ToArray();
        var target = new float[WideNet.OutputCount];
        target[3] = 1;
        var output = new float[WideNet.OutputCount];
        var gradient = new float[WideNet.ParameterCount];

        AssertNoAllocation("loops Forward", () => net.Forward(input, output));
        AssertNoAllocation("loops Loss", () => net.Loss(input, target));
        AssertNoAllocation("loops Backward", () => net.Backward(input, target, gradient));
        AssertNoAllocation("loops TrainStep", () => net.TrainStep(input, target, 0.01f));
        AssertNoAllocation("loops GetParameters", () => net.GetParameters(gradient));
        var copy = new WideNet();
        AssertNoAllocation("loops CopyParametersTo", () => net.CopyParametersTo(copy));
    }

    [Fact]
    public void Split_layout_methods_allocate_nothing()
    {
        var net = new SplitNet();
        var input = Enumerable.Range(0, SplitNet.InputCount).Select(i => (i % 5) / 5.0).ToArray();
        var target = new double[SplitNet.OutputCount];
        target[3] = 1;
        var output = new double[SplitNet.OutputCount];
        var gradient = new double[SplitNet.ParameterCount];

        Assert.Contains(typeof(SplitNet).GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic), m => m.Name == "BackwardPart2");
        AssertNoAllocation("split Forward", () => net.Forward(input, output));
        AssertNoAllocation("split Loss", () => net.Loss(input, target));
        AssertNoAllocation("split Backward", () => net.Backward(input, target, gradient));
        AssertNoAllocation("split Backward with trace", () => net.Backward(input, target, gradient, out _));
        AssertNoAllocation("split TrainStep", () => net.TrainStep(input, target, 0.01));
        AssertNoAllocation("split GetParameters", () => net.GetParameters(gradient));
        var copy = new SplitNet();
        AssertNoAllocation("split CopyParametersTo", () => net.CopyParametersTo(copy));
    }

    [Fact]
    public void Batch_methods_allocate_nothing_after_a_threads_first_call()
    {
        const int Rows = 37; // whole vectors of rows, blocks, and rows left over
        AssertBatchNoAllocation<double>("unrolled ForwardBatch", MazurNet.InputCount, MazurNet.OutputCount, new MazurNet().ForwardBatch);
        AssertBatchNoAllocation<float>("float unrolled ForwardBatch", MazurNetFloat.InputCount, MazurNetFloat.OutputCount, new MazurNetFloat().ForwardBatch);
        AssertBatchNoAllocation<double>("split ForwardBatch", SplitNet.InputCount, SplitNet.OutputCount, new SplitNet().ForwardBatch);
        AssertBatchNoAllocation<double>("loops ForwardBatch", LoopsDoubleNet.InputCount, LoopsDoubleNet.OutputCount, new LoopsDoubleNet().ForwardBatch);
        AssertBatchNoAllocation<float>("float loops ForwardBatch", WideNet.InputCount, WideNet.OutputCount, new WideNet().ForwardBatch);
        AssertBatchNoAllocation<double>("frozen unrolled PredictBatch", MazurFrozen.InputCount, MazurFrozen.OutputCount, MazurFrozen.PredictBatch);
        AssertBatchNoAllocation<float>("frozen float PredictBatch", MazurFrozenFloat.InputCount, MazurFrozenFloat.OutputCount, MazurFrozenFloat.PredictBatch);
        AssertBatchNoAllocation<double>("frozen loops PredictBatch", FrozenLoopsNet.InputCount, FrozenLoopsNet.OutputCount, FrozenLoopsNet.PredictBatch);
        // TrainBatch: 37 rows take whole blocks of rows and a partial one.
        AssertTrainBatchNoAllocation<double>("loops TrainBatch", LoopsDoubleNet.InputCount, LoopsDoubleNet.OutputCount, new LoopsDoubleNet().TrainBatch, 0.01);
        AssertTrainBatchNoAllocation<float>("float loops TrainBatch", WideNet.InputCount, WideNet.OutputCount, new WideNet().TrainBatch, 0.01f);
        AssertTrainBatchNoAllocation<double>("unrolled TrainBatch", MazurNet.InputCount, MazurNet.OutputCount, new MazurNet().TrainBatch, 0.01);

        void AssertTrainBatchNoAllocation<T>(string what, int inputCount, int outputCount, TrainBatchCall<T> trainBatch, T learningRate)
            where T : struct
        {
            var inputs = new T[Rows * inputCount];
            var targets = new T[Rows * outputCount];
            AssertNoAllocation(what, () => trainBatch(inputs, targets, learningRate));
        }

        void AssertBatchNoAllocation<T>(string what, int inputCount, int outputCount, BatchCall<T> batch)
            where T : struct
        {
            var inputs = new T[Rows * inputCount];
            var outputs = new T[Rows * outputCount];
            AssertNoAllocation(what, () => batch(inputs, outputs));
        }
    }

    private delegate void BatchCall<T>(ReadOnlySpan<T> inputs, Span<T> outputs);

    private delegate T TrainBatchCall<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    private static void AssertNoAllocation(string what, Action call)
    {
        call(); // warm up: JIT and tiering allocate, the method itself must not.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            call();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{what} allocated {allocated} bytes over {Calls} calls");
    }
}

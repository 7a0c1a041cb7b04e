using System.Reflection;
using BackpropGen.Generator.Emit;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing;
using BackpropGen.Generator.Tests.Numerics;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>
/// The one generation model: the layout is chosen from counts that match what the unrolled layout names, and every
/// layout declares exactly the members of the member table. The snapshot networks are compiled into this project,
/// so their types are at hand.
/// </summary>
public class GenerationModelTests
{
    [Fact]
    public void Counted_locals_equal_the_quantities_the_unrolled_layout_names_for_every_checked_network()
    {
        Assert.All(GradientCheckNetworks.All, spec =>
        {
            NetworkDescription description = Parse(spec.ToJson());
            Assert.Equal(new ChainRulePlan(NetworkModel.Build(description)).All.Count(), NetworkCounts.Of(description).UnrolledLocals);
        });
    }

    public static TheoryData<Type, string> Layouts => new()
    {
        { typeof(WorkedExample.MazurNet), "unrolled" },
        { typeof(Snapshots.SplitNet), "split" },
        { typeof(Snapshots.LoopsNet), "loops" },
        { typeof(Snapshots.FrozenUnrolledNet), "frozen" },
        { typeof(Snapshots.FrozenLoopsNet), "frozen" },
        { typeof(Snapshots.FloatNet), "unrolled" },
        { typeof(Snapshots.SoftmaxCrossEntropyNet), "unrolled" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_layout_declares_exactly_the_public_members_of_the_table(Type network, string layout)
    {
        Audience audience = layout == "frozen" ? Audience.Frozen : Audience.Trainable;
        var expected = MemberTable.For(audience).Select(m => Declared(m.Id)).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        var actual = network.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is not ConstructorInfo)
            .Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(expected, actual);
        Assert.All(network.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => m is not ConstructorInfo), member =>
            Assert.NotNull(member.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>()));
    }

    [Fact]
    public void The_placeholder_declares_every_member_of_the_table()
    {
        var expected = MemberTable.For(Audience.Both).Select(m => Declared(m.Id)).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        var actual = typeof(Snapshots.PlaceholderNet).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is not ConstructorInfo).Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_loops_trace_holds_the_pass_layer_by_layer()
    {
        var net = new Snapshots.LoopsNet();
        double[] input = { 0.3, -1.2, 0.8, 2.0 }, target = { 0, 1, 0 };
        var gradient = new double[Snapshots.LoopsNet.ParameterCount];
        var output = new double[Snapshots.LoopsNet.OutputCount];

        double loss = net.Backward(input, target, gradient, out Snapshots.LoopsNet.Trace trace);
        net.Forward(input, output);

        Assert.Equal(loss, trace.E_total);
        Assert.Equal(input, trace.Input.ToArray());
        Assert.Equal(target, trace.Target.ToArray());
        Assert.Equal(output, trace.Out(2).ToArray());
        // Softmax with cross-entropy and a one-hot target: delta = out - target.
        Assert.Equal(output.Zip(target, (o, t) => o - t), trace.Delta(2).ToArray());
        // relu hidden layer: out = max(0, net).
        Assert.Equal(trace.Net(1).ToArray().Select(x => Math.Max(x, 0)), trace.Out(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.Net(3).Length);
    }

    /// <summary>
    /// One shared instance, many threads, different inputs: every result bit for bit the single-threaded one. Counts wrong
    /// results; times nothing.
    /// </summary>
    [Fact]
    public void Loops_inference_on_a_shared_instance_is_exact_from_many_threads()
    {
        var net = new Snapshots.LoopsNet();
        const int Threads = 8, Calls = 2_000;
        double[][] inputs = Enumerable.Range(0, 64).Select(i => new[] { Math.Sin(i), Math.Cos(i), i / 32.0 - 1, (i % 7) - 3.0 }).ToArray();
        double[] target = { 0, 0, 1 };
        var expected = inputs.Select(x =>
        {
            var o = new double[3];
            net.Forward(x, o);
            return (Output: o, Loss: net.Loss(x, target));
        }).ToArray();

        int wrong = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => new System.Threading.Thread(() =>
        {
            var o = new double[3];
            for (int call = 0; call < Calls; call++)
            {
                int i = (call * 7 + t * 13) % inputs.Length;
                net.Forward(inputs[i], o);
                double loss = net.Loss(inputs[i], target);
                if (!o.SequenceEqual(expected[i].Output) || BitConverter.DoubleToInt64Bits(loss) != BitConverter.DoubleToInt64Bits(expected[i].Loss))
                {
                    System.Threading.Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, wrong);
    }

    /// <summary>The C# name a member id declares (overloads share a name).</summary>
    private static string Declared(MemberId id) => id switch
    {
        MemberId.BackwardWithTrace => "Backward",
        MemberId.WriteDescriptionFrozen => "WriteDescription",
        MemberId.ToDescriptionJsonFrozen => "ToDescriptionJson",
        _ => id.ToString(),
    };

    private static NetworkDescription Parse(string json)
    {
        var (description, diagnostics, _) = JsonDescriptionParser.Parse("/p/d.json", SourceText.From(json), default);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return description!;
    }
}

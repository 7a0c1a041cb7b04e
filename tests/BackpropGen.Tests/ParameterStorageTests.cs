using System.Reflection;
using System.Runtime.CompilerServices;

namespace BackpropGen.Tests;

/// <summary>
/// The loops layout keeps its parameters on a 64-byte boundary in pinned storage, so that whole-row vector loads never
/// straddle cache lines, in every process and after any garbage collection.
/// </summary>
public class ParameterStorageTests
{
    [Fact]
    public void Loops_parameters_start_on_a_64_byte_boundary_and_stay_there()
    {
        var net = new WideNet();
        var storage = (float[])typeof(WideNet).GetField("_parameters", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(net)!;
        int offset = (int)typeof(WideNet).GetMethod("AlignedOffset", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, new object[] { storage })!;

        Assert.Equal(0, Address(storage, offset) % 64);
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            Assert.Equal(0, Address(storage, offset) % 64);
        }

        // The parameters themselves are where GetParameters finds them.
        var parameters = new float[WideNet.ParameterCount];
        net.GetParameters(parameters);
        Assert.Equal(parameters, storage.AsSpan(offset, WideNet.ParameterCount).ToArray());
    }

    private static long Address(float[] storage, int index) =>
        (long)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref storage[index]);
}

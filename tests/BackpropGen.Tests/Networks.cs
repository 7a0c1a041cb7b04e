namespace BackpropGen.Tests;

/// <summary>The worked example, from the sample's own description.</summary>
[BackpropGen.Network("mazur.json")]
public partial class MazurNet
{
}

/// <summary>The worked example in float.</summary>
[BackpropGen.Network("Networks/mazur_float.json")]
public partial class MazurNetFloat
{
}

/// <summary>A deeper network: 3 -> 5 -> 3 -> 4 -> 2, mixed activations.</summary>
[BackpropGen.Network("deep.json")]
internal sealed partial class DeepNet
{
}

/// <summary>The worked example frozen into constants; a static class, since it has no instance members.</summary>
[BackpropGen.Network("mazur_frozen.json")]
public static partial class MazurFrozen
{
}

/// <summary>The float worked example frozen, from attributes.</summary>
[BackpropGen.Network(Inputs = 2, Numeric = BackpropGen.Numeric.Float, Frozen = true)]
[BackpropGen.Layer(2, BackpropGen.Activation.Logistic, Bias = BackpropGen.BiasMode.Shared)]
[BackpropGen.Layer(2, BackpropGen.Activation.Logistic, Bias = BackpropGen.BiasMode.Shared)]
[BackpropGen.InitialWeights(0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]
[BackpropGen.InitialBiases(0.35, 0.60)]
public static partial class MazurFrozenFloat
{
}

/// <summary>64-32-10 in float: the loops layout.</summary>
[BackpropGen.Network("wide.json")]
public partial class WideNet
{
}

/// <summary>16-32-10 in double: the split layout.</summary>
[BackpropGen.Network("Networks/split.json")]
public partial class SplitNet
{
}

/// <summary>6-7-5-3 elu/silu/softmax in double, forced into the loops layout.</summary>
[BackpropGen.Network("loops_double.json")]
public partial class LoopsDoubleNet
{
}

/// <summary>6-7-3 in float, forced into the split layout.</summary>
[BackpropGen.Network("split_float.json")]
public partial class SplitFloatNet
{
}

/// <summary>6-5-3 frozen, in the loops layout.</summary>
[BackpropGen.Network("frozen_loops.json")]
public static partial class FrozenLoopsNet
{
}

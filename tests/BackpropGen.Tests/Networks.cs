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

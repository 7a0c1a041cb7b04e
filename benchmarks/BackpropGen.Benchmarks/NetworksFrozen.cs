using BackpropGen;

namespace BackpropGen.Benchmarks;

// Frozen twins (static Predict, parameters as constants) of the worked example and of 64-32-10. Their JSON is the
// trainable network's ToDescriptionJson() plus "frozen": true, written by "--export" (see Program.cs, README.md).

/// <summary>Frozen 2-2-2 worked example, double.</summary>
[Network("Networks/worked.frozen.json")]
public static partial class WorkedFrozenD { }

/// <summary>Frozen 2-2-2 worked example, float.</summary>
[Network("Networks/worked.float.frozen.json")]
public static partial class WorkedFrozenF { }

/// <summary>Frozen 64-32-10, double.</summary>
[Network("Networks/digits.frozen.json")]
public static partial class DigitsFrozenD { }

/// <summary>Frozen 64-32-10, float.</summary>
[Network("Networks/digits.float.frozen.json")]
public static partial class DigitsFrozenF { }

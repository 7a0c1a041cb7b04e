namespace BackpropGen.Generator.Parsing.Json;

/// <summary>The kind of a parsed JSON value; true and false are separate so callers need no extra cast.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

using System.Globalization;
using System.Text;

namespace BackpropGen.Generator.Tests.Shapes;

/// <summary>An identifier as written in C# (<see cref="Source"/>, maybe with '@' or a \u escape) and its value (<see cref="Value"/>).</summary>
internal sealed record Name(string Source, string Value)
{
    public override string ToString() => Source;
}

/// <summary>A type around the network class: its kind ("class", "struct", "record", "record struct", "interface"), name, type parameters, modifiers.</summary>
internal sealed record Container(string Kind, Name Name, Name[] TypeParameters, string Modifiers);

/// <summary>The network: JSON or attributes, its hidden activation, numeric type, layout, frozen (then maybe a static class).</summary>
internal sealed record NetShape(bool Json, string Activation, bool Float, string Codegen, bool Frozen, bool Static);

/// <summary>
/// One declaration of a network class, in its own file: a namespace ("none", "block", "nested" blocks, or "file"-scoped),
/// containing types, the class's modifiers and name, and the network. It renders to C# (and JSON), and knows its
/// reflection name and the outputs its Forward must give.
/// </summary>
internal sealed record ShapeCase(int Id, string NamespaceForm, Name[] Namespace, Container[] Containers, string Modifiers, bool IsRecord, Name ClassName, NetShape Net)
{
    public static readonly double[] Weights = { 0.15, -0.2, 0.25, 0.3, -0.4, 0.45 };
    public static readonly double[] Biases = { 0.35, -0.1, 0.6 };
    public static readonly double[] Input = { 0.05, -0.7 };

    public string JsonPath => $"/shapes/nets/case{Id}.json";

    /// <summary>The class's full name as reflection spells it ("A.B.Outer`1+Net").</summary>
    public string MetadataName =>
        (Namespace.Length == 0 || NamespaceForm == "none" ? string.Empty : string.Join(".", Namespace.Select(n => n.Value)) + ".")
        + string.Concat(Containers.Select(c => c.Name.Value + (c.TypeParameters.Length > 0 ? "`" + c.TypeParameters.Length.ToString(CultureInfo.InvariantCulture) : string.Empty) + "+"))
        + ClassName.Value;

    /// <summary>
    /// The scopes from the outside in: namespaces ("n:Nets"), containing types ("t:Outer`1"), then the class itself.
    /// A type declared directly in a scope that is a prefix of this chain is in scope inside the class.
    /// </summary>
    public IReadOnlyList<string> Chain =>
        (NamespaceForm == "none" ? Array.Empty<Name>() : Namespace).Select(n => "n:" + n.Value)
            .Concat(Containers.Select(c => "t:" + c.Name.Value + (c.TypeParameters.Length > 0 ? "`" + c.TypeParameters.Length.ToString(CultureInfo.InvariantCulture) : string.Empty)))
            .Append("t:" + ClassName.Value)
            .ToList();

    /// <summary>
    /// Every namespace and type this case declares, by its path of plain names (a namespace and a type of one name in one
    /// scope collide, whatever the arity), with how it is declared: two cases must agree on a shared one.
    /// </summary>
    public IEnumerable<(string Path, string Declaration)> Declarations()
    {
        IReadOnlyList<string> chain = Chain;
        int namespaces = chain.Count - Containers.Length - 1;
        for (int i = 0; i < chain.Count; i++)
        {
            string path = string.Join("/", chain.Take(i + 1).Select(p => p.Substring(2).Split('`')[0]));
            if (i < namespaces)
            {
                yield return (path, "namespace");
            }
            else if (i < chain.Count - 1)
            {
                Container c = Containers[i - namespaces];
                yield return (path, $"{c.Modifiers} {c.Kind} <{string.Join(",", c.TypeParameters.Select(t => t.Value))}>");
            }
            else
            {
                yield return (path, "network " + Id.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    public string Source()
    {
        var s = new StringBuilder();
        string ns = string.Join(".", Namespace.Select(n => n.Source));
        bool hasNamespace = NamespaceForm != "none" && Namespace.Length > 0;
        int closes = 0;
        if (hasNamespace && NamespaceForm == "file")
        {
            s.Append("namespace ").Append(ns).Append(";\n");
        }
        else if (hasNamespace && NamespaceForm == "nested")
        {
            foreach (Name part in Namespace)
            {
                s.Append("namespace ").Append(part.Source).Append(" {\n");
                closes++;
            }
        }
        else if (hasNamespace)
        {
            s.Append("namespace ").Append(ns).Append(" {\n");
            closes++;
        }

        foreach (Container c in Containers)
        {
            s.Append(c.Modifiers).Append(c.Modifiers.Length > 0 ? " " : string.Empty).Append("partial ").Append(c.Kind).Append(' ').Append(c.Name.Source);
            if (c.TypeParameters.Length > 0)
            {
                s.Append('<').Append(string.Join(", ", c.TypeParameters.Select(t => t.Source))).Append('>');
            }

            s.Append(" {\n");
            closes++;
        }

        s.Append(Attributes());
        s.Append(Modifiers).Append(Modifiers.Length > 0 ? " " : string.Empty).Append(Net.Static ? "static " : string.Empty)
            .Append("partial ").Append(IsRecord ? "record " : "class ").Append(ClassName.Source).Append(" {\n");
        s.Append(RunMethod());
        s.Append("}\n");
        s.Append(new string('}', closes)).Append('\n');
        return s.ToString();
    }

    public string Json()
    {
        string numbers(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return $$"""
            {
              "inputs": 2,
              "layers": [ { "size": 2, "activation": "{{Net.Activation}}" }, { "size": 1, "activation": "identity" } ],
              "numeric": "{{(Net.Float ? "float" : "double")}}",
              "codegen": "{{Net.Codegen}}",
              "frozen": {{(Net.Frozen ? "true" : "false")}},
              "initial": { "weights": [ {{numbers(Weights)}} ], "biases": [ {{numbers(Biases)}} ] }
            }
            """;
    }

    /// <summary>What Forward (or Predict) must return for <see cref="Input"/>, computed here in double.</summary>
    public double Expected()
    {
        double h1 = Activate((Weights[0] * Input[0]) + (Weights[1] * Input[1]) + Biases[0]);
        double h2 = Activate((Weights[2] * Input[0]) + (Weights[3] * Input[1]) + Biases[1]);
        return (Weights[4] * h1) + (Weights[5] * h2) + Biases[2];
    }

    public override string ToString() => Source();

    private double Activate(double x) => Net.Activation switch
    {
        "logistic" or "sigmoid" => 1 / (1 + Math.Exp(-x)),
        "tanh" => Math.Tanh(x),
        "relu" => Math.Max(0, x),
        "leaky_relu" => x > 0 ? x : 0.01 * x,
        "identity" or "linear" => x,
        "softplus" => Math.Log(1 + Math.Exp(x)),
        "silu" or "swish" => x / (1 + Math.Exp(-x)),
        "elu" => x > 0 ? x : Math.Exp(x) - 1,
        _ => throw new ArgumentOutOfRangeException(nameof(Net), Net.Activation, "no reference"),
    };

    private string Attributes()
    {
        if (Net.Json)
        {
            return $"[global::BackpropGen.Network(\"nets/case{Id}.json\")]\n";
        }

        string activation = Net.Activation switch
        {
            "logistic" or "sigmoid" => "Logistic",
            "tanh" => "Tanh",
            "relu" => "ReLU",
            "leaky_relu" => "LeakyReLU",
            "identity" or "linear" => "Identity",
            "softplus" => "Softplus",
            "silu" or "swish" => "SiLU",
            "elu" => "ELU",
            _ => throw new ArgumentOutOfRangeException(nameof(Net), Net.Activation, "no attribute twin"),
        };
        string codegen = char.ToUpperInvariant(Net.Codegen[0]) + Net.Codegen.Substring(1);
        string numbers(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return $"[global::BackpropGen.Network(Inputs = 2, Numeric = global::BackpropGen.Numeric.{(Net.Float ? "Float" : "Double")}, Codegen = global::BackpropGen.Codegen.{codegen}, Frozen = {(Net.Frozen ? "true" : "false")})]\n"
            + $"[global::BackpropGen.Layer(2, global::BackpropGen.Activation.{activation})]\n"
            + "[global::BackpropGen.Layer(1, global::BackpropGen.Activation.Identity)]\n"
            + $"[global::BackpropGen.InitialWeights({numbers(Weights)})]\n"
            + $"[global::BackpropGen.InitialBiases({numbers(Biases)})]\n";
    }

    /// <summary>A static method inside the class, so the test reaches Forward (or Predict) whatever the accessibility.</summary>
    private string RunMethod()
    {
        string t = Net.Float ? "float" : "double";
        string call = Net.Frozen ? "Predict(input, output)" : $"new {ClassName.Source}().Forward(input, output)";
        return $$"""
                internal static double RunForTest(double i1, double i2)
                {
                    global::System.Span<{{t}}> input = stackalloc {{t}}[] { ({{t}})i1, ({{t}})i2 };
                    global::System.Span<{{t}}> output = stackalloc {{t}}[OutputCount];
                    {{call}};
                    return output[0];
                }

            """;
    }
}

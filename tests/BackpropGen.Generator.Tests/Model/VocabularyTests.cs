using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Tests.Model;

/// <summary>One vocabulary per enum: every kind has a spelling that parses back to it, and the public enums match the model's.</summary>
public class VocabularyTests
{
    [Fact]
    public void Every_kind_has_a_spelling_that_parses_back_to_it()
    {
        foreach (ActivationKind kind in Enum.GetValues<ActivationKind>())
        {
            Assert.True(Vocabulary.TryParseActivation(Vocabulary.Name(kind), out ActivationKind parsed) && parsed == kind, kind.ToString());
        }

        foreach (LossKind kind in Enum.GetValues<LossKind>())
        {
            Assert.True(Vocabulary.TryParseLoss(Vocabulary.Name(kind), out LossKind parsed) && parsed == kind, kind.ToString());
        }

        foreach (BiasKind kind in Enum.GetValues<BiasKind>())
        {
            Assert.True(Vocabulary.TryParseBias(Vocabulary.Name(kind), out BiasKind parsed) && parsed == kind, kind.ToString());
        }

        foreach (NumericKind kind in Enum.GetValues<NumericKind>())
        {
            Assert.True(Vocabulary.TryParseNumeric(Vocabulary.Name(kind), out NumericKind parsed) && parsed == kind, kind.ToString());
        }

        foreach (CodegenKind kind in Enum.GetValues<CodegenKind>())
        {
            Assert.True(Vocabulary.TryParseCodegen(Vocabulary.Name(kind), out CodegenKind parsed) && parsed == kind, kind.ToString());
        }
    }

    [Theory]
    [InlineData("sigmoid", "logistic")]
    [InlineData("linear", "identity")]
    [InlineData("swish", "silu")]
    public void Aliases_parse_to_their_kind_but_are_never_the_name(string alias, string name)
    {
        Assert.True(Vocabulary.TryParseActivation(name, out ActivationKind kind));
        Assert.True(Vocabulary.TryParseActivation(alias, out ActivationKind parsed));
        Assert.Equal(kind, parsed);
        Assert.NotEqual(alias, Vocabulary.Name(kind));
    }

    [Theory]
    [InlineData("Logistic")]
    [InlineData("RELU")]
    [InlineData("")]
    [InlineData("leaky-relu")]
    public void Spellings_are_exact_and_case_sensitive(string text)
    {
        Assert.False(Vocabulary.TryParseActivation(text, out _));
    }

    [Fact]
    public void Every_spelling_is_distinct_and_lists_each_kind_once_as_its_name()
    {
        AssertTable(Vocabulary.Activations);
        AssertTable(Vocabulary.Losses);
        AssertTable(Vocabulary.Biases);
        AssertTable(Vocabulary.Numerics);
        AssertTable(Vocabulary.Codegens);
        AssertTable(Vocabulary.Optimizers);
    }

    [Fact]
    public void An_unknown_kind_throws_instead_of_getting_a_wrong_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Name((ActivationKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Name((LossKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Name((BiasKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Name((NumericKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Name((CodegenKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Name((global::BackpropGen.Generator.Model.OptimizerKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationRules.UsesAlpha((ActivationKind)99));
    }

    [Fact]
    public void The_rules_name_kinds_as_the_vocabulary_does()
    {
        Assert.All(Enum.GetValues<ActivationKind>(), kind => Assert.Equal(Vocabulary.Name(kind), ActivationRules.Name(kind)));
        Assert.All(Enum.GetValues<LossKind>(), kind => Assert.Equal(Vocabulary.Name(kind), LossRules.Name(kind)));
    }

    [Fact]
    public void Describe_lists_each_kind_once_with_its_aliases()
    {
        Assert.Equal(
            "logistic (alias sigmoid), tanh, relu, leaky_relu, identity (alias linear), softplus, softmax, silu (alias swish), elu",
            Vocabulary.Describe(Vocabulary.Activations));
        Assert.Equal("auto, unrolled, loops, split", Vocabulary.Describe(Vocabulary.Codegens));
    }

    /// <summary>
    /// The attribute enums are mapped to the model's kinds by position (the generator does not reference
    /// BackpropGen.dll), so the two must have the same members with the same values, in the same order.
    /// </summary>
    [Theory]
    [InlineData(typeof(BackpropGen.Activation), typeof(ActivationKind))]
    [InlineData(typeof(BackpropGen.LossFunction), typeof(LossKind))]
    [InlineData(typeof(BackpropGen.BiasMode), typeof(BiasKind))]
    [InlineData(typeof(BackpropGen.Numeric), typeof(NumericKind))]
    [InlineData(typeof(BackpropGen.Codegen), typeof(CodegenKind))]
    [InlineData(typeof(BackpropGen.OptimizerKind), typeof(global::BackpropGen.Generator.Model.OptimizerKind))]
    public void The_public_enums_and_the_model_kinds_stay_in_step(Type publicEnum, Type modelKind)
    {
        Assert.Equal(Enum.GetNames(publicEnum), Enum.GetNames(modelKind));
        Assert.Equal(
            Enum.GetValues(publicEnum).Cast<object>().Select(Convert.ToInt32),
            Enum.GetValues(modelKind).Cast<object>().Select(Convert.ToInt32));
        Assert.Equal(Enumerable.Range(0, Enum.GetNames(modelKind).Length), Enum.GetValues(modelKind).Cast<object>().Select(Convert.ToInt32));
    }

    private static void AssertTable<T>(IReadOnlyList<KeyValuePair<string, T>> table)
        where T : struct, Enum
    {
        Assert.Equal(table.Count, table.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count());
        foreach (T kind in Enum.GetValues<T>())
        {
            Assert.Contains(table, p => EqualityComparer<T>.Default.Equals(p.Value, kind));
        }
    }
}

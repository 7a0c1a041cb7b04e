using BackpropGen.Generator.Parsing;

namespace BackpropGen.Generator.Tests.Parsing;

public class SuggestionTests
{
    private static readonly string[] Activations = { "logistic", "sigmoid", "tanh", "relu", "leaky_relu", "identity", "linear", "softplus", "softmax" };

    [Theory]
    [InlineData("sigmoidd", "sigmoid")]
    [InlineData("sigmiod", "sigmoid")]
    [InlineData("tahn", "tanh")]
    [InlineData("leakyrelu", "leaky_relu")]
    [InlineData("LeakyReLU", "leaky_relu")]
    [InlineData("soft_max", "softmax")]
    [InlineData("idenity", "identity")]
    [InlineData("logisitc", "logistic")]
    public void A_near_miss_gets_the_word_meant(string given, string meant)
    {
        Assert.Equal(meant, Suggestion.Closest(given, Activations));
    }

    [Theory]
    [InlineData("gelu_tanh_approx")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("quadratic")]
    public void A_word_far_from_every_candidate_gets_no_suggestion(string given)
    {
        Assert.Null(Suggestion.Closest(given, Activations));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("relu", "reul", 1)]
    [InlineData("same", "same", 0)]
    public void Distance_counts_edits_and_neighbour_swaps(string a, string b, int distance)
    {
        Assert.Equal(distance, Suggestion.Distance(a, b));
        Assert.Equal(distance, Suggestion.Distance(b, a));
    }

    [Fact]
    public void Ties_go_to_the_earlier_candidate()
    {
        Assert.Equal("relu", Suggestion.Closest("rel", new[] { "relu", "rell" }));
    }
}

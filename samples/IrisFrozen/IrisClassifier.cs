namespace IrisFrozen;

/// <summary>
/// The trained Iris classifier, frozen: BackpropGen compiles iris-trained.json (exported by samples/Iris, with
/// "frozen": true) into InputCount, OutputCount, ParameterCount and a static
/// <c>Predict(ReadOnlySpan&lt;double&gt; input, Span&lt;double&gt; output)</c> whose 67 weights and biases are constants:
/// no instance, no model file, no allocation. Inputs: the 4 measurements standardised with
/// <see cref="BackpropGen.Samples.IrisPreprocessing"/>; outputs: the softmax probabilities of setosa, versicolor, virginica.
/// </summary>
[BackpropGen.Network("iris-trained.json")]
public static partial class IrisClassifier { }

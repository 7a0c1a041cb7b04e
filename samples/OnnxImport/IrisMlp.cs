namespace OnnxImport;

/// <summary>
/// The PyTorch model of train.py, imported with
/// <c>backpropgen import iris_mlp.onnx -o iris_mlp.json</c>: 4 measurements (cm) -> 16 ReLU -> 3 softmax
/// probabilities (setosa, versicolor, virginica). BackpropGen generates a static <c>Predict</c> with every weight a constant.
/// </summary>
[BackpropGen.Network("iris_mlp.json")]
internal static partial class IrisMlp
{
}

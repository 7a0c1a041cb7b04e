using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BackpropGen.Tool.Description;
using Google.Protobuf;
using Onnx;

namespace BackpropGen.Tool.Onnx;

/// <summary>A model the importer cannot represent; the message is one line naming the node, its operator and what is supported.</summary>
internal sealed class ImportException : Exception
{
    public ImportException(string message)
        : base(message)
    {
    }
}

/// <summary>What the import found besides the network: for the header comment and <c>inspect</c>.</summary>
internal sealed record OnnxInfo(string Producer, long Opset, int NodeCount, string InputName, string OutputName);

/// <summary>
/// Reads an ONNX model of a fully connected network, as torch.onnx.export, tf2onnx and skl2onnx write them: a simple
/// chain from one input [batch, features] to one output of Gemm, or MatMul (+ Add of a constant bias), each followed by
/// at most one activation (Relu, LeakyRelu, Sigmoid, Tanh, Softplus, Elu, or Softmax on the last axis of the output
/// layer), with the inference no-ops Identity, Dropout and Flatten (of a 2-D input) anywhere. Two linear layers with no
/// activation between them become a layer with the <c>identity</c> activation. Anything else is refused with an
/// <see cref="ImportException"/>.
/// </summary>
internal static class OnnxImporter
{
    public const long MinOpset = 9;

    public const string Supported =
        "supported: Gemm, MatMul (+ Add of a constant bias), Relu, LeakyRelu, Sigmoid, Tanh, Softplus, Elu, Softmax (last axis, output layer), "
        + "and the no-ops Identity, Dropout, Flatten (2-D input), in one chain from one input [batch, features] to one output, opset 9 or later";

    private static readonly HashSet<string> Activations = new(StringComparer.Ordinal) { "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softplus", "Elu", "Softmax" };

    /// <summary>Reads <paramref name="bytes"/> (the contents of <paramref name="fileName"/>) as an ONNX model.</summary>
    /// <param name="bytes">The file's contents.</param>
    /// <param name="fileName">The file's name, for messages.</param>
    /// <param name="graphOutput">
    /// The graph output to import, for a model with several (skl2onnx classifiers have "label" and "probabilities"): only
    /// the nodes it depends on are read, the others are ignored. Null: the model must have exactly one output.
    /// </param>
    public static (DenseNetwork Network, OnnxInfo Info) Import(byte[] bytes, string fileName, string? graphOutput = null)
    {
        ModelProto model = Parse(bytes, fileName);
        return new Walker(model, fileName, graphOutput).Run();
    }

    private static ModelProto Parse(byte[] bytes, string fileName)
    {
        string notOnnx = $"{fileName} is not an ONNX model (expected a protobuf ModelProto with a graph, as torch.onnx.export, tf2onnx or skl2onnx write it)";
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new ImportException(notOnnx);
        }

        if (model.Graph is null || model.IrVersion <= 0 || model.Graph.Node.Count == 0 || model.OpsetImport.Count == 0)
        {
            throw new ImportException(notOnnx);
        }

        return model;
    }

    private sealed class PendingLinear
    {
        public PendingLinear(NodeProto node, int fanIn, int size, double[] weights)
        {
            Node = node;
            FanIn = fanIn;
            Size = size;
            Weights = weights;
        }

        public NodeProto Node { get; }

        public int FanIn { get; }

        public int Size { get; }

        public double[] Weights { get; }

        public LayerBias Bias { get; set; } = LayerBias.None;

        public double[] Biases { get; set; } = Array.Empty<double>();
    }

    private sealed class Walker
    {
        private readonly ModelProto _model;
        private readonly GraphProto _graph;
        private readonly string _fileName;
        private readonly string? _graphOutput;
        private List<NodeProto> _nodes = new();
        private readonly long _opset;
        private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
        private readonly HashSet<NodeProto> _visited = new();
        private readonly List<DenseLayer> _layers = new();
        private readonly Dictionary<NodeProto, int> _index = new();
        private bool _isDouble;
        private PendingLinear? _pending;
        private NodeProto? _lastNode;
        private NodeProto? _softmax;
        private int _rank;
        private int? _features;
        private string _shape = "";

        public Walker(ModelProto model, string fileName, string? graphOutput)
        {
            _graphOutput = graphOutput;
            _model = model;
            _graph = model.Graph;
            _fileName = fileName;
            OperatorSetIdProto? onnxOpset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
            if (onnxOpset is null)
            {
                throw new ImportException($"{fileName}: the model imports no ai.onnx operator set; {Supported}");
            }

            _opset = onnxOpset.Version;
            if (_opset < MinOpset)
            {
                throw new ImportException($"{fileName}: opset {_opset} is older than {MinOpset}; re-export with opset 9 or later (torch.onnx.export(..., opset_version=13)); {Supported}");
            }
        }

        public (DenseNetwork, OnnxInfo) Run()
        {
            foreach (TensorProto initializer in _graph.Initializer)
            {
                _constants[initializer.Name] = initializer;
            }

            for (int i = 0; i < _graph.Node.Count; i++)
            {
                _index[_graph.Node[i]] = i;
            }

            ValueInfoProto outputInfo = ChooseOutput();
            foreach (NodeProto node in _nodes)
            {
                if (node.OpType == "Constant" && node.Domain is "" or "ai.onnx" && node.Output.Count == 1)
                {
                    AttributeProto? value = node.Attribute.FirstOrDefault(a => a.Name == "value" && a.T is not null);
                    if (value is not null)
                    {
                        _constants[node.Output[0]] = value.T;
                        _visited.Add(node);
                        continue;
                    }
                }

                foreach (string name in node.Input.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
                {
                    if (!_consumers.TryGetValue(name, out List<NodeProto>? list))
                    {
                        _consumers[name] = list = new List<NodeProto>();
                    }

                    list.Add(node);
                }
            }

            ValueInfoProto[] inputs = _graph.Input.Where(i => !_constants.ContainsKey(i.Name) && (_graphOutput is null || _consumers.ContainsKey(i.Name))).ToArray();
            if (inputs.Length == 0)
            {
                throw new ImportException($"{_fileName}: the graph has no input; {Supported}");
            }

            ValueInfoProto input = inputs[0];
            string output = outputInfo.Name;
            ReadInputType(input);

            string current = input.Name;
            while (current != output)
            {
                current = Step(current);
            }

            if (_consumers.TryGetValue(output, out List<NodeProto>? afterOutput) && afterOutput.Count > 0)
            {
                NodeProto node = afterOutput[0];
                throw new ImportException($"{_fileName}: {Describe(node)} reads the graph output '{output}': not a simple chain; {Supported}");
            }

            NodeProto? unvisited = _nodes.FirstOrDefault(n => !_visited.Contains(n));
            if (unvisited is not null)
            {
                throw new ImportException($"{_fileName}: {Describe(unvisited)} is not on the chain from '{input.Name}' to '{output}': not a simple chain; {Supported}");
            }

            ValueInfoProto? unused = inputs.Skip(1).FirstOrDefault();
            if (unused is not null)
            {
                throw new ImportException($"{_fileName}: graph input '{unused.Name}' is not used by the chain; {Supported}");
            }

            FinishPending("identity", null);
            if (_layers.Count == 0)
            {
                throw new ImportException($"{_fileName}: no Gemm or MatMul between '{input.Name}' and '{output}': nothing to import; {Supported}");
            }

            CheckOutputShape(outputInfo);
            string producer = (_model.ProducerName + " " + _model.ProducerVersion).Trim();
            return (new DenseNetwork(_layers[0].FanIn, _layers, _isDouble),
                new OnnxInfo(producer.Length == 0 ? "unknown" : producer, _opset, _graph.Node.Count, input.Name, output));
        }

        /// <summary>
        /// The output to import; <see cref="_nodes"/> becomes the nodes to read: all of them for a one-output model, only
        /// those the chosen output depends on when one is named.
        /// </summary>
        private ValueInfoProto ChooseOutput()
        {
            string outputs = string.Join(", ", _graph.Output.Select(o => o.Name));
            if (_graphOutput is null)
            {
                if (_graph.Output.Count != 1)
                {
                    throw new ImportException($"{_fileName}: the graph has {_graph.Output.Count} outputs ({outputs}); choose the one to import with --graph-output NAME (the others and the nodes only they need are ignored)");
                }

                _nodes = _graph.Node.ToList();
                return _graph.Output[0];
            }

            ValueInfoProto chosen = _graph.Output.FirstOrDefault(o => o.Name == _graphOutput)
                ?? throw new ImportException($"{_fileName}: the graph has no output '{_graphOutput}'; its outputs: {outputs}");
            var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
            foreach (NodeProto node in _graph.Node)
            {
                foreach (string name in node.Output.Where(n => n.Length > 0))
                {
                    producers[name] = node;
                }
            }

            var needed = new HashSet<NodeProto>();
            var pending = new Stack<string>();
            pending.Push(chosen.Name);
            while (pending.Count > 0)
            {
                if (producers.TryGetValue(pending.Pop(), out NodeProto? producer) && needed.Add(producer))
                {
                    foreach (string name in producer.Input.Where(n => n.Length > 0))
                    {
                        pending.Push(name);
                    }
                }
            }

            _nodes = _graph.Node.Where(needed.Contains).ToList();
            return chosen;
        }

        private void ReadInputType(ValueInfoProto input)
        {
            TypeProto.Types.Tensor? tensor = input.Type?.TensorType;
            if (tensor is null)
            {
                throw new ImportException($"{_fileName}: graph input '{input.Name}' is not a tensor; {Supported}");
            }

            _isDouble = tensor.ElemType switch
            {
                (int)TensorProto.Types.DataType.Float => false,
                (int)TensorProto.Types.DataType.Double => true,
                _ => throw new ImportException($"{_fileName}: graph input '{input.Name}' has element type {ElementTypeName(tensor.ElemType)}; supported: float, double"),
            };

            if (tensor.Shape is null)
            {
                _rank = 2;
                _shape = "[batch, ?]";
                return;
            }

            _rank = tensor.Shape.Dim.Count;
            _shape = ShapeText(tensor.Shape);
            if (_rank == 2 && tensor.Shape.Dim[1].HasDimValue && tensor.Shape.Dim[1].DimValue > 0)
            {
                _features = checked((int)tensor.Shape.Dim[1].DimValue);
            }
        }

        private void CheckOutputShape(ValueInfoProto output)
        {
            TensorShapeProto? shape = output.Type?.TensorType?.Shape;
            int outputs = _layers[^1].Size;
            if (shape is not null && shape.Dim.Count == 2 && shape.Dim[1].HasDimValue && shape.Dim[1].DimValue != outputs)
            {
                throw new ImportException($"{_fileName}: graph output '{output.Name}' is declared {ShapeText(shape)} but the chain gives {outputs} values per row; {Supported}");
            }
        }

        /// <summary>Follows <paramref name="current"/> into its only consumer; returns that node's output.</summary>
        private string Step(string current)
        {
            if (!_consumers.TryGetValue(current, out List<NodeProto>? consumers) || consumers.Count == 0)
            {
                throw new ImportException($"{_fileName}: tensor '{current}' is read by no node and is not the graph output: not a simple chain; {Supported}");
            }

            if (consumers.Count > 1)
            {
                throw new ImportException($"{_fileName}: tensor '{current}' feeds {consumers.Count} nodes ({string.Join(", ", consumers.Select(Describe))}): not a simple chain; {Supported}");
            }

            NodeProto node = consumers[0];
            if (!_visited.Add(node))
            {
                throw new ImportException($"{_fileName}: {Describe(node)} is reached twice: not a simple chain; {Supported}");
            }

            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw new ImportException($"{_fileName}: {Describe(node)} is from operator domain '{node.Domain}', which is not supported; {Supported}");
            }

            switch (node.OpType)
            {
                case "Gemm":
                    Gemm(node, current);
                    break;
                case "MatMul":
                    MatMul(node, current);
                    break;
                case "Add":
                    Add(node, current);
                    break;
                case "Identity":
                    DataInputOnly(node, current, 1);
                    break;
                case "Dropout":
                    Dropout(node, current);
                    break;
                case "Flatten":
                    Flatten(node, current);
                    break;
                default:
                    if (Activations.Contains(node.OpType))
                    {
                        Activation(node, current);
                        break;
                    }

                    throw new ImportException($"{_fileName}: {Describe(node)}: {node.OpType} is not supported; {Supported}");
            }

            string next = node.Output.Count > 0 ? node.Output[0] : "";
            if (next.Length == 0)
            {
                throw new ImportException($"{_fileName}: {Describe(node)} has no output; {Supported}");
            }

            string? extra = node.Output.Skip(1).FirstOrDefault(o => o.Length > 0 && (_consumers.ContainsKey(o) || o == (_graphOutput ?? _graph.Output[0].Name)));
            if (extra is not null)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: its second output '{extra}' is used: not a simple chain; {Supported}");
            }

            return next;
        }

        private void Gemm(NodeProto node, string current)
        {
            if (node.Input.Count < 2 || node.Input[0] != current)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: the data must be input A (Y = alpha A B + beta C with constant B and C); {Supported}");
            }

            RequireRank2(node);
            if (Int(node, "transA", 0) != 0)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: transA = 1 (a transposed batch) cannot be followed; supported: Gemm with transA = 0 and constant B, C");
            }

            bool transB = Int(node, "transB", 0) != 0;
            double alpha = Float(node, "alpha", 1.0f);
            double beta = Float(node, "beta", 1.0f);
            (double[] b, long[] dims) = Constant(node, 1, "weight B");
            if (dims.Length != 2)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: weight B has shape {DimsText(dims)}, not 2-D; {Supported}");
            }

            int fanIn = checked((int)(transB ? dims[1] : dims[0]));
            int size = checked((int)(transB ? dims[0] : dims[1]));
            CheckFanIn(node, fanIn, dims);
            var weights = new double[size * fanIn];
            for (int j = 0; j < size; j++)
            {
                for (int i = 0; i < fanIn; i++)
                {
                    double w = transB ? b[(j * fanIn) + i] : b[(i * size) + j];
                    weights[(j * fanIn) + i] = Scale(alpha, w);
                }
            }

            StartLinear(node, fanIn, size, weights);
            if (node.Input.Count > 2 && node.Input[2].Length > 0 && beta != 0)
            {
                (double[] c, long[] cDims) = Constant(node, 2, "bias C");
                SetBias(node, c.Select(v => Scale(beta, v)).ToArray(), cDims);
            }
        }

        private void MatMul(NodeProto node, string current)
        {
            if (node.Input.Count != 2 || node.Input[0] != current)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: the data must be the first operand (x W with a constant W); {Supported}");
            }

            RequireRank2(node);
            (double[] w, long[] dims) = Constant(node, 1, "weight");
            if (dims.Length != 2)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: weight has shape {DimsText(dims)}, not 2-D [in, out]; {Supported}");
            }

            int fanIn = checked((int)dims[0]);
            int size = checked((int)dims[1]);
            CheckFanIn(node, fanIn, dims);
            var weights = new double[size * fanIn];
            for (int j = 0; j < size; j++)
            {
                for (int i = 0; i < fanIn; i++)
                {
                    weights[(j * fanIn) + i] = w[(i * size) + j];
                }
            }

            StartLinear(node, fanIn, size, weights);
        }

        private void Add(NodeProto node, string current)
        {
            if (node.Input.Count != 2 || node.Input[0] == node.Input[1])
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: Add is supported only as the constant bias of a MatMul or Gemm; {Supported}");
            }

            if (_pending is null || _pending.Bias != LayerBias.None || _pending.Node != _lastNode)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: Add is supported only as the constant bias right after a MatMul or a bias-free Gemm; {Supported}");
            }

            int other = node.Input[0] == current ? 1 : 0;
            (double[] bias, long[] dims) = Constant(node, other, "bias");
            SetBias(node, bias, dims);
            _lastNode = node;
        }

        private void StartLinear(NodeProto node, int fanIn, int size, double[] weights)
        {
            FinishPending("identity", null);
            if (_softmax is not null)
            {
                throw new ImportException($"{_fileName}: {Describe(_softmax)}: Softmax is followed by {Describe(node)}; supported: Softmax on the output layer only");
            }

            _pending = new PendingLinear(node, fanIn, size, weights);
            _features = size;
            _lastNode = node;
        }

        private void SetBias(NodeProto node, double[] values, long[] dims)
        {
            PendingLinear pending = _pending!;
            long count = dims.Aggregate(1L, (a, d) => a * d);
            bool scalar = count == 1 && dims.Length <= 2;
            bool row = dims.Length == 1 ? dims[0] == pending.Size : dims.Length == 2 && dims[0] == 1 && dims[1] == pending.Size;
            if (scalar && pending.Size != 1)
            {
                pending.Bias = LayerBias.Shared;
                pending.Biases = new[] { values[0] };
            }
            else if (row || scalar)
            {
                pending.Bias = LayerBias.PerNeuron;
                pending.Biases = values;
            }
            else
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: bias of shape {DimsText(dims)} for a layer of {pending.Size} neurons cannot be followed; supported: a bias of shape [{pending.Size}], [1, {pending.Size}] or a scalar");
            }
        }

        private void Activation(NodeProto node, string current)
        {
            DataInputOnly(node, current, 1);
            if (_pending is null)
            {
                throw new ImportException($"{_fileName}: {Describe(node)} does not follow a Gemm or MatMul (+ Add): BackpropGen applies one activation to each linear layer; {Supported}");
            }

            switch (node.OpType)
            {
                case "Relu":
                    FinishPending("relu", null);
                    break;
                case "LeakyRelu":
                    FinishPending("leaky_relu", Float(node, "alpha", 0.01f));
                    break;
                case "Sigmoid":
                    FinishPending("logistic", null);
                    break;
                case "Tanh":
                    FinishPending("tanh", null);
                    break;
                case "Softplus":
                    FinishPending("softplus", null);
                    break;
                case "Elu":
                    FinishPending("elu", Float(node, "alpha", 1.0f));
                    break;
                case "Softmax":
                    // Opsets 1-12: axis 1 by default (the input coerced to 2-D); 13 on: -1. On [batch, n] both are the last axis.
                    long axis = Int(node, "axis", _opset >= 13 ? -1 : 1);
                    if (axis is not (1 or -1))
                    {
                        throw new ImportException($"{_fileName}: {Describe(node)}: Softmax on axis {axis} of a [batch, {_pending.Size}] tensor; supported: Softmax on the last axis (1 or -1)");
                    }

                    _softmax = node;
                    FinishPending("softmax", null);
                    break;
            }
        }

        private void Dropout(NodeProto node, string current)
        {
            if (node.Input.Count == 0 || node.Input[0] != current)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: unexpected inputs; {Supported}");
            }

            if (node.Input.Count > 2 && node.Input[2].Length > 0)
            {
                (double[] training, _) = Constant(node, 2, "training_mode");
                if (training.Any(v => v != 0))
                {
                    throw new ImportException($"{_fileName}: {Describe(node)}: Dropout with training_mode = true is not an inference no-op; export the model in eval mode");
                }
            }

            _lastNode = node;
        }

        private void Flatten(NodeProto node, string current)
        {
            DataInputOnly(node, current, 1);
            long axis = Int(node, "axis", 1);
            if (_rank != 2 || axis is not (1 or -1))
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: Flatten (axis {axis}) of a {_shape} input cannot be followed; supported: Flatten of a 2-D input [batch, features] (a no-op)");
            }
        }

        private void DataInputOnly(NodeProto node, string current, int count)
        {
            if (node.Input.Count != count || node.Input[0] != current)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: expected {count} input(s), the data; {Supported}");
            }

            _lastNode = node;
        }

        private void RequireRank2(NodeProto node)
        {
            if (_rank != 2)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: its input has shape {_shape}, not [batch, features]; a shape the importer cannot follow; {Supported}");
            }
        }

        private void CheckFanIn(NodeProto node, int fanIn, long[] dims)
        {
            if (fanIn < 1)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: weight of shape {DimsText(dims)} is empty");
            }

            if (_features is int features && features != fanIn)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: weight of shape {DimsText(dims)} takes {fanIn} inputs but gets {features} per row; a shape the importer cannot follow");
            }
        }

        private void FinishPending(string activation, double? alpha)
        {
            if (_pending is null)
            {
                return;
            }

            PendingLinear p = _pending;
            _layers.Add(new DenseLayer(p.Size, p.FanIn, activation, alpha, p.Bias, p.Weights, p.Biases));
            _pending = null;
        }

        /// <summary>alpha * w, in the model's precision (ONNX Runtime scales in float for a float model).</summary>
        private double Scale(double factor, double value) =>
            factor == 1 ? value : _isDouble ? factor * value : (double)((float)factor * (float)value);

        /// <summary>Input <paramref name="index"/> of <paramref name="node"/>, which must be an initializer (or a Constant node's value).</summary>
        private (double[] Values, long[] Dims) Constant(NodeProto node, int index, string what)
        {
            string name = node.Input.Count > index ? node.Input[index] : "";
            if (name.Length == 0 || !_constants.TryGetValue(name, out TensorProto? tensor))
            {
                string source = name.Length == 0 ? "absent"
                    : _graph.Input.Any(i => i.Name == name) ? "a graph input, not an initializer"
                    : "computed by another node, not an initializer";
                throw new ImportException($"{_fileName}: {Describe(node)}: {what} '{name}' is {source}; supported: weights and biases stored in the model as initializers (missing initializer)");
            }

            return (TensorValues(node, tensor, what), tensor.Dims.ToArray());
        }

        private double[] TensorValues(NodeProto node, TensorProto tensor, string what)
        {
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: {what} '{tensor.Name}' is stored in an external data file; supported: initializers inside the .onnx file");
            }

            long count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
            if (count < 0 || count > 100_000_000)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: {what} '{tensor.Name}' has shape {DimsText(tensor.Dims.ToArray())}");
            }

            double[] values;
            switch ((TensorProto.Types.DataType)tensor.DataType)
            {
                case TensorProto.Types.DataType.Float:
                    values = tensor.RawData.Length > 0
                        ? Raw(tensor, 4, (span) => BitConverter.ToSingle(span))
                        : tensor.FloatData.Select(v => (double)v).ToArray();
                    break;
                case TensorProto.Types.DataType.Double:
                    values = tensor.RawData.Length > 0
                        ? Raw(tensor, 8, (span) => BitConverter.ToDouble(span))
                        : tensor.DoubleData.ToArray();
                    break;
                case TensorProto.Types.DataType.Bool when what == "training_mode":
                    values = tensor.RawData.Length > 0 ? tensor.RawData.Select(b => (double)b).ToArray() : tensor.Int32Data.Select(v => (double)v).ToArray();
                    break;
                default:
                    throw new ImportException($"{_fileName}: {Describe(node)}: {what} '{tensor.Name}' has element type {ElementTypeName(tensor.DataType)}; supported: float, double");
            }

            if (values.Length != count)
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: {what} '{tensor.Name}' holds {values.Length} values for shape {DimsText(tensor.Dims.ToArray())}");
            }

            if (what != "training_mode" && values.Any(v => double.IsNaN(v) || double.IsInfinity(v)))
            {
                throw new ImportException($"{_fileName}: {Describe(node)}: {what} '{tensor.Name}' holds a non-finite value; supported: finite weights and biases");
            }

            return values;
        }

        private static double[] Raw(TensorProto tensor, int size, Func<ReadOnlySpan<byte>, double> read)
        {
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            var values = new double[raw.Length / size];
            for (int i = 0; i < values.Length; i++)
            {
                // ONNX stores raw_data little-endian; BitConverter reads the machine's order.
                ReadOnlySpan<byte> item = raw.Slice(i * size, size);
                if (!BitConverter.IsLittleEndian)
                {
                    byte[] copy = item.ToArray();
                    Array.Reverse(copy);
                    item = copy;
                }

                values[i] = read(item);
            }

            return raw.Length % size == 0 ? values : Array.Empty<double>();
        }

        private static long Int(NodeProto node, string name, long fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

        /// <summary>An ONNX float attribute (float32), as the exact double value of that float.</summary>
        private static double Float(NodeProto node, string name, float fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

        private string Describe(NodeProto node) =>
            node.Name.Length > 0
                ? $"node '{node.Name}' ({node.OpType})"
                : $"node #{_index[node] + 1} ({node.OpType}, unnamed)";
    }

    private static string ElementTypeName(int type) =>
        Enum.IsDefined(typeof(TensorProto.Types.DataType), type)
            ? ((TensorProto.Types.DataType)type).ToString().ToUpperInvariant()
            : type.ToString(CultureInfo.InvariantCulture);

    private static string DimsText(long[] dims) => "[" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string ShapeText(TensorShapeProto shape) =>
        "[" + string.Join(", ", shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.DimParam.Length > 0 ? d.DimParam : "?")) + "]";

    /// <summary>Reads a file for <see cref="Import"/>; a missing or unreadable file is an <see cref="ImportException"/>.</summary>
    public static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ImportException($"cannot read {path}: {e.Message}");
        }
    }
}

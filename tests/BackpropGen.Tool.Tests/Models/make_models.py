#!/usr/bin/python3
"""Makes the small ONNX models that tests/BackpropGen.Tool.Tests imports and checks against ONNX Runtime.

Run with Debian's interpreter, which has PyTorch 1.13 and onnx 1.12 once
    apt-get install -y --no-install-recommends python3-torch python3-onnx
is done (the first python3 on PATH may be another one):
    /usr/bin/python3 tests/BackpropGen.Tool.Tests/Models/make_models.py
The .onnx files are checked in: CI never runs this script and needs no PyTorch.

Two kinds of file:
  torch_*.onnx   real exports: torch.nn modules with seeded random weights, written by torch.onnx.export
                 (Linear becomes Gemm with transB=1, or MatMul for a bias-free Linear).
  keras_*.onnx, sklearn_*.onnx, helper_*.onnx
                 tf2onnx and skl2onnx cannot be installed here (no PyPI), so these graphs are written with
                 onnx.helper in the shapes those converters produce: MatMul with a [in, out] weight followed by
                 Add (tf2onnx for Keras Dense, skl2onnx for MLPClassifier/MLPRegressor), Identity and Dropout
                 no-ops, Flatten of a 2-D input, the bias on either side of Add, a scalar bias, Gemm with
                 transB=0 and alpha/beta, a ai.onnx.ml opset import as skl2onnx writes.
  refuse_*.onnx  models the importer must refuse, each for one reason (see the test names).
Every weight comes from a seeded generator: running the script again writes the same numbers.
"""
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def torch_export(name, module, inputs, opset, dtype=torch.float32, input_shape=None):
    module = module.to(dtype).eval()
    x = torch.randn(input_shape or (1, inputs), dtype=dtype)
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(module, x, path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=opset)
    print(name, [n.op_type for n in onnx.load(path).graph.node])


def seeded_torch(seed):
    torch.manual_seed(seed)


def rng(seed):
    return np.random.default_rng(seed)


def matrix(r, rows, cols, dtype=np.float32):
    return (r.standard_normal((rows, cols)) * 0.7).astype(dtype)


def vector(r, n, dtype=np.float32):
    return (r.standard_normal(n) * 0.3).astype(dtype)


def save_helper(name, nodes, inputs, initializers, out_shape, opset=13, elem=TensorProto.FLOAT, in_shape=None,
                extra_opsets=(), producer="backpropgen-make_models", input_name="input", extra_inputs=(), extra_outputs=(),
                output_name="output"):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info(input_name, elem, in_shape or ["N", inputs])] + list(extra_inputs),
        [helper.make_tensor_value_info(o, t, sh) for o, t, sh in extra_outputs] + [helper.make_tensor_value_info(output_name, elem, out_shape)],
        initializer=[numpy_helper.from_array(a, n) for n, a in initializers])
    opsets = [helper.make_opsetid("", opset)] + [helper.make_opsetid(d, v) for d, v in extra_opsets]
    model = helper.make_model(graph, producer_name=producer, opset_imports=opsets)
    model.ir_version = 7 if opset < 15 else 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name + ".onnx"))
    print(name, [n.op_type for n in model.graph.node])


nn = torch.nn

# ---- real PyTorch exports -------------------------------------------------------------------------------------
seeded_torch(1)
torch_export("torch_relu_softmax", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1)), 4, 13)
seeded_torch(2)
torch_export("torch_tanh_sigmoid_opset9", nn.Sequential(nn.Linear(5, 6), nn.Tanh(), nn.Linear(6, 2), nn.Sigmoid()), 5, 9)
seeded_torch(3)
torch_export("torch_leakyrelu_softplus", nn.Sequential(nn.Linear(3, 7), nn.LeakyReLU(0.2), nn.Linear(7, 5), nn.Softplus(),
                                                       nn.Linear(5, 2)), 3, 11)
seeded_torch(4)
torch_export("torch_nobias", nn.Sequential(nn.Linear(4, 6, bias=False), nn.ReLU(), nn.Linear(6, 3, bias=False)), 4, 13)
seeded_torch(5)
torch_export("torch_elu", nn.Sequential(nn.Linear(4, 5), nn.ELU(alpha=0.5), nn.Linear(5, 2)), 4, 13)
seeded_torch(6)
torch_export("torch_flatten_dropout", nn.Sequential(nn.Flatten(), nn.Linear(6, 5), nn.Dropout(0.3), nn.Tanh(),
                                                    nn.Linear(5, 4), nn.Softmax(dim=-1)), 6, 17)
seeded_torch(7)
torch_export("torch_two_linear", nn.Sequential(nn.Linear(4, 5), nn.Linear(5, 3), nn.ReLU(), nn.Linear(3, 2)), 4, 13)
seeded_torch(8)
torch_export("torch_double_deep", nn.Sequential(nn.Linear(6, 10), nn.Tanh(), nn.Linear(10, 8), nn.ReLU(), nn.Linear(8, 6),
                                                nn.Sigmoid(), nn.Linear(6, 3)), 6, 14, dtype=torch.float64)
seeded_torch(9)
torch_export("torch_digits_64_32_10", nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(dim=1)), 64, 13)

# ---- Keras (tf2onnx) and scikit-learn (skl2onnx) shaped graphs, written with onnx.helper ----------------------------
r = rng(10)
save_helper("keras_matmul_add", [
    helper.make_node("MatMul", ["input", "dense/kernel"], ["dense/MatMul:0"], name="sequential/dense/MatMul"),
    helper.make_node("Add", ["dense/MatMul:0", "dense/bias"], ["dense/BiasAdd:0"], name="sequential/dense/BiasAdd"),
    helper.make_node("Relu", ["dense/BiasAdd:0"], ["dense/Relu:0"], name="sequential/dense/Relu"),
    helper.make_node("Identity", ["dense/Relu:0"], ["dropout/Identity:0"], name="sequential/dropout/Identity"),
    helper.make_node("MatMul", ["dropout/Identity:0", "dense_1/kernel"], ["dense_1/MatMul:0"], name="sequential/dense_1/MatMul"),
    helper.make_node("Add", ["dense_1/bias", "dense_1/MatMul:0"], ["dense_1/BiasAdd:0"], name="sequential/dense_1/BiasAdd"),
    helper.make_node("Softmax", ["dense_1/BiasAdd:0"], ["softmax:0"], name="sequential/dense_1/Softmax", axis=-1),
    helper.make_node("Identity", ["softmax:0"], ["output"], name="Identity"),
], 5, [("dense/kernel", matrix(r, 5, 9)), ("dense/bias", vector(r, 9)),
       ("dense_1/kernel", matrix(r, 9, 4)), ("dense_1/bias", vector(r, 4))], ["N", 4], opset=13, producer="tf2onnx")

r = rng(11)
save_helper("keras_dropout_opset12_leaky", [
    helper.make_node("MatMul", ["input", "w0"], ["m0"], name="dense/MatMul"),
    helper.make_node("Add", ["m0", "b0"], ["a0"], name="dense/BiasAdd"),
    helper.make_node("Tanh", ["a0"], ["e0"], name="dense/Tanh"),
    helper.make_node("Dropout", ["e0", "ratio"], ["d0"], name="dropout/Dropout"),
    helper.make_node("MatMul", ["d0", "w1"], ["m1"], name="dense_1/MatMul"),
    helper.make_node("Add", ["m1", "b1"], ["a1"], name="dense_1/BiasAdd"),
    helper.make_node("LeakyRelu", ["a1"], ["output"], name="dense_1/LeakyRelu", alpha=0.1),
], 3, [("w0", matrix(r, 3, 6)), ("b0", vector(r, 6)), ("w1", matrix(r, 6, 2)), ("b1", vector(r, 2)),
       ("ratio", np.array(0.25, dtype=np.float32))], ["N", 2], opset=12, producer="tf2onnx")

r = rng(12)
save_helper("keras_flatten_scalar_bias_opset9", [
    helper.make_node("Flatten", ["input"], ["f"], name="flatten/Flatten", axis=1),
    helper.make_node("MatMul", ["f", "w0"], ["m0"], name="dense/MatMul"),
    helper.make_node("Add", ["m0", "b0"], ["a0"], name="dense/BiasAdd"),
    helper.make_node("Sigmoid", ["a0"], ["s0"], name="dense/Sigmoid"),
    helper.make_node("MatMul", ["s0", "w1"], ["output"], name="dense_1/MatMul"),
], 4, [("w0", matrix(r, 4, 5)), ("b0", np.array(0.4, dtype=np.float32)), ("w1", matrix(r, 5, 3))], ["N", 3], opset=9,
    producer="tf2onnx")

r = rng(13)
save_helper("sklearn_mlpclassifier", [
    helper.make_node("MatMul", ["float_input", "coefficient"], ["mul_result"], name="MatMul"),
    helper.make_node("Add", ["mul_result", "intercepts"], ["add_result"], name="Add"),
    helper.make_node("Relu", ["add_result"], ["next_activations"], name="Relu"),
    helper.make_node("MatMul", ["next_activations", "coefficient1"], ["mul_result1"], name="MatMul1"),
    helper.make_node("Add", ["mul_result1", "intercepts1"], ["add_result1"], name="Add1"),
    helper.make_node("Softmax", ["add_result1"], ["output"], name="Softmax", axis=1),
], 4, [("coefficient", matrix(r, 4, 10)), ("intercepts", vector(r, 10).reshape(1, 10)),
       ("coefficient1", matrix(r, 10, 3)), ("intercepts1", vector(r, 3).reshape(1, 3))], ["N", 3], opset=11,
    extra_opsets=[("ai.onnx.ml", 1)], producer="skl2onnx", input_name="float_input")

# As skl2onnx writes MLPClassifier with options={"zipmap": False}: two outputs, the class label (ArgMax, then the
# ai.onnx.ml ArrayFeatureExtractor picking the class) and the probabilities; import with --graph-output probabilities.
r = rng(17)
save_helper("sklearn_mlpclassifier_label_probabilities", [
    helper.make_node("MatMul", ["float_input", "coefficient"], ["mul_result"], name="MatMul"),
    helper.make_node("Add", ["mul_result", "intercepts"], ["add_result"], name="Add"),
    helper.make_node("Relu", ["add_result"], ["next_activations"], name="Relu"),
    helper.make_node("MatMul", ["next_activations", "coefficient1"], ["mul_result1"], name="MatMul1"),
    helper.make_node("Add", ["mul_result1", "intercepts1"], ["add_result1"], name="Add1"),
    helper.make_node("Softmax", ["add_result1"], ["probabilities"], name="Softmax", axis=1),
    helper.make_node("ArgMax", ["probabilities"], ["label_index"], name="ArgMax", axis=1, keepdims=0),
    helper.make_node("ArrayFeatureExtractor", ["classes", "label_index"], ["array_feature_extractor_result"],
                     name="ArrayFeatureExtractor", domain="ai.onnx.ml"),
    helper.make_node("Reshape", ["array_feature_extractor_result", "shape_tensor"], ["label"], name="Reshape"),
], 4, [("coefficient", matrix(r, 4, 6)), ("intercepts", vector(r, 6).reshape(1, 6)),
       ("coefficient1", matrix(r, 6, 3)), ("intercepts1", vector(r, 3).reshape(1, 3)),
       ("classes", np.array([0, 1, 2], dtype=np.int64)), ("shape_tensor", np.array([-1], dtype=np.int64))], ["N", 3],
    opset=13, extra_opsets=[("ai.onnx.ml", 1)], producer="skl2onnx", input_name="float_input",
    extra_outputs=[("label", TensorProto.INT64, ["N"])], output_name="probabilities")

r = rng(14)
save_helper("sklearn_mlpregressor_tanh_identity", [
    helper.make_node("MatMul", ["float_input", "coefficient"], ["mul_result"], name="MatMul"),
    helper.make_node("Add", ["mul_result", "intercepts"], ["add_result"], name="Add"),
    helper.make_node("Tanh", ["add_result"], ["next_activations"], name="Tanh"),
    helper.make_node("MatMul", ["next_activations", "coefficient1"], ["mul_result1"], name="MatMul1"),
    helper.make_node("Add", ["mul_result1", "intercepts1"], ["add_result1"], name="Add1"),
    helper.make_node("Identity", ["add_result1"], ["output"], name="Identity"),
], 3, [("coefficient", matrix(r, 3, 7)), ("intercepts", vector(r, 7)),
       ("coefficient1", matrix(r, 7, 1)), ("intercepts1", vector(r, 1))], ["N", 1], opset=9,
    extra_opsets=[("ai.onnx.ml", 1)], producer="skl2onnx", input_name="float_input")

r = rng(15)
save_helper("helper_gemm_alpha_beta_transb0", [
    helper.make_node("Gemm", ["input", "w0", "b0"], ["g0"], name="gemm0", alpha=0.5, beta=2.0, transB=0),
    helper.make_node("Softplus", ["g0"], ["s0"], name="softplus0"),
    helper.make_node("Gemm", ["s0", "w1", "b1"], ["output"], name="gemm1", transB=1, beta=0.0),
], 4, [("w0", matrix(r, 4, 6)), ("b0", vector(r, 6).reshape(1, 6)), ("w1", matrix(r, 3, 6)), ("b1", vector(r, 3))],
    ["N", 3], opset=13)

r = rng(16)
save_helper("helper_gemm_scalar_c", [
    helper.make_node("Gemm", ["input", "w0", "c0"], ["g0"], name="gemm0", transB=1),
    helper.make_node("Relu", ["g0"], ["output"], name="relu0"),
], 3, [("w0", matrix(r, 4, 3)), ("c0", np.array([0.25], dtype=np.float32))], ["N", 4], opset=11)

# Weights from Constant nodes instead of initializers (some converters write them so), Dropout opset 13 with ratio and
# training_mode = false.
r = rng(18)
w0, b0, w1 = matrix(r, 3, 4), vector(r, 4), matrix(r, 4, 2)
save_helper("helper_constant_nodes", [
    helper.make_node("Constant", [], ["w0"], name="const_w0", value=numpy_helper.from_array(w0, "w0")),
    helper.make_node("Constant", [], ["b0"], name="const_b0", value=numpy_helper.from_array(b0, "b0")),
    helper.make_node("Constant", [], ["w1"], name="const_w1", value=numpy_helper.from_array(w1, "w1")),
    helper.make_node("Constant", [], ["ratio"], name="const_ratio", value=numpy_helper.from_array(np.array(0.5, dtype=np.float32), "ratio")),
    helper.make_node("Constant", [], ["training"], name="const_training", value=numpy_helper.from_array(np.array(False), "training")),
    helper.make_node("MatMul", ["input", "w0"], ["m0"], name="dense/MatMul"),
    helper.make_node("Add", ["m0", "b0"], ["a0"], name="dense/BiasAdd"),
    helper.make_node("Sigmoid", ["a0"], ["s0"], name="dense/Sigmoid"),
    helper.make_node("Dropout", ["s0", "ratio", "training"], ["d0"], name="dropout"),
    helper.make_node("MatMul", ["d0", "w1"], ["output"], name="dense_1/MatMul"),
], 3, [], ["N", 2], opset=13)

# ---- models the importer refuses -------------------------------------------------------------------------------
seeded_torch(20)
torch_export("refuse_conv", nn.Sequential(nn.Conv1d(1, 2, 3), nn.Flatten(), nn.Linear(16, 2)), 10, 13, input_shape=(1, 1, 10))


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 4)
        self.b = nn.Linear(4, 2)

    def forward(self, x):
        return self.b(torch.relu(self.a(x)) + x)


seeded_torch(21)
torch_export("refuse_residual", Residual(), 4, 13)

seeded_torch(22)
torch_export("refuse_logsoftmax", nn.Sequential(nn.Linear(4, 3), nn.LogSoftmax(dim=1)), 4, 13)

seeded_torch(23)
torch_export("refuse_softmax_hidden", nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1), nn.Linear(3, 2)), 4, 13)

r = rng(24)
save_helper("refuse_missing_initializer", [
    helper.make_node("MatMul", ["input", "weights"], ["m"], name="dense/MatMul"),
    helper.make_node("Relu", ["m"], ["output"], name="dense/Relu"),
], 3, [], ["N", 2], extra_inputs=[helper.make_tensor_value_info("weights", TensorProto.FLOAT, [3, 2])])

r = rng(25)
save_helper("refuse_rank3_input", [
    helper.make_node("MatMul", ["input", "w"], ["m"], name="dense/MatMul"),
    helper.make_node("Relu", ["m"], ["output"], name="dense/Relu"),
], 3, [("w", matrix(r, 3, 2))], ["N", "T", 2], in_shape=["N", "T", 3])

r = rng(26)
save_helper("refuse_softmax_axis0", [
    helper.make_node("Gemm", ["input", "w", "b"], ["g"], name="gemm", transB=1),
    helper.make_node("Softmax", ["g"], ["output"], name="softmax", axis=0),
], 3, [("w", matrix(r, 2, 3)), ("b", vector(r, 2))], ["N", 2])

r = rng(27)
save_helper("refuse_opset8", [
    helper.make_node("Gemm", ["input", "w", "b"], ["g"], name="gemm", transB=1),
    helper.make_node("Relu", ["g"], ["output"], name="relu"),
], 3, [("w", matrix(r, 2, 3)), ("b", vector(r, 2))], ["N", 2], opset=8)

r = rng(28)
save_helper("refuse_flatten_4d", [
    helper.make_node("Flatten", ["input"], ["f"], name="flatten", axis=1),
    helper.make_node("MatMul", ["f", "w"], ["output"], name="dense/MatMul"),
], 4, [("w", matrix(r, 4, 2))], ["N", 2], in_shape=["N", 1, 2, 2])

r = rng(29)
save_helper("refuse_gemm_transa", [
    helper.make_node("Gemm", ["input", "w"], ["output"], name="gemm", transA=1),
], 3, [("w", matrix(r, 3, 2))], [3, 2], in_shape=[3, 3])

r = rng(30)
save_helper("refuse_weight_shape", [
    helper.make_node("MatMul", ["input", "w"], ["m"], name="dense/MatMul"),
    helper.make_node("Add", ["m", "b"], ["output"], name="dense/BiasAdd"),
], 3, [("w", matrix(r, 3, 4)), ("b", vector(r, 5))], ["N", 5])

r = rng(31)
save_helper("refuse_relu_on_input", [
    helper.make_node("Relu", ["input"], ["r"], name="relu_first"),
    helper.make_node("MatMul", ["r", "w"], ["output"], name="dense/MatMul"),
], 3, [("w", matrix(r, 3, 2))], ["N", 2])

r = rng(32)
save_helper("refuse_two_inputs", [
    helper.make_node("MatMul", ["input", "w"], ["m"], name="dense/MatMul"),
    helper.make_node("Add", ["m", "other"], ["output"], name="add_other"),
], 3, [("w", matrix(r, 3, 2))], ["N", 2], extra_inputs=[helper.make_tensor_value_info("other", TensorProto.FLOAT, ["N", 2])])

r = rng(33)
save_helper("refuse_int_weights", [
    helper.make_node("MatMul", ["input", "w"], ["output"], name="dense/MatMul"),
], 3, [("w", (matrix(r, 3, 2) * 10).astype(np.int32))], ["N", 2], elem=TensorProto.INT32)

r = rng(34)
save_helper("refuse_dropout_training", [
    helper.make_node("MatMul", ["input", "w"], ["m"], name="dense/MatMul"),
    helper.make_node("Dropout", ["m", "ratio", "training"], ["output"], name="dropout_training"),
], 3, [("w", matrix(r, 3, 2)), ("ratio", np.array(0.5, dtype=np.float32)), ("training", np.array(True))], ["N", 2])

r = rng(35)
save_helper("refuse_output_shape", [
    helper.make_node("MatMul", ["input", "w"], ["output"], name="dense/MatMul"),
], 3, [("w", matrix(r, 3, 2))], ["N", 5])

with open(os.path.join(HERE, "refuse_not_onnx.onnx"), "w") as f:
    f.write('{ "inputs": 2, "layers": [ { "size": 1, "activation": "relu" } ] }\n')

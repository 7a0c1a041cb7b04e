#!/usr/bin/python3
"""Trains a small Iris classifier in PyTorch and exports it to ONNX: the model of samples/OnnxImport.

    apt-get install -y --no-install-recommends python3-torch python3-onnx    # Debian's PyTorch 1.13 and onnx
    /usr/bin/python3 samples/OnnxImport/train.py                             # writes samples/OnnxImport/iris_mlp.onnx
    dotnet run --project tools/BackpropGen.Tool -- import samples/OnnxImport/iris_mlp.onnx -o samples/OnnxImport/iris_mlp.json

The .onnx and the imported .json are checked in: building and running the sample needs neither Python nor PyTorch.

Data: data/iris.csv (Fisher's Iris, see data/README.md); features are the raw measurements in cm (no preprocessing, so
the C# program feeds the same numbers). Rows 4, 9, 14, ... (every 5th, 10 per class) are held out; the other 120 train.
Model: 4 -> 16 ReLU -> 3 softmax; trained on the logits with cross-entropy, full-batch Adam (lr 0.01, 400 epochs),
seeded and single-threaded so a second run writes the same file. The exported module ends in Softmax, so the ONNX
output is the class probabilities.
"""
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))

torch.manual_seed(0)
torch.set_num_threads(1)

rows = np.loadtxt(os.path.join(HERE, "data", "iris.csv"), delimiter=",", skiprows=1, dtype=np.float32)
features, labels = rows[:, :4], rows[:, 4].astype(np.int64)
held_out = np.arange(len(rows)) % 5 == 4
x_train, y_train = torch.from_numpy(features[~held_out]), torch.from_numpy(labels[~held_out])
x_test, y_test = torch.from_numpy(features[held_out]), torch.from_numpy(labels[held_out])

body = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
optimizer = torch.optim.Adam(body.parameters(), lr=0.01)
loss_function = torch.nn.CrossEntropyLoss()
for epoch in range(400):
    optimizer.zero_grad()
    loss = loss_function(body(x_train), y_train)
    loss.backward()
    optimizer.step()
    if epoch % 100 == 99:
        print(f"epoch {epoch + 1}: training loss {loss.item():.4f}")

model = torch.nn.Sequential(body, torch.nn.Softmax(dim=1)).eval()
with torch.no_grad():
    train_accuracy = (model(x_train).argmax(1) == y_train).float().mean().item()
    test_accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
print(f"training accuracy {train_accuracy:.4f}, held-out accuracy {test_accuracy:.4f} ({int(round(test_accuracy * 30))}/30)")

torch.onnx.export(model, x_test[:1], os.path.join(HERE, "iris_mlp.onnx"), input_names=["measurements"],
                  output_names=["probabilities"], dynamic_axes={"measurements": {0: "batch"}, "probabilities": {0: "batch"}},
                  opset_version=13)
print("wrote iris_mlp.onnx")

#!/usr/bin/python3
"""Export small PyTorch models to ONNX as FlopLab's test fixtures, each with the counts that PyTorch
itself gives (issue 11, "Fixtures and tests").

    /usr/bin/python3 scripts/onnx-fixtures.py                      # writes src/core/onnx/fixtures/
    /usr/bin/python3 scripts/onnx-fixtures.py --resnet50 out.onnx  # the bench file (~100 MB) + out.expected.json

Beside each X.onnx goes X.expected.json, computed here by a path independent of FlopLab:
  - initializerParams: float elements of the graph initializers that nodes use, each once (read
    back from the written file with the `onnx` package);
  - torchParams / torchBuffers: the torch module's parameters and float buffers (BatchNorm running
    mean and variance; num_batches_tracked, an int64 counter, is left out), so the difference made by
    BatchNorm folded into convolutions shows;
  - layers / macs: per call of a Conv2d, ConvTranspose2d or Linear (forward hooks; a module called
    twice appears twice), MACs by docs/counting.md with the batch excluded:
      Conv2d           K·K·(Cin/g)·Cout × Hout·Wout
      ConvTranspose2d  K·K·(Cout/g)·Cin × Hin·Win       (g = 1: K·K·Cout × Hin·Win·Cin)
      Linear           In·Out × product of the input's dims between batch and last
    shapes without the batch, NCHW as torch gives them.

Debian's torch 1.13 (apt-get install python3-torch python3-torchvision python3-onnx). Seeded.
"""
import argparse
import json
import os
import re
import sys
import time

try:
    import onnx
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    import torchvision
    from torchvision.models.mobilenetv2 import InvertedResidual
    from torchvision.models.resnet import BasicBlock
except ImportError as e:  # pragma: no cover - depends on the machine
    print(f"onnx-fixtures needs PyTorch, torchvision and onnx ({e}).", file=sys.stderr)
    print("Install them with: apt-get install python3-torch python3-torchvision python3-onnx", file=sys.stderr)
    print("and run the script with Debian's python: /usr/bin/python3 scripts/onnx-fixtures.py", file=sys.stderr)
    sys.exit(1)

SEED = 0
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "core", "onnx", "fixtures")
FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE, onnx.TensorProto.BFLOAT16}


class CustomNet(nn.Module):
    """One net with every op FlopLab's ONNX import maps (input 1×3×32×32)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=True)              # groups = 1, bias
        self.bn = nn.BatchNorm2d(8)                                         # after a ReLU: not folded
        self.grouped = nn.Conv2d(8, 16, 3, padding=1, groups=4)             # grouped (1 < g < Cin)
        self.depthwise = nn.Conv2d(16, 32, 3, padding=1, groups=16)         # depthwise, multiplier 2
        self.pointwise = nn.Conv2d(32, 16, 1)
        self.pad = nn.ZeroPad2d(1)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
        self.avgpool = nn.AvgPool2d(3, stride=2, padding=1)                # exported as Pad + AveragePool
        self.avgpool_excl = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)  # AveragePool pads
        self.up = nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1)
        self.mix = nn.Conv2d(24, 8, 1, bias=False)                          # groups = 1, no bias
        self.dropout = nn.Dropout(0.5)
        self.tokens = nn.Linear(18 * 18, 16)                                # on [N, C, H·W]
        self.shared = nn.Linear(16, 16)                                     # called twice
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(24 + 8 * 16, 10)
        self.relu6 = nn.ReLU6()
        self.leaky = nn.LeakyReLU(0.1)
        self.hardsigmoid = nn.Hardsigmoid()
        self.hardswish = nn.Hardswish()

    def forward(self, x):
        a = self.bn(F.relu(self.conv1(x)))                 # 8×32×32
        b = self.relu6(self.grouped(a))                    # 16×32×32
        c = self.leaky(self.depthwise(b))                  # 32×32×32
        d = self.pointwise(c) + b                          # residual add, 16×32×32
        # ReLU between Pad and MaxPool: onnxruntime (1.30, level 'basic') fuses a Pad into a
        # following ceil-mode MaxPool's pads and then gets 17×17 instead of torch's 18×18.
        d = F.relu(self.pad(d))                            # 16×34×34
        e = self.maxpool(d)                                # ceil mode: 16×18×18 (floor would give 17)
        f = self.avgpool_excl(self.avgpool(e))             # 16×9×9
        g = self.hardsigmoid(self.up(f))                   # 8×18×18
        h = torch.cat([g, e], dim=1)                       # 24×18×18
        h = self.dropout(self.hardswish(torch.tanh(h)))
        z = self.mix(h)                                    # 8×18×18
        t = torch.sigmoid(self.tokens(z.flatten(2)))       # [N, 8, 324] → [N, 8, 16]
        t = self.shared(F.relu(self.shared(t)))            # one Linear, two calls
        p = self.flatten(self.gap(h)) + h.mean(dim=(2, 3))  # GlobalAveragePool + ReduceMean, [N, 24]
        y = torch.cat([p, self.flatten(t)], dim=1)         # [N, 152]
        return torch.softmax(self.fc(y), dim=1)


def randomize_bn_stats(module):
    """Running stats other than 0 and 1, so folding BatchNorm changes the weights visibly."""
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)


def conv_macs(m, inp, out):
    k = m.kernel_size[0] * m.kernel_size[1]
    if isinstance(m, nn.ConvTranspose2d):
        _, cin, hin, win = inp.shape
        return k * (m.out_channels // m.groups) * cin * hin * win
    _, cout, hout, wout = out.shape
    return k * (m.in_channels // m.groups) * cout * hout * wout


def torch_layers(module, x):
    """Runs `module` once with hooks; returns the per-call list of weighted layers."""
    names = {m: n for n, m in module.named_modules()}
    layers, handles = [], []

    def hook(m, args, out):
        inp = args[0]
        if isinstance(m, nn.Linear):
            lead = 1
            for d in inp.shape[1:-1]:
                lead *= d
            macs = m.in_features * m.out_features * lead
        else:
            macs = conv_macs(m, inp, out)
        layers.append({
            "module": names[m],
            "type": type(m).__name__,
            "inputShape": list(inp.shape[1:]),
            "outputShape": list(out.shape[1:]),
            "macs": int(macs),
            "params": sum(p.numel() for p in m.parameters()),
        })

    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            handles.append(m.register_forward_hook(hook))
    with torch.no_grad():
        module(x)
    for h in handles:
        h.remove()
    return layers


def initializer_params(model):
    """Float elements of the initializers that nodes use, each counted once."""
    used = {name for node in model.graph.node for name in node.input}
    total = 0
    for init in model.graph.initializer:
        if init.name in used and init.data_type in FLOAT_TYPES:
            n = 1
            for d in init.dims:
                n *= d
            total += n
    return total


def to_json(value):
    """Indented JSON with each layer and each list of numbers or names on one line."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    text = re.sub(r"\[[^\[\]{}]*\]", lambda m: re.sub(r"\s*\n\s*", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"), text)
    text = re.sub(r"\{\n\s*(\"module\"[^{}]*?)\n\s*\}", lambda m: "{ " + re.sub(r"\s*\n\s*", " ", m.group(1)) + " }", text)
    return text + "\n"


def export(module, name, input_shape, path, opset, **kwargs):
    module.eval()
    x = torch.randn(*input_shape)
    layers = torch_layers(module, x)
    started = time.time()
    torch.onnx.export(module, x, path, opset_version=opset, input_names=["input"], output_names=["output"], **kwargs)
    export_s = time.time() - started
    model = onnx.load(path)
    onnx.checker.check_model(model)
    float_buffers = sum(b.numel() for b in module.buffers() if b.is_floating_point())
    # A probe a test can rebuild without torch: x[i] = sin(i / 10) over the flat NCHW input.
    n = 1
    for d in input_shape:
        n *= d
    probe_x = torch.sin(torch.arange(n, dtype=torch.float64) / 10).float().reshape(*input_shape)
    with torch.no_grad():
        y = module(probe_x)
    out_shape = list(y.shape)
    flat = y.flatten().double()
    expected = {
        "file": os.path.basename(path),
        "model": name,
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "onnx": onnx.__version__,
        "seed": SEED,
        "opset": opset,
        "onnxInputShape": list(input_shape),
        "inputShape": list(input_shape[1:]),
        "outputShape": out_shape[1:],
        "initializerParams": initializer_params(model),
        "torchParams": sum(p.numel() for p in module.parameters()),
        "torchBuffers": float_buffers,
        "macs": sum(l["macs"] for l in layers),
        "opTypes": sorted({n.op_type for n in model.graph.node}),
        "nodeCount": len(model.graph.node),
        "probe": {
            "input": "x[i] = sin(i / 10), i over the flat NCHW input (float64, then float32)",
            "outputSum": float(flat.sum()),
            "outputAbsSum": float(flat.abs().sum()),
            "outputStride": max(1, flat.numel() // 8),
            "outputSample": [float(v) for v in flat[:: max(1, flat.numel() // 8)][:8]],
        },
        "layers": layers,
    }
    with open(path[: -len(".onnx")] + ".expected.json", "w") as f:
        f.write(to_json(expected))
    print(f"{os.path.basename(path)}: {os.path.getsize(path):,} B, export {export_s:.1f} s, "
          f"MACs {expected['macs']:,}, initializer params {expected['initializerParams']:,}, "
          f"torch params {expected['torchParams']:,} + buffers {float_buffers:,}, ops {' '.join(expected['opTypes'])}")
    return expected


def fixtures():
    os.makedirs(FIXTURES, exist_ok=True)
    out = lambda name: os.path.join(FIXTURES, name)  # noqa: E731

    torch.manual_seed(SEED)
    net = CustomNet()
    randomize_bn_stats(net)
    export(net, "CustomNet", (1, 3, 32, 32), out("custom-net.onnx"), 14)

    torch.manual_seed(SEED)
    downsample = nn.Sequential(nn.Conv2d(8, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
    block = BasicBlock(8, 16, stride=2, downsample=downsample)
    randomize_bn_stats(block)
    export(block, "torchvision BasicBlock(8, 16, stride=2, downsample=1×1 conv + BN)", (1, 8, 16, 16),
           out("resnet-basic-block.onnx"), 14)

    torch.manual_seed(SEED)
    inv = InvertedResidual(8, 8, stride=1, expand_ratio=6)
    randomize_bn_stats(inv)
    export(inv, "torchvision InvertedResidual(8, 8, stride=1, expand_ratio=6)", (1, 8, 16, 16),
           out("mobilenetv2-block.onnx"), 14)
    # The same block with BatchNorm kept as BatchNormalization nodes: no eval peephole (that folds
    # Conv+BN) and no constant folding. The module stays in eval mode, so BN uses running stats.
    export(inv, "torchvision InvertedResidual(8, 8, stride=1, expand_ratio=6), BatchNorm kept", (1, 8, 16, 16),
           out("mobilenetv2-block-bn.onnx"), 14,
           training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)


def resnet50(path):
    torch.manual_seed(SEED)
    model = torchvision.models.resnet50(weights=None)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    started = time.time()
    export(model, "torchvision resnet50(weights=None)", (1, 3, 224, 224), path, 13)
    print(f"resnet50 written in {time.time() - started:.1f} s (hooks, export and check)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resnet50", metavar="OUT.onnx", help="write torchvision resnet50 (~100 MB) instead of the fixtures")
    args = parser.parse_args()
    if args.resnet50:
        if not args.resnet50.endswith(".onnx"):
            parser.error("--resnet50 expects a path ending in .onnx")
        resnet50(args.resnet50)
    else:
        fixtures()


if __name__ == "__main__":
    main()

package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Padding;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;

/**
 * Writes a float IR graph as an ONNX model (opset 13) that ONNX Runtime runs: the same network and
 * the same weights. Activations are NCHW ([1, C, H, W]); a tensor the IR holds as a 1x1xC vector
 * after a FullyConnected is [1, C]. Graph inputs are [1, C, H, W]; outputs keep the IR names.
 * Conv weights go from OHWI to OIHW; a FullyConnected on an HxWxC input (H*W > 1) gets its weight
 * columns reordered from the IR's HWC to ONNX's CHW flatten order; ChannelShuffle is
 * Reshape-Transpose-Reshape; InsideShuffle the same per device slice; Flatten is
 * Transpose-to-NHWC then Flatten (the IR flattens in HWC order).
 * The output is deterministic: same graph, same bytes.
 */
public final class OnnxExporter {
  static final int OPSET = 13;

  private final GraphProto.Builder g = GraphProto.newBuilder();
  private final Map<String, Shape> shapes;
  /** Tensors exported as [1, C] rather than [1, C, H, W] (FullyConnected outputs). */
  private final Map<String, Boolean> flat = new HashMap<>();

  private OnnxExporter(Graph graph) {
    this.shapes = graph.shapes();
  }

  public static ModelProto export(Graph graph) {
    return new OnnxExporter(graph).build(graph);
  }

  /** Writes the model to {@code file} atomically (a temporary file moved into place). */
  public static void write(Graph graph, Path file) throws IOException {
    byte[] bytes = export(graph).toByteArray();
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, ".export-", ".onnx.part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private ModelProto build(Graph graph) {
    g.setName(graph.name());
    for (GraphInput in : graph.inputs()) {
      Shape s = in.shape();
      g.addInput(valueInfo(in.name(), 1, s.c(), s.h(), s.w()));
      flat.put(in.name(), false);
    }
    for (Node n : graph.nodes()) {
      node(n);
    }
    for (String out : graph.outputs()) {
      Shape s = shapes.get(out);
      if (flat.get(out)) {
        g.addOutput(valueInfo(out, 1, s.c()));
      } else {
        g.addOutput(valueInfo(out, 1, s.c(), s.h(), s.w()));
      }
    }
    return ModelProto.newBuilder()
        .setIrVersion(7)
        .setProducerName("shardwire")
        .setProducerVersion("1")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g)
        .build();
  }

  private void node(Node n) {
    Layer l = n.layer();
    String name = n.name();
    List<String> ins = n.inputs();
    if (l instanceof Conv c) {
      String x = nchw(ins.get(0));
      String pre = c.activation().isNone() ? name : name + "/conv";
      NodeProto.Builder b = op("Conv", pre, x, convWeight(name + "/W", c));
      c.bias().ifPresent(bias -> b.addInput(weight(name + "/B", bias.data(), bias.size())));
      b.addAttribute(ints("kernel_shape", c.kernelH(), c.kernelW()))
          .addAttribute(ints("strides", c.strideH(), c.strideW()))
          .addAttribute(ints("pads", pads(c.padding())))
          .addAttribute(intAttr("group", c.groups()));
      g.addNode(b.addOutput(pre));
      activation(c.activation(), pre, name);
      flat.put(name, false);
    } else if (l instanceof FullyConnected fc) {
      String flatIn = flatten(ins.get(0), name + "/flatten");
      String pre = fc.activation().isNone() ? name : name + "/gemm";
      // The IR's FC reads its input in HWC order, which is what the NHWC flatten above gives.
      NodeProto.Builder b = op("Gemm", pre, flatIn, weight(name + "/W", fc.weights()));
      fc.bias().ifPresent(bias -> b.addInput(weight(name + "/B", bias.data(), bias.size())));
      g.addNode(b.addAttribute(intAttr("transB", 1)).addOutput(pre));
      activation(fc.activation(), pre, name);
      flat.put(name, true);
    } else if (l instanceof BatchNorm bn) {
      int c = bn.channels();
      g.addNode(op("BatchNormalization", name, nchw(ins.get(0)), weight(name + "/scale", bn.gamma().data(), c),
          weight(name + "/B", bn.beta().data(), c), weight(name + "/mean", bn.mean().data(), c),
          weight(name + "/var", bn.variance().data(), c))
          .addAttribute(floatAttr("epsilon", bn.epsilon())).addOutput(name));
      flat.put(name, false);
    } else if (l instanceof Relu) {
      g.addNode(op("Relu", name, ins.get(0)).addOutput(name));
      flat.put(name, flat.get(ins.get(0)));
    } else if (l instanceof Clip c) {
      clip(c.asActivation(), ins.get(0), name);
      flat.put(name, flat.get(ins.get(0)));
    } else if (l instanceof MaxPool p) {
      g.addNode(op("MaxPool", name, nchw(ins.get(0)))
          .addAttribute(ints("kernel_shape", p.kernelH(), p.kernelW()))
          .addAttribute(ints("strides", p.strideH(), p.strideW()))
          .addAttribute(ints("pads", pads(p.padding()))).addOutput(name));
      flat.put(name, false);
    } else if (l instanceof AvgPool p) {
      g.addNode(op("AveragePool", name, nchw(ins.get(0)))
          .addAttribute(ints("kernel_shape", p.kernelH(), p.kernelW()))
          .addAttribute(ints("strides", p.strideH(), p.strideW()))
          .addAttribute(ints("pads", pads(p.padding())))
          .addAttribute(intAttr("count_include_pad", p.countIncludePad() ? 1 : 0)).addOutput(name));
      flat.put(name, false);
    } else if (l instanceof GlobalAvgPool) {
      g.addNode(op("GlobalAveragePool", name, nchw(ins.get(0))).addOutput(name));
      flat.put(name, false);
    } else if (l instanceof Add a) {
      boolean isFlat = flat.get(ins.get(0)) && flat.get(ins.get(1));
      String x = isFlat ? ins.get(0) : nchw(ins.get(0));
      String y = isFlat ? ins.get(1) : nchw(ins.get(1));
      String pre = a.activation().isNone() ? name : name + "/add";
      g.addNode(op("Add", pre, x, y).addOutput(pre));
      activation(a.activation(), pre, name);
      flat.put(name, isFlat);
    } else if (l instanceof Concat) {
      NodeProto.Builder b = op("Concat", name);
      for (String in : ins) {
        b.addInput(nchw(in));
      }
      g.addNode(b.addAttribute(intAttr("axis", 1)).addOutput(name));
      flat.put(name, false);
    } else if (l instanceof Flatten) {
      flatten(ins.get(0), name);
      flat.put(name, true);
    } else if (l instanceof ChannelShuffle cs) {
      Shape s = shapes.get(ins.get(0));
      shuffle(nchw(ins.get(0)), name, s, 1, cs.groups());
      flat.put(name, false);
    } else if (l instanceof InsideShuffle is) {
      Shape s = shapes.get(ins.get(0));
      shuffle(nchw(ins.get(0)), name, s, is.devices(), is.groupsPerDevice());
      flat.put(name, false);
    } else {
      throw new IllegalArgumentException("layer '" + name + "' (" + l.op() + ") has no ONNX export");
    }
  }

  /** The IR flattens HWC: NCHW -> Transpose to NHWC -> Flatten; a 1x1xC tensor flattens as is. */
  private String flatten(String x, String out) {
    if (flat.get(x)) {
      g.addNode(op("Flatten", out, x).addAttribute(intAttr("axis", 1)).addOutput(out));
      return out;
    }
    Shape s = shapes.get(x);
    String src = x;
    if (s.h() * s.w() > 1) {
      src = out + "/nhwc";
      g.addNode(op("Transpose", src, x).addAttribute(ints("perm", 0, 2, 3, 1)).addOutput(src));
    }
    g.addNode(op("Flatten", out, src).addAttribute(intAttr("axis", 1)).addOutput(out));
    return out;
  }

  /** A [1, C] tensor (FullyConnected output) seen as [1, C, 1, 1] by an op that needs NCHW. */
  private String nchw(String x) {
    if (!flat.get(x)) {
      return x;
    }
    Shape s = shapes.get(x);
    String out = x + "/nchw";
    if (!g.getNodeList().stream().anyMatch(nd -> nd.getOutputList().contains(out))) {
      g.addNode(op("Reshape", out, x, longs(out + "/shape", 1, s.c(), 1, 1)).addOutput(out));
    }
    return out;
  }

  /** Channel shuffle of each of {@code slices} channel slices with {@code groups} groups. */
  private void shuffle(String x, String out, Shape s, int slices, int groups) {
    int per = s.c() / slices / groups;
    String r1 = out + "/split";
    String t = out + "/transpose";
    g.addNode(op("Reshape", r1, x, longs(r1 + "/shape", 1, slices, groups, per, s.h(), s.w())).addOutput(r1));
    g.addNode(op("Transpose", t, r1).addAttribute(ints("perm", 0, 1, 3, 2, 4, 5)).addOutput(t));
    g.addNode(op("Reshape", out, t, longs(out + "/shape", 1, s.c(), s.h(), s.w())).addOutput(out));
  }

  private void activation(Activation a, String in, String out) {
    if (a.isNone()) {
      return;
    }
    if (a.equals(Activation.RELU)) {
      g.addNode(op("Relu", out, in).addOutput(out));
    } else {
      clip(a, in, out);
    }
  }

  private void clip(Activation a, String in, String out) {
    NodeProto.Builder b = op("Clip", out, in);
    b.addInput(a.min() == Float.NEGATIVE_INFINITY ? "" : scalarWeight(out + "/min", new float[] {a.min()}));
    if (a.max() != Float.POSITIVE_INFINITY) {
      b.addInput(scalarWeight(out + "/max", new float[] {a.max()}));
    }
    g.addNode(b.addOutput(out));
  }

  private static float[] oihw(Conv c) {
    float[] w = c.weights().data();
    int o = c.outChannels();
    int kh = c.kernelH();
    int kw = c.kernelW();
    int ci = c.inChannelsPerGroup();
    float[] out = new float[w.length];
    for (int a = 0; a < o; a++) {
      for (int y = 0; y < kh; y++) {
        for (int x = 0; x < kw; x++) {
          for (int i = 0; i < ci; i++) {
            out[((a * ci + i) * kh + y) * kw + x] = w[((a * kh + y) * kw + x) * ci + i];
          }
        }
      }
    }
    return out;
  }

  private String weight(String name, float[] data, int... dims) {
    int[] d = dims.length == 0 ? new int[] {data.length} : dims;
    g.addInitializer(OnnxTensor.ofFloats(name, d, data).encode());
    return name;
  }

  private String weight(String name, FloatTensor t) {
    return weight(name, t.data(), t.dims());
  }

  private String convWeight(String name, Conv c) {
    return weight(name, oihw(c), c.outChannels(), c.inChannelsPerGroup(), c.kernelH(), c.kernelW());
  }

  private String scalarWeight(String name, float[] data) {
    g.addInitializer(OnnxTensor.ofFloats(name, new int[0], data).encode());
    return name;
  }

  private String longs(String name, long... values) {
    g.addInitializer(OnnxTensor.ofLongs(name, ElementType.INT64, new int[] {values.length}, values).encode());
    return name;
  }

  private static long[] pads(Padding p) {
    return new long[] {p.top(), p.left(), p.bottom(), p.right()};
  }

  private NodeProto.Builder op(String type, String name, String... inputs) {
    NodeProto.Builder b = NodeProto.newBuilder().setOpType(type).setName(name);
    for (String in : inputs) {
      b.addInput(in);
    }
    return b;
  }

  private static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    return b.build();
  }

  private static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  private static AttributeProto floatAttr(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
  }

  private static ValueInfoProto valueInfo(String name, int... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (int d : dims) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
  }
}

package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Conv;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Node;

/**
 * Small hand-built ONNX models, one per import rule, each run by ONNX Runtime and by the golden
 * float path on the imported graph: layouts, flatten order, pads, shuffles, constants, quantized ops.
 */
class OnnxFeaturesTest {

  /** Imports, runs both ways on a seeded input, compares (1e-5 of the largest magnitude), returns the import. */
  private static ImportedModel check(String what, ModelProto model) throws Exception {
    ImportedModel m = OnnxImporter.importModel(model, what, what + ".onnx");
    Map<String, float[]> feed = new java.util.LinkedHashMap<>();
    Map<String, long[]> dims = new java.util.LinkedHashMap<>();
    int seed = 1;
    for (ValueBinding b : m.inputs()) {
      feed.put(b.onnxName(), OnnxAdapter.random(seed++, b.layout().size(), -1f, 1f));
      dims.put(b.onnxName(), OrtRunner.longs(b.onnxDims()));
    }
    Map<String, float[]> ours = OnnxAdapter.runFloat(m, feed);
    Map<String, float[]> ort;
    try (OrtRunner rt = new OrtRunner(model.toByteArray())) {
      ort = rt.run(feed, dims);
    }
    for (ValueBinding b : m.outputs()) {
      Compare.assertClose(what + " output " + b.onnxName(), ort.get(b.onnxName()), ours.get(b.onnxName()), 1e-5);
    }
    return m;
  }

  private static long count(ImportedModel m, Class<?> layer) {
    return m.graph().nodes().stream().map(Node::layer).filter(layer::isInstance).count();
  }

  /** Flatten of an NCHW tensor (H*W > 1) before Gemm: ONNX's CHW order is kept by permuting FC weights. */
  @Test
  void flattenBeforeGemmKeepsChannelOrder() throws Exception {
    ModelProto model = new TinyOnnx()
        .input("x", 1, 3, 5, 4)
        .weight("w", TinyOnnx.ramp(6 * 3 * 3 * 3), 6, 3, 3, 3)
        .weight("b", TinyOnnx.ramp(6), 6)
        .weight("fc", OnnxAdapter.random(3, 6 * 5 * 4 * 7, -1f, 1f), 6 * 5 * 4, 7)
        .node("Conv", "conv", new String[] {"x", "w", "b"}, "c", TinyOnnx.ints("pads", 1, 1, 1, 1))
        .node("Flatten", "flat", new String[] {"c"}, "f")
        .node("MatMul", "fc", new String[] {"f", "fc"}, "y")
        .output("y", 1, 7).build();
    ImportedModel m = check("flatten-gemm", model);
    assertEquals(1, count(m, FullyConnected.class));
  }

  /** NHWC input transposed to NCHW, asymmetric pads, output transposed back and reshaped (BlazeFace style). */
  @Test
  void nhwcInputAndAsymmetricPads() throws Exception {
    ModelProto model = new TinyOnnx()
        .input("img", 1, 9, 10, 3)
        .weight("w", OnnxAdapter.random(5, 4 * 3 * 5 * 5, -1f, 1f), 4, 3, 5, 5)
        .longs("shape", 1, -1, 2)
        .node("Transpose", "to_nchw", new String[] {"img"}, "t", TinyOnnx.ints("perm", 0, 3, 1, 2))
        .node("Conv", "conv", new String[] {"t", "w"}, "c", TinyOnnx.ints("pads", 1, 1, 2, 2),
            TinyOnnx.ints("strides", 2, 2))
        .node("Transpose", "to_nhwc", new String[] {"c"}, "n", TinyOnnx.ints("perm", 0, 2, 3, 1))
        .node("Reshape", "rows", new String[] {"n", "shape"}, "y")
        .output("y", 1, 5 * 5 * 2, 2).build();
    ImportedModel m = check("nhwc", model);
    assertTrue(m.inputs().get(0).layout().isIdentityOrder(), "an NHWC input is the IR tensor as is");
  }

  /** A zero Pad before a Conv is absorbed into the conv's padding; a channel Pad becomes a 0/1 1x1 conv. */
  @Test
  void padsFoldIntoConvAndChannelPads() throws Exception {
    ModelProto model = new TinyOnnx()
        .input("x", 1, 3, 6, 6)
        .longs("sp", 0, 0, 2, 1, 0, 0, 0, 3)
        .longs("cp", 0, 1, 0, 0, 0, 2, 0, 0)
        .weight("w", OnnxAdapter.random(8, 4 * 6 * 3 * 3, -1f, 1f), 4, 6, 3, 3)
        .node("Pad", "chpad", new String[] {"x", "cp"}, "p1")
        .node("Pad", "sppad", new String[] {"p1", "sp"}, "p2")
        .node("Conv", "conv", new String[] {"p2", "w"}, "y")
        .output("y", 1, 4, 6, 7).build();
    ImportedModel m = check("pads", model);
    assertEquals(2, count(m, Conv.class), "the channel pad conv and the conv itself");
  }

  /** Reshape-Transpose-Reshape (a ShuffleNet export) becomes the IR's ChannelShuffle; Concat with zeros pads channels. */
  @Test
  void channelShuffleAndZeroConcat() throws Exception {
    ModelProto model = new TinyOnnx()
        .input("x", 1, 6, 4, 4)
        .longs("split", 1, 3, 2, 4, 4)
        .longs("merge", 1, 6, 4, 4)
        .longs("zshape", 1, 2, 4, 4)
        .weight("w", OnnxAdapter.random(9, 8 * 8, -1f, 1f), 8, 8, 1, 1)
        .node("Reshape", "r1", new String[] {"x", "split"}, "a")
        .node("Transpose", "tr", new String[] {"a"}, "b", TinyOnnx.ints("perm", 0, 2, 1, 3, 4))
        .node("Reshape", "r2", new String[] {"b", "merge"}, "s")
        .node("ConstantOfShape", "zeros", new String[] {"zshape"}, "z")
        .node("Concat", "cat", new String[] {"z", "s"}, "c", TinyOnnx.intAttr("axis", 1))
        .node("Conv", "conv", new String[] {"c", "w"}, "y")
        .output("y", 1, 8, 4, 4).build();
    ImportedModel m = check("shuffle", model);
    assertEquals(1, count(m, ChannelShuffle.class));
  }

  /** Gemm with transB and alpha/beta after GlobalAveragePool; Add of a per-channel constant; Clip as ReLU6. */
  @Test
  void gemmAddConstantAndClip() throws Exception {
    ModelProto model = new TinyOnnx()
        .input("x", 1, 4, 5, 5)
        .weight("bias", new float[] {0.5f, -0.25f, 1f, 2f}, 4, 1, 1)
        .weight("lo", new float[] {0f})
        .weight("hi", new float[] {0.75f})
        .weight("W", OnnxAdapter.random(4, 3 * 4, -1f, 1f), 3, 4)
        .weight("C", new float[] {0.1f, 0.2f, 0.3f}, 3)
        .node("Add", "add", new String[] {"x", "bias"}, "a")
        .node("Clip", "clip", new String[] {"a", "lo", "hi"}, "c")
        .node("GlobalAveragePool", "gap", new String[] {"c"}, "g")
        .node("Flatten", "flat", new String[] {"g"}, "f")
        .node("Gemm", "gemm", new String[] {"f", "W", "C"}, "y", TinyOnnx.intAttr("transB", 1),
            TinyOnnx.floatAttr("alpha", 0.5f), TinyOnnx.floatAttr("beta", 2f))
        .output("y", 1, 3).build();
    check("gemm", model);
  }

  /** A QDQ model: int8 weights through DequantizeLinear, activations through QuantizeLinear/DequantizeLinear. */
  @Test
  void quantizedModelImportsByRealValue() throws Exception {
    long[] wq = new long[4 * 3 * 3 * 3];
    for (int i = 0; i < wq.length; i++) {
      wq[i] = (i * 37 % 255) - 127;
    }
    ModelProto model = new TinyOnnx()
        .input("x", 1, 3, 6, 6)
        .tensor(OnnxTensor.ofLongs("wq", ElementType.INT8, new int[] {4, 3, 3, 3}, wq))
        .weight("ws", new float[] {0.01f, 0.02f, 0.005f, 0.03f}, 4)
        .tensor(OnnxTensor.ofLongs("wz", ElementType.INT8, new int[] {4}, new long[4]))
        .weight("xs", new float[] {1f / 127})
        .tensor(OnnxTensor.ofLongs("xz", ElementType.INT8, new int[0], new long[] {0}))
        .node("DequantizeLinear", "wdq", new String[] {"wq", "ws", "wz"}, "w", TinyOnnx.intAttr("axis", 0))
        .node("QuantizeLinear", "xq", new String[] {"x", "xs", "xz"}, "q")
        .node("DequantizeLinear", "xdq", new String[] {"q", "xs", "xz"}, "d")
        .node("Conv", "conv", new String[] {"d", "w"}, "y", TinyOnnx.ints("pads", 1, 1, 1, 1))
        .output("y", 1, 4, 6, 6).build();
    ImportedModel m = OnnxImporter.importModel(model, "qdq", "qdq.onnx");
    // The activation quantizer is dropped (the project quantizes again): compare with a tolerance of
    // the input's quantization step, x_scale / 2 per input, summed over the 27 products.
    Map<String, float[]> feed = Map.of("x", OnnxAdapter.random(1, 3 * 6 * 6, -1f, 1f));
    float[] ours = OnnxAdapter.runFloat(m, feed).get("y");
    float[] ort;
    try (OrtRunner rt = new OrtRunner(model.toByteArray())) {
      ort = rt.runSingle("x", feed.get("x"), 1, 3, 6, 6);
    }
    Compare.assertClose("qdq", ort, ours, 0.02);
    assertEquals(1, count(m, Conv.class));
  }
}

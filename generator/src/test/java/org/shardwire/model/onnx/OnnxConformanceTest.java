package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The ONNX conformance node tests of Debian's libonnx-testdata (scripts/fetch-onnx-testdata.sh) for
 * every op the importer supports: each case is imported and run by the golden model (float path;
 * the project's integer rules for QuantizeLinear/DequantizeLinear), and must match the expected
 * outputs (floats within 1e-5 of the largest expected magnitude, integers exactly).
 *
 * <p>The ONNX-layout adapter of the test path: the cases feed weights, shapes and bounds as graph
 * inputs, but the hardware needs them constant, so every input an op treats as a parameter
 * ({@link #PARAMETER_SLOTS}) is frozen into an initializer before import. Tensors of any rank,
 * NCHW or not, batch > 1 included, are mapped onto the IR's HWC tensors by the importer's
 * {@link TensorLayout}s and converted back with the same layouts.
 *
 * <p>Cases in {@link #EXCLUDED} are not supported, each for the stated reason; they still run, and
 * the test fails if one of them starts to pass (the list must stay honest). Any other case must pass.
 */
class OnnxConformanceTest {
  static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");
  static final List<String> PREFIXES = List.of("conv", "maxpool", "averagepool", "globalaveragepool", "relu",
      "clip", "add", "concat", "gemm", "matmul", "batchnorm", "flatten", "reshape", "transpose", "qlinearconv",
      "quantizelinear", "dequantizelinear");

  /** Input slots each op reads as a parameter (frozen into an initializer), by op type. */
  static final Map<String, Set<Integer>> PARAMETER_SLOTS = Map.ofEntries(
      Map.entry("Conv", Set.of(1, 2)),
      Map.entry("BatchNormalization", Set.of(1, 2, 3, 4)),
      Map.entry("Gemm", Set.of(1, 2)),
      Map.entry("MatMul", Set.of(1)),
      Map.entry("Clip", Set.of(1, 2)),
      Map.entry("Reshape", Set.of(1)),
      Map.entry("QuantizeLinear", Set.of(1, 2)),
      Map.entry("DequantizeLinear", Set.of(1, 2)),
      Map.entry("QLinearConv", Set.of(1, 2, 3, 4, 5, 6, 7, 8)));

  /** Reviewed exclusions: case name -> why the project does not support it. */
  static final Map<String, String> EXCLUDED = new TreeMap<>(Map.ofEntries(
      Map.entry("test_averagepool_3d_default", "3-D pooling (NCDHW): the IR's tensors are 2-D images (HWC)"),
      Map.entry("test_maxpool_3d_default", "3-D pooling (NCDHW): the IR's tensors are 2-D images (HWC)"),
      Map.entry("test_maxpool_2d_dilations", "dilated pooling: the IR's windows are dense"),
      Map.entry("test_maxpool_with_argmax_2d_precomputed_pads", "MaxPool's second output (Indices) is not supported"),
      Map.entry("test_maxpool_with_argmax_2d_precomputed_strides", "MaxPool's second output (Indices) is not supported"),
      Map.entry("test_batchnorm_epsilon_training_mode", "training_mode=1 (batch statistics): inference only"),
      Map.entry("test_batchnorm_example_training_mode", "training_mode=1 (batch statistics): inference only"),
      Map.entry("test_convinteger_with_padding", "ConvInteger is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convinteger_without_padding", "ConvInteger is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_1d", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_3d", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_autopad_same", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_dilations", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_kernel_shape", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_output_shape", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_pad", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_pads", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_convtranspose_with_kernel", "ConvTranspose is another op (matched by the conv* prefix), not supported"),
      Map.entry("test_matmulinteger", "MatMulInteger is another op (matched by the matmul* prefix), not supported"),
      Map.entry("test_matmul_3d", "batched MatMul with a different B per batch: the IR has one constant weight matrix"),
      Map.entry("test_matmul_4d", "batched MatMul with a different B per batch: the IR has one constant weight matrix"),
      Map.entry("test_gemm_default_matrix_bias", "bias C varies per row (3x4): the IR's bias is per output channel"),
      Map.entry("test_reshape_allowzero_reordered", "zero-size tensor (dimension 0): every IR dimension is >= 1"),
      Map.entry("test_quantizelinear_axis", "per-axis uint8 zero points 84/24/196: the project's int8 is symmetric"
          + " (zero point 0, docs/numerics.md)"),
      Map.entry("test_dequantizelinear_axis", "per-axis uint8 zero points 84/24/196: the project's int8 is symmetric"
          + " (zero point 0, docs/numerics.md)"),
      Map.entry("test_qlinearconv", "asymmetric uint8 (zero points 132/255/123; w - w_zero_point = -255 is outside"
          + " int8) and ONNX's float round-half-even requantization: the project's int8 is symmetric with an"
          + " integer multiplier-shift requantizer (docs/numerics.md)")));

  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger EXCLUDED_COUNT = new AtomicInteger();
  private static final Map<String, String> HOW_EXCLUDED = new java.util.concurrent.ConcurrentSkipListMap<>();

  static List<Path> cases() throws IOException {
    assertTrue(Files.isDirectory(NODE_TESTS), NODE_TESTS + " is missing: run scripts/fetch-onnx-testdata.sh"
        + " (./shardwire test does)");
    List<Path> result = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(NODE_TESTS)) {
      for (Path d : dirs.sorted().toList()) {
        String name = d.getFileName().toString();
        if (PREFIXES.stream().anyMatch(p -> name.startsWith("test_" + p))) {
          result.add(d);
        }
      }
    }
    return result;
  }

  @TestFactory
  Stream<DynamicTest> conformance() throws IOException {
    List<Path> cases = cases();
    // Debian's libonnx-testdata 1.12 has 123 such cases; far fewer means a broken install.
    assertTrue(cases.size() >= 100, "only " + cases.size() + " conformance cases found under " + NODE_TESTS);
    for (String name : EXCLUDED.keySet()) {
      assertTrue(cases.stream().anyMatch(c -> c.getFileName().toString().equals(name)),
          "excluded case " + name + " does not exist");
    }
    return cases.stream().map(dir -> {
      String name = dir.getFileName().toString();
      String reason = EXCLUDED.get(name);
      String label = reason == null ? name : name + " [excluded: " + reason + "]";
      return DynamicTest.dynamicTest(label, () -> {
        if (reason == null) {
          runCase(dir);
          PASSED.incrementAndGet();
          return;
        }
        boolean passes;
        try {
          runCase(dir);
          passes = true;
        } catch (OnnxImportException | AssertionError e) {
          passes = false;
          HOW_EXCLUDED.put(name, e.getMessage().lines().findFirst().orElse(""));
        }
        if (passes) {
          fail(name + " is excluded (" + reason + ") but now passes: remove it from EXCLUDED");
        }
        EXCLUDED_COUNT.incrementAndGet();
      });
    });
  }

  @AfterAll
  static void summary() {
    System.out.println("ONNX conformance: " + PASSED.get() + " passed, " + EXCLUDED_COUNT.get()
        + " excluded with a reason");
    HOW_EXCLUDED.forEach((k, v) -> System.out.println("  excluded " + k + ": " + v));
  }

  static void runCase(Path dir) throws IOException {
    ModelProto model = OnnxReader.readModel(dir.resolve("model.onnx"));
    Path data = dir.resolve("test_data_set_0");
    GraphProto g = model.getGraph();
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    for (int i = 0; i < g.getInputCount(); i++) {
      inputs.put(g.getInput(i).getName(), OnnxReader.readTensor(data.resolve("input_" + i + ".pb")));
    }
    Map<String, OnnxTensor> expected = new LinkedHashMap<>();
    for (int i = 0; i < g.getOutputCount(); i++) {
      expected.put(g.getOutput(i).getName(), OnnxReader.readTensor(data.resolve("output_" + i + ".pb")));
    }
    ModelProto frozen = freezeParameters(model, inputs);
    String op = g.getNode(0).getOpType();
    Map<String, float[]> actual;
    if (op.equals("QuantizeLinear") || op.equals("DequantizeLinear")) {
      actual = QuantConformance.run(frozen, inputs);
    } else {
      ImportedModel m = OnnxImporter.importModel(frozen, dir.getFileName().toString(), dir.toString());
      Map<String, float[]> feed = new LinkedHashMap<>();
      for (ValueBinding b : m.inputs()) {
        feed.put(b.onnxName(), inputs.get(b.onnxName()).asFloats());
      }
      actual = OnnxAdapter.runFloat(m, feed);
    }
    for (Map.Entry<String, OnnxTensor> e : expected.entrySet()) {
      OnnxTensor want = e.getValue();
      float[] got = actual.get(e.getKey());
      if (got == null) {
        fail("no result for output '" + e.getKey() + "'");
      }
      if (want.type().isFloating()) {
        Compare.assertClose(e.getKey(), want.floats(), got, 1e-5);
      } else {
        long[] w = want.longs();
        assertEquals(w.length, got.length, e.getKey() + ": element count");
        for (int i = 0; i < w.length; i++) {
          assertEquals(w[i], Math.round(got[i]), e.getKey() + "[" + i + "] (integer output, exact)");
          assertEquals((double) Math.round(got[i]), got[i], 0.0, e.getKey() + "[" + i + "] is not an integer");
        }
      }
    }
  }

  /** Moves every parameter input of the (single) node into the initializers, with the test's values. */
  static ModelProto freezeParameters(ModelProto model, Map<String, OnnxTensor> inputs) {
    GraphProto g = model.getGraph();
    java.util.Set<String> frozen = new java.util.HashSet<>();
    for (NodeProto n : g.getNodeList()) {
      Set<Integer> slots = new java.util.HashSet<>(PARAMETER_SLOTS.getOrDefault(n.getOpType(), Set.of()));
      if (n.getOpType().equals("Add") && n.getInputCount() == 2
          && inputs.get(n.getInput(1)).size() < inputs.get(n.getInput(0)).size()) {
        slots.add(1); // a broadcast second operand is a bias
      }
      for (int s : slots) {
        if (s < n.getInputCount() && !n.getInput(s).isEmpty()) {
          frozen.add(n.getInput(s));
        }
      }
    }
    GraphProto.Builder gb = g.toBuilder().clearInput();
    for (ValueInfoProto in : g.getInputList()) {
      if (frozen.contains(in.getName())) {
        OnnxTensor t = inputs.get(in.getName());
        gb.addInitializer(new OnnxTensor(in.getName(), t.type(), t.dims(), t.floats(), t.longs()).encode());
      } else {
        gb.addInput(in);
      }
    }
    return model.toBuilder().setGraph(gb).build();
  }
}

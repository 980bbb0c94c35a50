package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphException;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * Imports an ONNX model into the project's graph IR (NHWC, batch 1), in pure Java.
 *
 * <p>Supported ops: Conv, Relu, Clip, MaxPool, AveragePool, GlobalAveragePool, Add, Concat, Gemm,
 * MatMul, BatchNormalization, Flatten, Reshape, Transpose, Pad, Constant, ConstantOfShape, and
 * QLinearConv, QuantizeLinear, DequantizeLinear. How ONNX's layouts meet the IR:
 * <ul>
 *   <li>Every ONNX value carries a {@link TensorLayout}: NCHW tensors sit in the IR as HWC,
 *       weights are turned from OIHW into the IR's OHWI.</li>
 *   <li>Transpose, Flatten and Reshape only relabel (no IR layer) whenever the element order
 *       allows it; a Gemm/MatMul after a flatten of an NCHW tensor keeps ONNX's CHW order by
 *       permuting its weight rows. Only a reshape the layout cannot express becomes an IR
 *       Flatten (when the IR order already equals ONNX's) or an error.</li>
 *   <li>A zero Pad on H/W is absorbed into the following Conv/AveragePool's padding; zero
 *       channels (Pad on C, or Concat with a zero ConstantOfShape as in BlazeFace) become a 1x1
 *       conv with 0/1 weights, since the IR has no Pad layer.</li>
 *   <li>Add with a per-channel constant becomes a BatchNorm with unit scale (a bias).</li>
 *   <li>Quantized models (QLinearConv, QuantizeLinear/DequantizeLinear) are imported by their
 *       real-valued meaning: weights are dequantized, activation quantizers dropped; the project's
 *       own int8 rules (docs/numerics.md) then quantize the graph again.</li>
 * </ul>
 * Anything else fails with an {@link OnnxImportException} naming the node and what is allowed;
 * an unsupported model lists every unsupported op type with its node names at once.
 */
public final class OnnxImporter {
  static final Set<String> SUPPORTED_OPS = Set.of("Conv", "Relu", "Clip", "MaxPool", "AveragePool",
      "GlobalAveragePool", "Add", "Concat", "Gemm", "MatMul", "BatchNormalization", "Flatten", "Reshape",
      "Transpose", "Pad", "Constant", "ConstantOfShape", "QLinearConv", "QuantizeLinear", "DequantizeLinear");

  private OnnxImporter() {}

  public static ImportedModel importFile(Path file) {
    ModelProto model = OnnxReader.readModel(file);
    String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
    return importModel(model, name, file.toString());
  }

  /**
   * Imports a parsed model. {@code graphName} names the IR graph; {@code source} (the file) prefixes
   * every error message.
   */
  public static ImportedModel importModel(ModelProto model, String graphName, String source) {
    try {
      return doImport(model, graphName);
    } catch (OnnxImportException e) {
      if (e.getMessage().startsWith(source)) {
        throw e;
      }
      throw new OnnxImportException(source + ": " + e.getMessage(), e);
    } catch (GraphException e) {
      throw new OnnxImportException(source + ": the imported graph is inconsistent: " + e.getMessage(), e);
    }
  }

  private static ImportedModel doImport(ModelProto model, String graphName) {
    GraphProto g = model.getGraph();
    List<OnnxNode> nodes = new ArrayList<>();
    for (int i = 0; i < g.getNodeCount(); i++) {
      nodes.add(OnnxNode.of(g.getNode(i), i));
    }
    refuseUnsupported(nodes);

    ImportContext ctx = new ImportContext(OnnxReader.defaultOpset(model));
    Set<String> initializerNames = new HashSet<>();
    for (TensorProto t : g.getInitializerList()) {
      ctx.defineConstant(t.getName(), OnnxTensor.decode(t, "initializer"));
      initializerNames.add(t.getName());
    }
    List<ValueBinding> inputs = new ArrayList<>();
    for (ValueInfoProto in : g.getInputList()) {
      if (initializerNames.contains(in.getName())) {
        continue; // Older exporters list initializers among the inputs.
      }
      inputs.add(graphInput(in, nodes, ctx));
    }
    if (inputs.isEmpty()) {
      throw new OnnxImportException("the graph has no inputs (every input is an initializer)");
    }
    for (OnnxNode n : nodes) {
      OpImport.apply(n, ctx);
    }
    List<ValueBinding> outputs = new ArrayList<>();
    Set<String> irOutputs = new LinkedHashSet<>();
    for (ValueInfoProto out : g.getOutputList()) {
      String name = out.getName();
      if (ctx.isConstant(name)) {
        throw new OnnxImportException("graph output '" + name + "' is a constant; outputs must be computed from the input");
      }
      ImportContext.Value v = ctx.value(name);
      if (v == null) {
        throw new OnnxImportException("graph output '" + name + "' is not produced by any node (truncated file?)");
      }
      if (!v.pendingPad().isNone()) {
        throw new OnnxImportException("graph output '" + name + "' is a Pad result; the IR has no Pad layer");
      }
      outputs.add(new ValueBinding(name, v.tensor(), v.layout(), v.type()));
      irOutputs.add(v.tensor());
    }
    if (outputs.isEmpty()) {
      throw new OnnxImportException("the graph has no outputs");
    }
    Graph graph = new Graph(graphName, ctx.graphInputs(), ctx.nodes(), new ArrayList<>(irOutputs));
    refuseNonFiniteParameters(graph);
    return new ImportedModel(graph, inputs, outputs);
  }

  /**
   * A NaN or infinity in weights, bias or batch-norm parameters would quantize to garbage (a NaN
   * scale zeroes a whole output channel), so it is refused here, naming the layer.
   */
  private static void refuseNonFiniteParameters(Graph graph) {
    for (org.shardwire.model.Node n : graph.nodes()) {
      Map<String, org.shardwire.model.FloatTensor> params = new java.util.LinkedHashMap<>();
      if (n.layer() instanceof org.shardwire.model.Conv c) {
        params.put("weights", c.weights());
        c.bias().ifPresent(b -> params.put("bias", b));
      } else if (n.layer() instanceof org.shardwire.model.FullyConnected f) {
        params.put("weights", f.weights());
        f.bias().ifPresent(b -> params.put("bias", b));
      } else if (n.layer() instanceof org.shardwire.model.BatchNorm b) {
        params.put("scale", b.gamma());
        params.put("bias", b.beta());
        params.put("mean", b.mean());
        params.put("variance", b.variance());
      }
      for (Map.Entry<String, org.shardwire.model.FloatTensor> e : params.entrySet()) {
        float[] v = e.getValue().data();
        for (int i = 0; i < v.length; i++) {
          if (!Float.isFinite(v[i])) {
            throw new OnnxImportException("layer '" + n.name() + "' (" + n.layer().op() + "): " + e.getKey()
                + " value " + i + " is " + v[i] + "; weights and parameters must be finite numbers");
          }
        }
      }
    }
  }

  /** Lists every node whose op the importer does not know, grouped by op type, in one message. */
  private static void refuseUnsupported(List<OnnxNode> nodes) {
    Map<String, List<String>> bad = new TreeMap<>();
    for (OnnxNode n : nodes) {
      String domain = n.proto().getDomain();
      boolean standard = domain.isEmpty() || domain.equals("ai.onnx");
      if (!standard || !SUPPORTED_OPS.contains(n.opType())) {
        String op = standard ? n.opType() : domain + "." + n.opType();
        bad.computeIfAbsent(op, k -> new ArrayList<>()).add(n.name());
      }
    }
    if (bad.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("unsupported ONNX op");
    sb.append(bad.size() == 1 ? "" : "s").append(": ");
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : bad.entrySet()) {
      parts.add(e.getKey() + " (node" + (e.getValue().size() == 1 ? " " : "s ") + String.join(", ",
          e.getValue().stream().map(s -> "'" + s + "'").toList()) + ")");
    }
    sb.append(String.join("; ", parts));
    sb.append(". Supported: ").append(String.join(", ", new java.util.TreeSet<>(SUPPORTED_OPS)));
    throw new OnnxImportException(sb.toString());
  }

  private static ValueBinding graphInput(ValueInfoProto in, List<OnnxNode> nodes, ImportContext ctx) {
    String name = in.getName();
    if (!in.getType().hasTensorType()) {
      throw new OnnxImportException("graph input '" + name + "' is not a tensor");
    }
    ElementType type = ElementType.fromOnnx(in.getType().getTensorType().getElemType(), "graph input '" + name + "'");
    if (type != ElementType.FLOAT && type != ElementType.UINT8 && type != ElementType.INT8) {
      throw new OnnxImportException("graph input '" + name + "' has element type " + type
          + "; inputs must be FLOAT (or UINT8/INT8 image data)");
    }
    if (!in.getType().getTensorType().hasShape()) {
      throw new OnnxImportException("graph input '" + name + "' has no shape; the importer needs fixed dimensions");
    }
    TensorShapeProto shape = in.getType().getTensorType().getShape();
    int[] dims = new int[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      TensorShapeProto.Dimension d = shape.getDim(i);
      if (d.hasDimValue()) {
        if (d.getDimValue() <= 0) {
          throw new OnnxImportException("graph input '" + name + "' has a zero-size dimension at axis " + i + " "
              + describe(shape) + "; every dimension must be at least 1");
        }
        if (d.getDimValue() > Integer.MAX_VALUE) {
          throw new OnnxImportException("graph input '" + name + "' dimension " + i + " is too large: " + d.getDimValue());
        }
        dims[i] = (int) d.getDimValue();
      } else if (i == 0) {
        dims[i] = 1; // A symbolic batch dimension: the hardware runs one frame at a time.
      } else {
        throw new OnnxImportException("graph input '" + name + "' has a symbolic dimension '" + d.getDimParam()
            + "' at axis " + i + " " + describe(shape) + "; only the batch axis (0) may be symbolic");
      }
    }
    if (dims.length == 0) {
      throw new OnnxImportException("graph input '" + name + "' is a scalar; inputs must be tensors");
    }
    TensorLayout layout = TensorLayout.standard(dims, LayoutChoice.channelAxis(name, dims.length, nodes, 0));
    int[] hwc = layout.irShape();
    String tensor = ctx.addGraphInput(name, new Shape(hwc[0], hwc[1], hwc[2]));
    ctx.define(name, new ImportContext.Value(tensor, layout, type, Padding.NONE));
    return new ValueBinding(name, tensor, layout, type);
  }

  private static String describe(TensorShapeProto shape) {
    List<String> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension d : shape.getDimList()) {
      dims.add(d.hasDimValue() ? String.valueOf(d.getDimValue()) : (d.getDimParam().isEmpty() ? "?" : d.getDimParam()));
    }
    return "[" + String.join(", ", dims) + "]";
  }

  static String dims(int[] d) {
    return Arrays.toString(d);
  }
}

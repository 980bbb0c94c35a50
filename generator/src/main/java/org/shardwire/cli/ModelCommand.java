package org.shardwire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.LayerStats;
import org.shardwire.model.Shape;
import org.shardwire.model.onnx.OnnxExporter;
import org.shardwire.model.passes.GraphPass;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.report.JsonFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./shardwire model}: the layer table of a network (name, op, output shape, MACs, params) and totals. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Prints a model's layers (name, op, output shape, MACs, params) and totals.")
public final class ModelCommand implements Callable<Integer> {
  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--fused", description = "Show the graph after folding BatchNorm and fusing ReLU/Clip (what the hardware gets).")
  boolean fused;

  @Option(names = "--list", description = "List the built-in models and exit.")
  boolean list;

  @Option(names = "--export-onnx", paramLabel = "FILE",
      description = "Write the model (float weights; with --fused, the fused graph) as an ONNX file instead of printing it.")
  Path exportOnnx;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (modelOptions.calibration != null) {
      throw new UserInputException("--calibration only changes quantization: use it with plan or generate");
    }
    if (list) {
      for (ModelZoo.Entry e : ModelZoo.entriesInOrder()) {
        out.printf(Locale.ROOT, "%-20s %-10s %s%n", e.name(), e.defaultInput(), e.description());
      }
      out.flush();
      return 0;
    }
    Graph g = modelOptions.load();
    if (fused) {
      g = GraphPass.optimize(g);
    }
    if (exportOnnx != null) {
      try {
        OnnxExporter.write(g, exportOnnx);
      } catch (IOException e) {
        throw new UserInputException("--export-onnx " + exportOnnx + ": cannot write (" + e.getMessage() + ")", e);
      }
      out.printf(Locale.ROOT, "wrote %s: ONNX opset 13, %d layers, input %s (NCHW [1, %d, %d, %d])%n", exportOnnx, g.nodes().size(),
          g.inputs().get(0).name(), g.inputShape().c(), g.inputShape().h(), g.inputShape().w());
      out.flush();
      return 0;
    }
    out.print(json ? json(g) : table(g));
    out.flush();
    return 0;
  }

  static String table(Graph g) {
    List<LayerStats> rows = g.stats();
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"name", "op", "attributes", "output", "MACs", "params"});
    for (LayerStats r : rows) {
      cells.add(new String[] {r.name(), r.op(), r.attributes(), r.output().toString(), group(r.macs()),
          group(r.params())});
    }
    int[] width = new int[6];
    for (String[] row : cells) {
      for (int i = 0; i < 6; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("model ").append(g.name());
    for (GraphInput in : g.inputs()) {
      b.append(", input ").append(in.name()).append(' ').append(in.shape());
    }
    b.append('\n');
    for (int r = 0; r < cells.size(); r++) {
      String[] row = cells.get(r);
      b.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3]
          + "s  %" + width[4] + "s  %" + width[5] + "s", (Object[]) row).stripTrailing()).append('\n');
    }
    long macs = g.totalMacs();
    b.append(String.format(Locale.ROOT, "total: %d layers, %s MACs (%.3f G), %s params (%.3f M)%n", rows.size(), group(macs),
        macs / 1e9, group(g.totalParams()), g.totalParams() / 1e6));
    return b.toString();
  }

  /** {@code model --json}: the layer table for machines (Jackson records, snake_case keys). */
  record ModelJson(String model, List<InputJson> inputs, List<String> outputs, List<LayerJson> layers, long totalMacs,
      long totalParams) {}

  record InputJson(String name, int[] shape) {}

  record LayerJson(String name, String op, String attributes, List<String> inputs, int[] output, long macs,
      long params) {}

  static String json(Graph g) {
    return JsonFiles.write(new ModelJson(g.name(),
        g.inputs().stream().map(in -> new InputJson(in.name(), shape(in.shape()))).toList(), g.outputs(),
        g.stats().stream().map(r -> new LayerJson(r.name(), r.op(), r.attributes(), r.inputs(), shape(r.output()),
            r.macs(), r.params())).toList(), g.totalMacs(), g.totalParams()));
  }

  private static int[] shape(Shape s) {
    return new int[] {s.h(), s.w(), s.c()};
  }

  private static String group(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}

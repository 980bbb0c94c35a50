package org.shardwire.quant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.Layer;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.WeightInit;

/**
 * Activation scales by the max method (docs/numerics.md, "Scales: calibration"): S = max|x| / 127
 * over all calibration inputs for tensors made by requantizing ops and for graph inputs; ops that
 * only move or clamp int8 values keep their input's scale. Fed with float traces (every tensor by
 * name), so it does not depend on who ran the float graph ({@code golden.Quantization} does).
 */
public final class Calibration {
  private final Graph graph;
  private final Map<String, Double> maxAbs = new LinkedHashMap<>();
  private int observed;

  public Calibration(Graph graph) {
    this.graph = graph;
  }

  /** True for ops whose output gets its own scale (they end in a requantizer). */
  public static boolean ownsScale(Layer l) {
    return l instanceof Conv || l instanceof FullyConnected || l instanceof Add || l instanceof AvgPool
        || l instanceof GlobalAvgPool || l instanceof Concat;
  }

  /** Records one float trace of the graph (every tensor by name). */
  public Calibration observe(Map<String, FloatTensor> trace) {
    for (String tensor : graph.shapes().keySet()) {
      FloatTensor t = trace.get(tensor);
      if (t == null) {
        throw new IllegalArgumentException("calibration trace of '" + graph.name() + "' lacks tensor '" + tensor + "'");
      }
      double m = maxAbs.getOrDefault(tensor, 0.0);
      for (int i = 0; i < t.size(); i++) {
        m = Math.max(m, Math.abs(t.get(i)));
      }
      maxAbs.put(tensor, m);
    }
    observed++;
    return this;
  }

  /** The scale of every tensor, in the graph's order. */
  public Map<String, Double> scales() {
    if (observed == 0) {
      throw new IllegalStateException("calibration of '" + graph.name() + "' needs at least one input");
    }
    Map<String, Double> scales = new LinkedHashMap<>();
    for (GraphInput in : graph.inputs()) {
      scales.put(in.name(), scaleFor(maxAbs.get(in.name())));
    }
    for (Node n : graph.nodes()) {
      double s = ownsScale(n.layer()) ? scaleFor(maxAbs.get(n.name())) : scales.get(n.inputs().get(0));
      scales.put(n.name(), s);
    }
    return scales;
  }

  private static double scaleFor(double maxAbs) {
    return maxAbs > 0 ? maxAbs / 127.0 : 1.0 / 127.0;
  }

  /** {@code count} seeded U(-1, 1) inputs of the given shape: the default calibration set. */
  public static List<FloatTensor> seededInputs(Shape shape, int count, long seed) {
    List<FloatTensor> xs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      xs.add(FloatTensor.activation(shape, WeightInit.uniformInput(seed, "calibration-" + i, (int) shape.elements())));
    }
    return xs;
  }
}

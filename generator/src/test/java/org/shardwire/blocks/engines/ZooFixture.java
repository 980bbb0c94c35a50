package org.shardwire.blocks.engines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.Quantization;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * A zoo model quantized by org.shardwire.quant and traced by the golden model on a few seeded
 * images: the real layers (constants and tensors) that engine tests replay.
 */
public final class ZooFixture {
  public static final int FRAMES = 4;
  private static final Map<String, ZooFixture> CACHE = new ConcurrentHashMap<>();

  private final QuantizedGraph quantized;
  private final List<Map<String, Int8Tensor>> traces;

  private ZooFixture(String model) {
    Graph g = ModelZoo.build(model);
    quantized = Quantization.quantize(g, ModelZoo.DEFAULT_SEED);
    Int8Inference golden = new Int8Inference(quantized);
    traces = new ArrayList<>();
    for (FloatTensor image : Calibration.seededInputs(g.inputShape(), FRAMES, 2026)) {
      traces.add(golden.trace(quantized.quantizeInput(image)));
    }
  }

  public static ZooFixture of(String model) {
    return CACHE.computeIfAbsent(model, ZooFixture::new);
  }

  public QuantizedGraph quantized() {
    return quantized;
  }

  public Node node(String name) {
    return quantized.graph().node(name);
  }

  public Shape shape(String tensor) {
    return quantized.graph().shape(tensor);
  }

  /** The golden value of a tensor in frame {@code frame} (0 .. FRAMES-1). */
  public Int8Tensor tensor(int frame, String name) {
    Int8Tensor t = traces.get(frame).get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor '" + name + "' in the trace of " + quantized.graph().name());
    }
    return t;
  }

  /** Frames replaying node {@code name}: its input tensors and its golden output. */
  public List<EngineSim.Frame> frames(String name, int count) {
    Node n = node(name);
    List<EngineSim.Frame> frames = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      List<Int8Tensor> ins = new ArrayList<>();
      for (String in : n.inputs()) {
        ins.add(tensor(f, in));
      }
      frames.add(new EngineSim.Frame(ins, List.of(tensor(f, name))));
    }
    return frames;
  }
}

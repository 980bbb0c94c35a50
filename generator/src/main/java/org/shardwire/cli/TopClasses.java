package org.shardwire.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.shardwire.golden.FloatInference;
import org.shardwire.golden.Int8Inference;
import org.shardwire.model.FloatTensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * The top classes of a picture: by the int8 golden model (what a bit-exact cluster computes, score
 * for score) and by the float network it was quantized from.
 */
final class TopClasses {
  private TopClasses() {}

  /** A class and its score. */
  record Ranked(int index, float score) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d (%.3f)", index, score);
    }
  }

  static List<Ranked> int8(QuantizedGraph q, FloatTensor image, int k) {
    Int8Inference golden = new Int8Inference(q);
    String out = q.graph().outputs().get(0);
    return top(q.dequantize(out, golden.run(q.quantizeInput(image))).data(), k);
  }

  static List<Ranked> float32(QuantizedGraph q, FloatTensor image, int k) {
    return top(new FloatInference(q.graph()).run(image).data(), k);
  }

  static List<Ranked> top(float[] scores, int k) {
    List<Ranked> all = new ArrayList<>();
    IntStream.range(0, scores.length).forEach(i -> all.add(new Ranked(i, scores[i])));
    // Highest score first; ties by class index so the order is fixed.
    all.sort(Comparator.comparingDouble((Ranked r) -> -r.score()).thenComparingInt(Ranked::index));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }
}

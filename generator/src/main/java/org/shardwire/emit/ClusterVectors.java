package org.shardwire.emit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.lower.Lowering;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.TensorVectors;
import org.shardwire.model.FloatTensor;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * The golden model's view of a cluster run: N seeded images through the int8 golden model, as
 * the vectors the cluster harness feeds (the image at board 0's input width) and checks (each
 * board's cut tensor at its link's width, the scores at the last engine's width).
 */
public record ClusterVectors(List<List<BigInteger>> image, List<List<List<BigInteger>>> cuts,
    List<List<BigInteger>> scores) {

  /** Seeds simulation images apart from the calibration images of the same model seed. */
  static final long IMAGE_SEED_OFFSET = 0x51_4d_0001L;

  public static ClusterVectors of(QuantizedGraph q, Lowering.Lowered hw, int frames, long seed) {
    return of(q, hw, Calibration.seededInputs(q.graph().inputShape(), frames, seed + IMAGE_SEED_OFFSET));
  }

  /** The same for given input images (pictures: {@code simulate --image}). */
  public static ClusterVectors of(QuantizedGraph q, Lowering.Lowered hw, List<FloatTensor> images) {
    Int8Inference golden = new Int8Inference(q);
    List<List<BigInteger>> image = new ArrayList<>();
    List<List<BigInteger>> scores = new ArrayList<>();
    List<List<List<BigInteger>>> cuts = new ArrayList<>();
    List<BoardTopConfig> boards = hw.boards();
    for (int i = 0; i < boards.size() - 1; i++) {
      cuts.add(new ArrayList<>());
    }
    for (FloatTensor x : images) {
      Int8Tensor input = q.quantizeInput(x);
      Map<String, Int8Tensor> trace = golden.trace(input);
      image.addAll(TensorVectors.beats(input, hw.streams().get(hw.graphInput()).lanes(), true));
      for (int i = 0; i < boards.size() - 1; i++) {
        String cut = boards.get(i).network().output();
        cuts.get(i).addAll(TensorVectors.beats(tensor(trace, cut), hw.streams().get(cut).lanes(), true));
      }
      scores.addAll(TensorVectors.beats(tensor(trace, hw.graphOutput()), hw.streams().get(hw.graphOutput()).lanes(),
          true));
    }
    return new ClusterVectors(image, cuts, scores);
  }

  private static Int8Tensor tensor(Map<String, Int8Tensor> trace, String name) {
    Int8Tensor t = trace.get(name);
    if (t == null) {
      throw new IllegalStateException("the golden trace has no tensor '" + name + "' (it has " + trace.keySet() + ")");
    }
    return t;
  }
}

package org.shardwire.emit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.lower.ChannelGroupLowering;
import org.shardwire.emit.lower.Lowering;
import org.shardwire.hdl.Vendor;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.TensorVectors;
import org.shardwire.model.FloatTensor;
import org.shardwire.plan.ChannelGroupSlicer;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * The golden model's view of a cluster run: N seeded images through the int8 golden model, as
 * the vectors the cluster harness feeds (the image at board 0's input width) and checks (each
 * tensor of each board's cut at its link's width, the scores at the last engine's width).
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
    List<String> sent = new ArrayList<>(); // every tensor of every cut, in the plan's link order
    for (int i = 0; i < boards.size() - 1; i++) {
      sent.addAll(boards.get(i).network().outputs());
    }
    for (int j = 0; j < sent.size(); j++) {
      cuts.add(new ArrayList<>());
    }
    for (FloatTensor x : images) {
      Int8Tensor input = q.quantizeInput(x);
      Map<String, Int8Tensor> trace = golden.trace(input);
      image.addAll(TensorVectors.beats(input, hw.streams().get(hw.graphInput()).lanes(), true));
      for (int j = 0; j < sent.size(); j++) {
        String cut = sent.get(j);
        cuts.get(j).addAll(TensorVectors.beats(tensor(trace, cut), hw.streams().get(cut).lanes(), true));
      }
      scores.addAll(TensorVectors.beats(tensor(trace, hw.graphOutput()), hw.streams().get(hw.graphOutput()).lanes(),
          true));
    }
    return new ClusterVectors(image, cuts, scores);
  }

  /** The vectors of the cluster {@code plan} describes, a pipeline or channel groups. */
  public static ClusterVectors of(QuantizedGraph q, Plan plan, List<Vendor> vendors, int frames, long seed) {
    return of(q, plan, vendors, Calibration.seededInputs(q.graph().inputShape(), frames, seed + IMAGE_SEED_OFFSET));
  }

  /** The same for given input images. */
  public static ClusterVectors of(QuantizedGraph q, Plan plan, List<Vendor> vendors, List<FloatTensor> images) {
    return plan.strategy() == Strategy.PIPELINE ? of(q, Lowering.lower(q, plan, vendors), images)
        : of(q, ChannelGroupLowering.lower(q, plan, vendors), images);
  }

  /**
   * A channel-group cluster (docs/channel-groups.md): the image as the first stage's boards read it, the
   * scores from the golden model of the whole network, and every exchange (in slicing order, the
   * harness's checks) as its sender's stream in the golden run of the boards' joined graph.
   */
  public static ClusterVectors of(QuantizedGraph q, ChannelGroupLowering.Lowered hw, List<FloatTensor> images) {
    Int8Inference golden = new Int8Inference(q);
    ChannelGroupSlicer.Slicing slicing = hw.slicing();
    QuantizedGraph joinedGraph = slicing.joined();
    Int8Inference joined = new Int8Inference(joinedGraph);
    BoardTopConfig out = hw.boards().get(slicing.outputBoard());
    int scoreLanes = out.streams().get(out.network().outputs().get(0)).lanes();
    int imageLanes = -1;
    String imageName = q.graph().inputs().get(0).name();
    for (BoardTopConfig b : hw.boards()) {
      if (!b.network().inputs().contains(imageName)) {
        continue; // a later stage's board
      }
      int lanes = b.streams().get(imageName).lanes();
      if (imageLanes >= 0 && lanes != imageLanes) {
        throw new IllegalStateException("board " + b.index() + " reads the image " + lanes + " wide, board 0 "
            + imageLanes + ": the harness feeds every board the same beats");
      }
      imageLanes = lanes;
    }
    List<ChannelGroupSlicer.Exchange> xs = slicing.exchanges();
    List<List<BigInteger>> image = new ArrayList<>();
    List<List<BigInteger>> scores = new ArrayList<>();
    List<List<List<BigInteger>>> checks = new ArrayList<>();
    for (int j = 0; j < xs.size(); j++) {
      checks.add(new ArrayList<>());
    }
    for (FloatTensor x : images) {
      Int8Tensor input = q.quantizeInput(x);
      Map<String, Int8Tensor> trace = joined.trace(input);
      Int8Tensor result = golden.run(input);
      if (!result.equals(tensor(trace, joinedGraph.graph().outputs().get(0)))) {
        throw new IllegalStateException("the boards' joined graph does not compute " + q.graph().name()
            + "'s output: the slicing is wrong");
      }
      image.addAll(TensorVectors.beats(input, imageLanes, true));
      scores.addAll(TensorVectors.beats(result, scoreLanes, true));
      for (int j = 0; j < xs.size(); j++) {
        ChannelGroupSlicer.Exchange e = xs.get(j);
        BoardTopConfig sender = hw.boards().get(e.from());
        String port = ChannelGroupLowering.txPort(j);
        String sent = sender.network().outputs().get(sender.txLinks().stream()
            .filter(l -> l.port().equals(port)).findFirst().orElseThrow().index());
        checks.get(j).addAll(TensorVectors.beats(tensor(trace, ChannelGroupSlicer.Slicing.joinedName(e.from(),
            e.stream())), sender.streams().get(sent).lanes(), true));
      }
    }
    return new ClusterVectors(image, checks, scores);
  }

  private static Int8Tensor tensor(Map<String, Int8Tensor> trace, String name) {
    Int8Tensor t = trace.get(name);
    if (t == null) {
      throw new IllegalStateException("the golden trace has no tensor '" + name + "' (it has " + trace.keySet() + ")");
    }
    return t;
  }
}

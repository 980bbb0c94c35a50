package org.shardwire.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.quant.QConcat;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QLayer;
import org.shardwire.quant.QMove;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.quant.Requant;

/**
 * Splits an int8 network by channels over N boards (docs/channel-groups.md): for every board an
 * int8 graph of its own, made of ordinary layers, so the cost model, the engine configs, the
 * branch FIFOs and the golden model all apply to it unchanged.
 *
 * <p>Every tensor is held on each board as whole local streams, each covering a contiguous range
 * of the tensor's channels. A grouped conv (groups a multiple of N) takes board d's share of its
 * groups: input and output channels [d C/N, (d+1) C/N). A depthwise conv, pooling, clamp and
 * inside shuffle (for N devices) work on whatever contiguous range the board holds, with no
 * exchange. A layer that mixes all channels (an ungrouped conv such as the stem, a fully
 * connected layer, a plain channel shuffle) needs the whole input and computes its share of the
 * output channels. A concat moves nothing: its output is held as the pieces of its inputs.
 *
 * <p>Where a layer needs channels its board does not hold, the board gathers them: the missing
 * pieces arrive from the boards that hold them (an {@link Exchange}, a graph input of the
 * receiving board and a graph output of the sending one; a holder that keeps part of a stream
 * cuts the sent part out with a ChannelRange node) and a Concat node joins the pieces in channel
 * order, requantizing each piece of a concat's input with that concat's requantizer.
 * Board 0 gathers the network's output. Slicing whole output channels keeps every value exact.
 *
 * <p>Stages ({@link Stage}, a mixed plan): the layers from a stage's first layer on are split over
 * that stage's boards only; a stage's boards gather what they need of an earlier stage's tensors
 * straight from the boards that hold them, the image goes to the first stage's boards, and the
 * last stage's first board gathers the network's output.
 */
public final class ChannelGroupSlicer {
  /** One stream sent from board {@code from} to board {@code to}: {@code stream} there arrives as {@code received}. */
  public record Exchange(int from, int to, String stream, String received, Shape shape) {
    /** int8: one byte per element. */
    public long bytes() {
      return shape.elements();
    }
  }

  /** Channels [from, to) of the network's tensor {@code tensor}, at that tensor's scale unless rescaled later. */
  public record Held(String tensor, int from, int to) {}

  /**
   * Every board's int8 graph (board 0 outputs the network's output first), the exchanges between
   * them, and for every stream a board makes that is a slice of a network tensor, which slice.
   */
  public record Slicing(List<QuantizedGraph> boards, List<Exchange> exchanges, List<Map<String, Held>> held,
      int outputBoard) {
    public Slicing {
      boards = List.copyOf(boards);
      exchanges = List.copyOf(exchanges);
      held = held.stream().map(m -> Map.copyOf(m)).toList();
    }

    /** The name of board d's tensor {@code t} in {@link #joined()}. */
    public static String joinedName(int d, String t) {
      return "b" + d + ":" + t;
    }

    /**
     * All boards as one int8 graph, every received input replaced by the sender's stream: what the
     * cluster computes, for the golden model to run (its output is the output board's first output).
     */
    public QuantizedGraph joined() {
      String image = boards.get(0).graph().inputs().get(0).name();
      List<Node> nodes = new ArrayList<>();
      Map<String, org.shardwire.quant.QLayer> layers = new LinkedHashMap<>();
      Map<String, Double> scales = new LinkedHashMap<>();
      scales.put(image, boards.get(0).scale(image));
      for (int d = 0; d < boards.size(); d++) {
        Map<String, String> rename = new HashMap<>();
        rename.put(image, image);
        for (Exchange x : exchanges) {
          if (x.to() == d) {
            rename.put(x.received(), joinedName(x.from(), x.stream()));
          }
        }
        QuantizedGraph b = boards.get(d);
        for (Node n : b.graph().nodes()) {
          List<String> in = new ArrayList<>();
          for (String t : n.inputs()) {
            in.add(rename.getOrDefault(t, joinedName(d, t)));
          }
          String name = joinedName(d, n.name());
          nodes.add(new Node(name, n.layer(), in));
          layers.put(name, b.layer(n.name()));
          scales.put(name, b.scale(n.name()));
        }
      }
      String out = joinedName(outputBoard, boards.get(outputBoard).graph().outputs().get(0));
      Graph g = new Graph(boards.get(0).graph().name() + "@joined", List.of(boards.get(0).graph().inputs().get(0)),
          nodes, List.of(out));
      return new QuantizedGraph(g, scales, layers);
    }
  }

  /** A local stream holding channels [from, to) of a tensor; {@code requant} scales it to the tensor (null: same scale). */
  private record Segment(int from, int to, String stream, Requant requant) {}

  /** A piece a board gathers: channels [from, to) from {@code board}'s segment. */
  private record Piece(int board, Segment segment) {}

  private static final Requant IDENTITY = Requant.of(1.0);

  private final QuantizedGraph q;
  private final Graph g;
  private final Map<String, Shape> shapes;
  private final int n;
  private final List<Stage> stages;
  private final Map<String, Integer> stageOfNode = new HashMap<>();
  private final List<Board> boards = new ArrayList<>();
  private final Map<String, List<List<Segment>>> holding = new HashMap<>();
  private final Map<String, String> gathered = new HashMap<>();
  private final List<Exchange> exchanges = new ArrayList<>();

  private ChannelGroupSlicer(QuantizedGraph q, List<Stage> stages) {
    this.q = q;
    this.g = q.graph();
    this.shapes = g.shapes();
    this.stages = List.copyOf(stages);
    int count = 0;
    for (int s = 0; s < stages.size(); s++) {
      for (int d : stages.get(s).boards()) {
        boards.add(new Board(d, s));
        count++;
      }
    }
    this.n = count;
    int s = -1;
    for (Node node : g.nodes()) {
      while (s + 1 < stages.size() && node.name().equals(stages.get(s + 1).firstLayer())) {
        s++;
      }
      if (s < 0) {
        throw new PlanException("stage 0 of " + g.name() + " must start at its first layer "
            + g.nodes().get(0).name() + ", not at " + stages.get(0).firstLayer());
      }
      stageOfNode.put(node.name(), s);
    }
    if (s != stages.size() - 1) {
      throw new PlanException("stage " + (s + 1) + " of " + g.name() + " starts at " + stages.get(s + 1).firstLayer()
          + ", which is not a layer after the previous stage's first layer");
    }
  }

  /** Slices {@code q} over {@code boardCount} boards; a layer that cannot be split throws {@link PlanException} naming it. */
  public static Slicing slice(QuantizedGraph q, int boardCount) {
    if (boardCount < 2) {
      throw new PlanException("channel groups need at least 2 boards, got " + boardCount);
    }
    if (q.graph().inputs().size() != 1) {
      throw new PlanException(q.graph().name() + " has " + q.graph().inputs().size()
          + " inputs; channel groups take networks with one input image");
    }
    List<Integer> all = new ArrayList<>();
    for (int d = 0; d < boardCount; d++) {
      all.add(d);
    }
    return slice(q, List.of(new Stage(all, q.graph().nodes().get(0).name())));
  }

  /**
   * Slices {@code q} over pipeline stages of boards, each stage splitting its layers over its own
   * boards by channel groups (a stage of one board holds its layers whole).
   */
  public static Slicing slice(QuantizedGraph q, List<Stage> stages) {
    if (q.graph().inputs().size() != 1) {
      throw new PlanException(q.graph().name() + " has " + q.graph().inputs().size()
          + " inputs; channel groups take networks with one input image");
    }
    int next = 0;
    for (Stage s : stages) {
      if (s.boards().get(0) != next) {
        throw new IllegalArgumentException("stages must hold boards 0, 1, ... in order, got " + stages);
      }
      next += s.size();
    }
    return new ChannelGroupSlicer(q, stages).run();
  }

  private Slicing run() {
    GraphInput image = g.inputs().get(0);
    List<List<Segment>> imageHeld = new ArrayList<>();
    for (Board b : boards) {
      if (b.stage == 0) {
        b.input(image.name(), image.shape(), q.scale(image.name()));
      }
      imageHeld.add(b.stage == 0 ? List.of(new Segment(0, image.shape().c(), image.name(), null)) : List.of());
    }
    holding.put(image.name(), imageHeld);
    for (Node node : g.nodes()) {
      place(node);
    }
    String out = g.outputs().get(0);
    int outputBoard = stages.get(stages.size() - 1).boards().get(0);
    String result = gather(out, 0, shapes.get(out).c(), outputBoard);
    boards.get(outputBoard).outputs.add(0, result);
    List<QuantizedGraph> graphs = new ArrayList<>();
    List<Map<String, Held>> held = new ArrayList<>();
    for (Board b : boards) {
      held.add(b.held);
      if (b.outputs.isEmpty()) {
        throw new PlanException("board " + b.index + " of " + g.name() + " sends nothing: channel groups give it no work");
      }
      graphs.add(b.build());
    }
    return new Slicing(graphs, exchanges, held, outputBoard);
  }

  private void place(Node node) {
    Layer l = node.layer();
    String name = node.name();
    if (l instanceof Concat) {
      List<List<Segment>> held = new ArrayList<>();
      QConcat qc = (QConcat) q.layer(name);
      for (int d = 0; d < n; d++) {
        List<Segment> segs = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < node.inputs().size(); i++) {
          String in = node.inputs().get(i);
          Requant rq = qc.inputs().get(i);
          for (Segment s : holding.get(in).get(d)) {
            if (s.requant() != null && !isIdentity(rq)) {
              throw new PlanException("layer " + name + ": concat of a concat with two rescalings cannot be split by "
                  + "channel groups yet");
            }
            segs.add(new Segment(offset + s.from(), offset + s.to(), s.stream(), s.requant() != null ? s.requant() : rq));
          }
          offset += shapes.get(in).c();
        }
        held.add(segs);
      }
      holding.put(name, held);
      return;
    }
    List<List<Segment>> held = new ArrayList<>();
    int stage = stageOfNode.get(name);
    for (int d = 0; d < n; d++) {
      held.add(boards.get(d).stage == stage ? List.of(placeOn(node, d)) : List.of());
    }
    holding.put(name, held);
  }

  /** Node {@code node} on board d: the board's node for it and the channels of its output it holds. */
  private Segment placeOn(Node node, int d) {
    Layer l = node.layer();
    String name = node.name();
    Board b = boards.get(d);
    if (l instanceof Conv c) {
      QConv qc = q.conv(name);
      String in = node.inputs().get(0);
      int[] out = share(name, c.outChannels(), d);
      if (c.isDepthwise()) {
        String x = gather(in, out[0], out[1], d);
        return b.node(name, ChannelSlices.conv(qc, out[0], out[1], out[1] - out[0]), List.of(x), out, node);
      }
      if (c.groups() == 1) {
        String x = gather(in, 0, c.inChannels(), d);
        return b.node(name, ChannelSlices.conv(qc, out[0], out[1], 1), List.of(x), out, node);
      }
      int m = b.stageSize();
      if (c.groups() % m != 0) {
        throw new PlanException("layer " + name + ": its " + c.groups() + " groups cannot be shared by " + m
            + " boards (channel groups need the group count to be a multiple of the board count)");
      }
      int[] inRange = share(name, c.inChannels(), d);
      String x = gather(in, inRange[0], inRange[1], d);
      return b.node(name, ChannelSlices.conv(qc, out[0], out[1], c.groups() / m), List.of(x), out, node);
    }
    if (l instanceof FullyConnected f) {
      // Nothing after the classifier follows its slices, so they need not be equal (1000 classes on 3 boards).
      int[] out = balancedShare(f.outFeatures(), d);
      String in = node.inputs().get(0);
      String x = gather(in, 0, shapes.get(in).c(), d);
      return b.node(name, ChannelSlices.fullyConnected(q.fullyConnected(name), out[0], out[1]), List.of(x), out, node);
    }
    if (l instanceof org.shardwire.model.Add) {
      int[] r = followOrShare(node.inputs().get(0), name, d);
      List<String> xs = new ArrayList<>();
      for (String in : node.inputs()) {
        xs.add(gather(in, r[0], r[1], d));
      }
      return b.node(name, q.layer(name), xs, r, node);
    }
    if (l instanceof InsideShuffle s) {
      String in = node.inputs().get(0);
      int c = shapes.get(in).c();
      int[] r = followOrShare(in, name, d);
      int m = b.stageSize();
      int[] own = c % m == 0 ? share(name, c, d) : null;
      if (s.devices() == m && own != null && r[0] == own[0] && r[1] == own[1]) {
        // Algorithm 1: the slice is shuffled on its own, with the board's groups only.
        String x = gather(in, r[0], r[1], d);
        return b.node(name, new ChannelShuffle(s.groupsPerDevice()), new QMove(), List.of(x), r);
      }
      return whole(node, d);
    }
    if (l instanceof ChannelShuffle) {
      return whole(node, d);
    }
    if (l instanceof Relu || l instanceof Clip || l instanceof MaxPool || l instanceof AvgPool
        || l instanceof GlobalAvgPool || l instanceof Flatten) {
      String in = node.inputs().get(0);
      int[] r = followOrShare(in, name, d);
      return b.node(name, q.layer(name), List.of(gather(in, r[0], r[1], d)), r, node);
    }
    throw new PlanException("layer " + name + " (" + l.op() + ") cannot be split by channel groups");
  }

  /** A layer that mixes every channel and keeps them all: the board gathers the whole input and computes all of it. */
  private Segment whole(Node node, int d) {
    String in = node.inputs().get(0);
    int c = shapes.get(in).c();
    return boards.get(d).node(node.name(), q.layer(node.name()), List.of(gather(in, 0, c, d)), new int[] {0, c}, node);
  }

  /** Board d's share [k C/M, (k+1) C/M) of C channels, d the k-th of the M boards of its stage. */
  private int[] share(String layer, int channels, int d) {
    Board b = boards.get(d);
    int m = b.stageSize();
    if (channels % m != 0) {
      throw new PlanException("layer " + layer + ": its " + channels + " output channels cannot be shared by " + m
          + " boards (channel groups need the channel count to be a multiple of the board count)");
    }
    int per = channels / m;
    int k = b.stageIndex();
    return new int[] {k * per, (k + 1) * per};
  }

  /** Board d's share of C channels when C need not divide evenly: boundaries at k C / M, rounded down. */
  private int[] balancedShare(int channels, int d) {
    Board b = boards.get(d);
    int m = b.stageSize();
    int k = b.stageIndex();
    return new int[] {k * channels / m, (k + 1) * channels / m};
  }

  /** The range board d holds of {@code tensor} when it is one stream at the tensor's scale; else the board's share. */
  private int[] followOrShare(String tensor, String layer, int d) {
    List<Segment> segs = holding.get(tensor).get(d);
    if (segs.size() == 1 && segs.get(0).requant() == null) {
      return new int[] {segs.get(0).from(), segs.get(0).to()};
    }
    return share(layer, shapes.get(tensor).c(), d);
  }

  /**
   * Channels [from, to) of {@code tensor} on board d, at the tensor's scale: the local stream when
   * the board holds exactly that, else a Concat node over the pieces (local ones first, the rest
   * received from the lowest board that holds them).
   */
  private String gather(String tensor, int from, int to, int d) {
    String key = tensor + "|" + from + "|" + to + "|" + d;
    String done = gathered.get(key);
    if (done != null) {
      return done;
    }
    List<Piece> pieces = new ArrayList<>();
    int p = from;
    while (p < to) {
      Piece piece = find(tensor, p, d);
      if (piece == null) {
        for (int e = 0; e < n && piece == null; e++) {
          piece = e == d ? null : find(tensor, p, e);
        }
      }
      if (piece == null) {
        throw new IllegalStateException("channel " + p + " of " + tensor + " is on no board");
      }
      Segment s = piece.segment();
      int end = Math.min(s.to(), to);
      if (s.from() != p || s.to() != end) {
        // The holder keeps part of its stream and sends the rest: cut the part out there.
        s = boards.get(piece.board()).range(s, p, end);
        piece = new Piece(piece.board(), s);
      }
      pieces.add(piece);
      p = end;
    }
    List<String> names = new ArrayList<>();
    List<Requant> requants = new ArrayList<>();
    for (Piece piece : pieces) {
      String stream = piece.segment().stream();
      names.add(piece.board() == d ? stream : receive(piece.board(), stream, d));
      requants.add(piece.segment().requant() == null ? IDENTITY : piece.segment().requant());
    }
    String result;
    if (pieces.size() == 1) {
      if (piece0Rescaled(pieces)) {
        throw new PlanException("layer " + tensor + ": board " + d + " would hold one rescaled piece of it, which "
            + "needs a requantizing engine of its own (not built for channel groups yet)");
      }
      result = names.get(0);
    } else {
      String name = tensor + "@" + from + "-" + to;
      Shape whole = shapes.get(tensor);
      boards.get(d).node(name, new Concat(), new QConcat(requants), names, new int[] {from, to});
      if (!boards.get(d).shapes.get(name).equals(new Shape(whole.h(), whole.w(), to - from))) {
        throw new IllegalStateException("gathered " + name + " has the wrong shape");
      }
      result = name;
    }
    gathered.put(key, result);
    return result;
  }

  private static boolean piece0Rescaled(List<Piece> pieces) {
    Requant r = pieces.get(0).segment().requant();
    return r != null && !isIdentity(r);
  }

  private static boolean isIdentity(Requant r) {
    return r.equals(IDENTITY);
  }

  private Piece find(String tensor, int channel, int board) {
    for (Segment s : holding.get(tensor).get(board)) {
      if (s.from() <= channel && channel < s.to()) {
        return new Piece(board, s);
      }
    }
    return null;
  }

  /** Board {@code to} receives {@code stream} from board {@code from}: an output there, an input here. */
  private String receive(int from, String stream, int to) {
    String name = stream + "@from" + from;
    Board b = boards.get(to);
    if (!b.shapes.containsKey(name)) {
      Board sender = boards.get(from);
      Shape shape = sender.shapes.get(stream);
      b.input(name, shape, sender.scales.get(stream));
      if (!sender.outputs.contains(stream)) {
        sender.outputs.add(stream);
      }
      exchanges.add(new Exchange(from, to, stream, name, shape));
    }
    return name;
  }

  /** One board's graph as it grows. */
  private final class Board {
    final int index;
    final int stage;
    final List<GraphInput> inputs = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<String, QLayer> layers = new LinkedHashMap<>();
    final Map<String, Double> scales = new LinkedHashMap<>();
    final Map<String, Shape> shapes = new LinkedHashMap<>();
    final List<String> outputs = new ArrayList<>();
    final Map<String, Held> held = new LinkedHashMap<>();

    Board(int index, int stage) {
      this.index = index;
      this.stage = stage;
    }

    /** Boards in this board's stage. */
    int stageSize() {
      return stages.get(stage).size();
    }

    /** This board's place among its stage's boards. */
    int stageIndex() {
      return index - stages.get(stage).boards().get(0);
    }

    void input(String name, Shape shape, double scale) {
      inputs.add(new GraphInput(name, shape));
      shapes.put(name, shape);
      scales.put(name, scale);
    }

    /** A node keeping the original's scale (a slice of the same tensor). */
    Segment node(String name, QLayer ql, List<String> in, int[] range, Node original) {
      Layer layer = ql instanceof QConv c ? c.layer()
          : ql instanceof org.shardwire.quant.QFullyConnected f ? f.layer() : original.layer();
      return node(name, layer, ql, in, range, q.scale(original.name()));
    }

    Segment node(String name, Layer layer, QLayer ql, List<String> in, int[] range) {
      String tensor = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
      return node(name, layer, ql, in, range, q.scale(tensor));
    }

    private Segment node(String name, Layer layer, QLayer ql, List<String> in, int[] range, double scale) {
      List<Shape> inShapes = in.stream().map(shapes::get).toList();
      String tensor = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
      held.put(name, new Held(tensor, range[0], range[1]));
      nodes.add(new Node(name, layer, in));
      layers.put(name, ql);
      scales.put(name, scale);
      shapes.put(name, layer.outputShape(name, inShapes));
      return new Segment(range[0], range[1], name, null);
    }

    /** Channels [from, to) of a segment's stream as a stream of its own (a ChannelRange node, made once). */
    Segment range(Segment s, int from, int to) {
      String name = s.stream() + "@" + (from - s.from()) + "-" + (to - s.from());
      if (!shapes.containsKey(name)) {
        node(name, new ChannelRange(from - s.from(), to - s.from()), new QMove(), List.of(s.stream()),
            new int[] {from, to}, scales.get(s.stream()));
        // The segment's range counts channels of the tensor that holds it (a concat's output);
        // the stream itself is a slice of its own tensor.
        Held source = held.get(s.stream());
        int start = source == null ? from - s.from() : source.from() + from - s.from();
        held.put(name, new Held(source == null ? s.stream() : source.tensor(), start, start + to - from));
      }
      return new Segment(from, to, name, s.requant());
    }

    QuantizedGraph build() {
      Set<String> outs = new LinkedHashSet<>(outputs);
      Graph graph = new Graph(g.name() + "@board" + index, inputs, nodes, new ArrayList<>(outs));
      return new QuantizedGraph(graph, scales, layers);
    }
  }
}

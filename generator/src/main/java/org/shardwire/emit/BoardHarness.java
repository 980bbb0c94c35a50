package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.emit.board.BoardNetwork;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.board.LinkEnd;
import org.shardwire.emit.lower.ChannelGroupLowering;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Plan;

/**
 * The board-alone harness of board {@code board} ({@code sim/board<K>/}, docs/board-simulation.md):
 * the board's RTL as generated, every link it receives driven by a <em>feeder</em> (a top of
 * {@code s_axis} into the same LinkTx its sender has) and every link it sends ended by a
 * <em>sink</em> (the same LinkRx its receiver has, into {@code m_axis}). It is a
 * {@link ClusterHarness} of these instances, so the cluster's driver, channel model and checks
 * run it unchanged; its vectors are the cluster's ({@link ClusterVectors}): what the board reads
 * is fed (the image, or the tensor a link delivers), what it sends is checked on its monitors.
 *
 * @param image what the harness feeds at its image input: {@link #IMAGE} or the cluster check
 *     name of the link whose feeder is instance 0
 * @param scores what the harness expects at its scores output: {@link #SCORES} (the board writes
 *     the scores) or the cluster check name of the board's first sent link (its sink's output)
 * @param feeds the cluster check names of the further links the board receives, fed in order
 */
public record BoardHarness(int board, ClusterHarness harness, String image, String scores, List<String> feeds) {
  public static final String IMAGE = "image";
  public static final String SCORES = "scores";
  static final String SOURCES = "sources.f";

  public BoardHarness {
    feeds = List.copyOf(feeds);
  }

  /**
   * A link of the cluster as a board-alone harness needs it: its boards and lane ports, the
   * sender's monitor of it, the endpoint config, the stream it carries and its check's name in
   * the cluster harness.
   */
  public record Link(int from, int to, String txPort, String rxPort, String monitor, LinkConfig config,
      TensorStream stream, String name) {}

  /** A pipeline's links: each tensor of board k's cut to board k + 1, in the plan's link order. */
  public static List<Link> pipelineLinks(List<BoardTopConfig> boards) {
    List<Link> links = new ArrayList<>();
    for (int k = 0; k + 1 < boards.size(); k++) {
      BoardTopConfig b = boards.get(k);
      for (int j = 0; j < b.network().outputs().size(); j++) {
        String[] ports = ClusterHarness.pipelinePorts(j);
        links.add(new Link(k, k + 1, ports[0], ports[1], BoardTopConfig.monitor(j),
            j == 0 ? b.outLink() : b.txLink(j).config(), b.streams().get(b.network().outputs().get(j)),
            ClusterHarness.cutName(k, j)));
      }
    }
    return links;
  }

  /** A channel-group cluster's links: every exchanged stream, in the harness's order. */
  public static List<Link> exchangeLinks(ChannelGroupLowering.Lowered hw) {
    List<Link> links = new ArrayList<>();
    for (ClusterHarness.Exchange x : ClusterHarness.exchanges(hw)) {
      BoardTopConfig sender = hw.boards().get(x.from());
      LinkEnd tx = sender.txLink(x.senderOutput());
      links.add(new Link(x.from(), x.to(), x.txPort(), x.rxPort(), BoardTopConfig.monitor(x.senderOutput()),
          tx.config(), sender.streams().get(sender.network().outputs().get(x.senderOutput())), x.name()));
    }
    return links;
  }

  /** The folder of board {@code board}'s harness inside the cluster's {@code sim/}. */
  public static Path dir(Path simDir, int board) {
    return simDir.resolve("board" + board);
  }

  /**
   * Writes the board-alone harness of every board. Each link end is built in its own board's
   * vendor; equal ends (same vendor, link config and stream width) are emitted once, into
   * {@code sim/endpoints/}, and shared: a channel-group cluster has a hundred links of a few kinds.
   */
  public static void writeAll(List<EmittedDesign> boards, List<Link> links, List<Vendor> vendors, String stamp,
      Path simDir) {
    Endpoints ends = new Endpoints(stamp, simDir.resolve(ENDPOINTS));
    for (int k = 0; k < boards.size(); k++) {
      write(k, boards, links, vendors, ends, dir(simDir, k));
    }
  }

  static final String ENDPOINTS = "endpoints";

  /** The feeders and sinks emitted so far, by what makes their RTL differ. */
  private static final class Endpoints {
    private final String stamp;
    private final Path dir;
    private final Map<List<Object>, EmittedDesign> built = new java.util.LinkedHashMap<>();
    private int feeders;
    private int sinks;

    Endpoints(String stamp, Path dir) {
      this.stamp = stamp;
      this.dir = dir;
    }

    /** A top of {@code s_axis} into the LinkTx of link {@code l} ({@code link_out_*}), as {@code feed<n>_top}. */
    EmittedDesign feeder(Link l, Vendor vendor) {
      return built.computeIfAbsent(List.of("feed", vendor, l.config(), l.stream().axisShape()),
          key -> endpoint("feed" + feeders++, new BoardTopConfig(l.from(), passThrough(),
              Map.of(TENSOR, l.stream()), null, l.config(), Map.of()), vendor));
    }

    /** A top of the LinkRx of link {@code l} ({@code link_in_*}) into {@code m_axis}, as {@code sink<n>_top}. */
    EmittedDesign sink(Link l, Vendor vendor) {
      return built.computeIfAbsent(List.of("sink", vendor, l.config(), l.stream().axisShape()),
          key -> endpoint("sink" + sinks++, new BoardTopConfig(l.to(), passThrough(), Map.of(TENSOR, l.stream()),
              l.config(), null, Map.of()), vendor));
    }

    private EmittedDesign endpoint(String name, BoardTopConfig c, Vendor vendor) {
      return new VerilogEmitter(vendor, stamp, name + "_").emit(() -> new BoardTop(c, name + "_top"),
          dir.resolve(name));
    }
  }

  private static void write(int k, List<EmittedDesign> boards, List<Link> links, List<Vendor> vendors,
      Endpoints ends, Path dir) {
    EmittedDesign board = boards.get(k);
    BoardLinks own = BoardLinks.of(k, links.size(), j -> links.get(j).from(), j -> links.get(j).to());
    List<Integer> in = own.in();
    List<Integer> out = own.out();
    boolean readsImage = ClusterHarness.portWidth(board, "s_axis_tdata") > 0;
    boolean writesScores = ClusterHarness.portWidth(board, "m_axis_tdata") > 0;
    if (!readsImage && in.isEmpty() || !writesScores && out.isEmpty()) {
      throw new IllegalArgumentException("board " + k + " has no input or no output the harness can reach");
    }
    // Instance 0 reads the harness's image: the board when it reads the image, else its first feeder.
    List<EmittedDesign> instances = new ArrayList<>();
    List<Integer> feeders = new ArrayList<>(); // instance of each link in `in`
    if (!readsImage) {
      instances.add(ends.feeder(links.get(in.get(0)), vendors.get(links.get(in.get(0)).from())));
      feeders.add(0);
    }
    int self = instances.size();
    instances.add(board);
    for (int j : in.subList(readsImage ? 0 : 1, in.size())) {
      feeders.add(instances.size());
      instances.add(ends.feeder(links.get(j), vendors.get(links.get(j).from())));
    }
    List<Integer> sinks = new ArrayList<>();
    for (int j : out) {
      sinks.add(instances.size());
      instances.add(ends.sink(links.get(j), vendors.get(links.get(j).to())));
    }

    List<ClusterView.BoardView> views = new ArrayList<>();
    List<String> declarations = new ArrayList<>();
    List<String> status = new ArrayList<>();
    List<ClusterView.FifoView> fifos = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      ClusterHarness.addBoard(i, instances.get(i), views, declarations, status, fifos);
    }
    List<ClusterView.CutView> checks = new ArrayList<>();
    List<ClusterView.LinkView> linkViews = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      Link l = links.get(in.get(i));
      linkViews.add(linkView(linkViews.size(), feeders.get(i), self, "link_out", l.rxPort()));
    }
    for (int i = 0; i < out.size(); i++) {
      Link l = links.get(out.get(i));
      checks.add(new ClusterView.CutView(i, 3 + i, ClusterHarness.portWidth(board, l.monitor() + "_tdata"), self,
          l.monitor(), l.name()));
      linkViews.add(linkView(linkViews.size(), self, sinks.get(i), l.txPort(), "link_in"));
    }
    List<ClusterView.FeedView> feedViews = new ArrayList<>();
    List<String> feedNames = new ArrayList<>();
    for (int i = readsImage ? 0 : 1; i < in.size(); i++) {
      String name = links.get(in.get(i)).name();
      feedViews.add(new ClusterView.FeedView(feedViews.size(), 3 + checks.size() + feedViews.size(), feeders.get(i),
          name));
      feedNames.add(name);
    }
    int scoresInstance = writesScores ? self : sinks.get(0);
    List<Integer> drains = sinks.subList(writesScores ? 0 : 1, sinks.size());
    ClusterView view = new ClusterView(ends.stamp, views, declarations, checks, linkViews, status, fifos,
        ClusterHarness.portWidth(instances.get(scoresInstance), "m_axis_tdata"), 4, 256,
        ClusterHarness.PROGRESS_INTERVAL, scoresInstance, List.of(), feedViews, drains);
    // Only the board itself streams weights (feeders and sinks have no engines).
    view = ClusterHarness.withDdr(view, instances, i -> i == self ? k : -1);
    ClusterHarness h = ClusterHarness.write(instances, view, dir);
    String image = readsImage ? IMAGE : links.get(in.get(0)).name();
    String scores = writesScores ? SCORES : links.get(out.get(0)).name();
    StringBuilder sources = new StringBuilder("image ").append(image).append("\nscores ").append(scores).append('\n');
    feedNames.forEach(f -> sources.append("feed ").append(f).append('\n'));
    try {
      Files.writeString(dir.resolve(SOURCES), sources, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(SOURCES), e);
    }
  }

  private static ClusterView.LinkView linkView(int index, int from, int to, String txPort, String rxPort) {
    return new ClusterView.LinkView(index, from, to, 2L * index + 1, 2L * index + 2, txPort, rxPort);
  }

  private static final String TENSOR = "link";

  /** No engines: the board's input is its output. */
  private static BoardNetwork passThrough() {
    return new BoardNetwork(TENSOR, List.of(), TENSOR);
  }

  /** Reads back board {@code board}'s harness from a cluster's {@code sim/} folder. */
  public static BoardHarness read(Path simDir, int board) {
    Path dir = dir(simDir, board);
    ClusterHarness h = ClusterHarness.read(dir);
    try {
      String image = null;
      String scores = null;
      List<String> feeds = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve(SOURCES), StandardCharsets.UTF_8)) {
        String[] kv = line.split(" ", 2);
        if (kv.length != 2) {
          continue;
        }
        switch (kv[0]) {
          case "image" -> image = kv[1];
          case "scores" -> scores = kv[1];
          case "feed" -> feeds.add(kv[1]);
          default -> throw new IOException("unknown line '" + line + "'");
        }
      }
      if (image == null || scores == null) {
        throw new IOException("no image or scores line");
      }
      return new BoardHarness(board, h, image, scores, feeds);
    } catch (IOException e) {
      throw new IllegalArgumentException("bad board harness in " + dir + " (" + SOURCES + "): " + e.getMessage()
          + ": run ./shardwire generate again", e);
    }
  }

  /** The harness's vectors, taken from the cluster's. */
  public record Vectors(List<List<BigInteger>> image, List<List<BigInteger>> scores,
      List<List<List<BigInteger>>> checks, List<List<List<BigInteger>>> feeds, List<String> inputs,
      List<String> outputs) {}

  /**
   * This board's share of the cluster's vectors. The cluster's checked streams are its links in
   * the plan's order ({@code plan.links()}), so the links this board
   * receives and sends are found as {@link #write} found them, by position: names are not unique
   * (two senders of one channel-group slice both send "stream->b2"). Each pick is checked against
   * the name the harness recorded ({@code clusterChecks}: the cluster harness's check names).
   */
  public Vectors vectors(ClusterVectors v, Plan plan, List<String> clusterChecks) {
    List<LinkPlan> planLinks = plan.links();
    if (planLinks.size() != clusterChecks.size() || v.cuts().size() != clusterChecks.size()) {
      throw new IllegalStateException("the plan has " + planLinks.size() + " links, the cluster harness checks "
          + clusterChecks.size() + " streams and the golden model gave " + v.cuts().size());
    }
    BoardLinks own = BoardLinks.of(board, planLinks.size(), j -> planLinks.get(j).from(), j -> planLinks.get(j).to());
    List<Integer> in = own.in();
    List<Integer> out = own.out();
    List<Integer> fed = in.subList(image.equals(IMAGE) ? 0 : 1, in.size());
    if (fed.size() != feeds.size() || out.size() != harness.checks().size()) {
      throw new IllegalStateException("board " + board + " receives " + in.size() + " and sends " + out.size()
          + " links in the plan; its harness feeds " + feeds.size() + " and checks " + harness.checks().size()
          + ": run ./shardwire generate again");
    }
    List<String> inputs = new ArrayList<>(image.equals(IMAGE) ? List.of(IMAGE) : List.of());
    in.forEach(j -> inputs.add(label(clusterChecks, j, planLinks.get(j).from())));
    List<String> outputs = new ArrayList<>(scores.equals(SCORES) ? List.of(SCORES) : List.of());
    out.forEach(j -> outputs.add(label(clusterChecks, j, board)));
    return new Vectors(image.equals(IMAGE) ? v.image() : pick(v, clusterChecks, in.get(0), image),
        scores.equals(SCORES) ? v.scores() : pick(v, clusterChecks, out.get(0), scores),
        java.util.stream.IntStream.range(0, out.size())
            .mapToObj(i -> pick(v, clusterChecks, out.get(i), harness.checks().get(i))).toList(),
        java.util.stream.IntStream.range(0, fed.size())
            .mapToObj(i -> pick(v, clusterChecks, fed.get(i), feeds.get(i))).toList(), inputs, outputs);
  }

  /** Link {@code j}'s name, with its sender when another link has the same name. */
  private static String label(List<String> clusterChecks, int j, int from) {
    String name = clusterChecks.get(j);
    return clusterChecks.indexOf(name) == clusterChecks.lastIndexOf(name) ? name : name + " (from board " + from + ")";
  }

  private static List<List<BigInteger>> pick(ClusterVectors v, List<String> clusterChecks, int link, String name) {
    if (!clusterChecks.get(link).equals(name)) {
      throw new IllegalStateException("the cluster's link " + link + " is checked as '" + clusterChecks.get(link)
          + "', this board's harness expects '" + name + "': run ./shardwire generate again");
    }
    return v.cuts().get(link);
  }

  /** The board's instance in its harness: 0 when it reads the image, else 1 (after its first feeder). */
  public int instance() {
    return image.equals(IMAGE) ? 0 : 1;
  }

  /** The harness stream whose frame ends time this board: its scores, or its first sent link's monitor. */
  public String measuredStream() {
    return scores;
  }

  /**
   * The links a board reads ({@code to == board}) and sends ({@code from == board}), as indices in
   * link order; the harness's links and the plan's are listed in the same order, so both give
   * the same indices.
   */
  private record BoardLinks(List<Integer> in, List<Integer> out) {
    static BoardLinks of(int board, int links, java.util.function.IntUnaryOperator from,
        java.util.function.IntUnaryOperator to) {
      List<Integer> in = new ArrayList<>();
      List<Integer> out = new ArrayList<>();
      for (int j = 0; j < links; j++) {
        if (to.applyAsInt(j) == board) {
          in.add(j);
        }
        if (from.applyAsInt(j) == board) {
          out.add(j);
        }
      }
      return new BoardLinks(in, out);
    }
  }
}

package org.shardwire.emit.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.routing.Fork;
import org.shardwire.blocks.engines.routing.ForkConfig;
import org.shardwire.blocks.engines.routing.LaneAdapter;
import org.shardwire.blocks.engines.routing.LaneAdapterConfig;
import org.shardwire.blocks.link.Lane;
import org.shardwire.blocks.link.LinkRx;
import org.shardwire.blocks.link.LinkTx;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Fifo;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;

/**
 * A board's top: its engines wired as the network says, a fork (and the derived branch FIFOs)
 * wherever a tensor has several readers, lane adapters where a producer's and a reader's word
 * widths differ, the link endpoints, a monitor copy of the board's output handshake and status
 * counters for the simulation report.
 *
 * <p>Ports: {@code s_axis} (first board) or {@code link_in_data_*}/{@code link_in_ctrl_*};
 * {@code m_axis} (last board) or {@code link_out_data_*}/{@code link_out_ctrl_*};
 * {@code mon_*}; {@code stat_*} (among them {@code stat_full_cycles_<fifo>} for every branch FIFO);
 * {@code clk}, {@code rst}.
 */
public final class BoardTop extends Module {
  /** Status counter of a branch FIFO's full cycles: this prefix, then the FIFO's instance name. */
  public static final String FULL_CYCLES = "full_cycles_";

  public BoardTop(BoardTopConfig c) {
    this(c, engine -> { });
  }

  /** @param engineBuilt hears each engine's layer name once its module is elaborated (generate's progress) */
  public BoardTop(BoardTopConfig c, java.util.function.Consumer<String> engineBuilt) {
    super(c.moduleName());
    BoardNetwork net = c.network();
    Axis boardIn = c.inLink() == null ? axisIn("s_axis", c.inputStream().axisShape()) : linkInput(c);

    // Engines first, then the wiring between them.
    Map<String, Module> engines = new LinkedHashMap<>();
    Map<String, Axis> produced = new LinkedHashMap<>();
    produced.put(net.input(), boardIn);
    for (EngineNode n : net.nodes()) {
      Module m = child(verilogName(n.name()), n.engine().newModule());
      engines.put(n.name(), m);
      engineBuilt.accept(n.name());
      TensorStream out = n.engine().outputs().get(0);
      produced.put(n.output(), port(m, out.port(), out.axisShape()));
    }

    Axis boardOut = c.outLink() == null ? axisOut("m_axis", c.outputStream().axisShape()) : null;
    Axis toLink = c.outLink() == null ? null : axisWire("to_link", c.outputStream().axisShape());
    Axis outSink = boardOut != null ? boardOut : toLink;
    monitor(outSink);

    Map<BoardNetwork.Reader, BranchBuffers.Fifo> fifos = BranchBuffers.size(net, c.branchFifos());
    for (Map.Entry<String, List<BoardNetwork.Reader>> e : net.readers().entrySet()) {
      String tensor = e.getKey();
      List<BoardNetwork.Reader> readers = e.getValue();
      TensorStream stream = c.streams().get(tensor);
      List<Axis> sources = new ArrayList<>();
      if (readers.isEmpty()) {
        // A graph output the cluster does not stream out (only the first output leaves the last
        // board): its engine runs and its words are dropped here, so it never stalls the board.
        // Its words land in wires named *unused*, which Verilator's -Wall exempts.
        Axis dropped = axisWire(verilogName(tensor) + "_unused_dropped", stream.axisShape());
        produced.get(tensor).connectTo(dropped);
        dropped.ready().assign(true);
        continue;
      }
      if (readers.size() == 1) {
        sources.add(produced.get(tensor));
      } else {
        ForkConfig fc = new ForkConfig(stream.shape(), stream.lanes(), readers.size());
        Fork fork = child("fork_" + verilogName(tensor), new Fork(fc));
        produced.get(tensor).connectTo(port(fork, "s_axis", stream.axisShape()));
        for (int k = 0; k < readers.size(); k++) {
          sources.add(port(fork, "m_axis_" + k, stream.axisShape()));
        }
      }
      for (int k = 0; k < readers.size(); k++) {
        BoardNetwork.Reader r = readers.get(k);
        String edge = verilogName(tensor) + "_to_" + (r == BoardNetwork.Reader.BOARD_OUTPUT ? "out" : verilogName(r.node()));
        TensorStream target = r == BoardNetwork.Reader.BOARD_OUTPUT ? c.outputStream()
            : net.node(r.node()).engine().inputs().get(r.input());
        Axis cur = adaptLanes(edge, sources.get(k), stream, target.lanes());
        BranchBuffers.Fifo f = fifos.get(r);
        if (f != null && f.depth() > 0) {
          Fifo fifo = fifo("fifo_" + edge, target.axisShape(), (int) f.depth(), c.branchFifoStyles().get(r.node()));
          cur.connectTo(fifo.push());
          cur = fifo.pop();
          // Cycles the FIFO refused a word: a harness names the full FIFOs of a deadlock by it.
          status().count(FULL_CYCLES + "fifo_" + edge, fifo.push().valid().and(fifo.push().ready().not()));
        }
        Axis sink = r == BoardNetwork.Reader.BOARD_OUTPUT ? outSink
            : port(engines.get(r.node()), target.port(), target.axisShape());
        cur.connectTo(sink);
      }
    }
    if (c.outLink() != null) {
      linkOutput(c, toLink);
    }
    boardCounters(boardIn, outSink);
  }

  private Axis adaptLanes(String edge, Axis source, TensorStream stream, int lanes) {
    if (lanes == stream.lanes()) {
      return source;
    }
    LaneAdapterConfig ac = new LaneAdapterConfig(stream.shape(), stream.lanes(), lanes);
    LaneAdapter adapter = child("lanes_" + edge, new LaneAdapter(ac));
    source.connectTo(port(adapter, "s_axis", ac.inputs().get(0).axisShape()));
    return port(adapter, "m_axis", ac.outputs().get(0).axisShape());
  }

  /** The incoming link: data lane in, control lane back out; its delivered stream is the board input. */
  private Axis linkInput(BoardTopConfig c) {
    LinkRx rx = child("link_rx", new LinkRx(c.inLink()));
    rx.laneIn().driveFrom(Lane.declare(this::in, "link_in_data"));
    // High while the lane is down: the vendor project drives it from the transceiver's lane_up
    // (docs/link.md "Link reset"); the simulation harness leaves it low.
    rx.linkReset().assign(in("link_in_rst", Type.bool()));
    Lane.declare(this::out, "link_in_ctrl").driveFrom(rx.laneOut());
    status().forward(rx, "rx_");
    return rx.output();
  }

  private void linkOutput(BoardTopConfig c, Axis stream) {
    LinkTx tx = child("link_tx", new LinkTx(c.outLink()));
    stream.connectTo(tx.input());
    tx.linkReset().assign(in("link_out_rst", Type.bool()));
    Lane.declare(this::out, "link_out_data").driveFrom(tx.laneOut());
    tx.laneIn().driveFrom(Lane.declare(this::in, "link_out_ctrl"));
    status().forward(tx, "tx_");
  }

  /** A passive copy of the board output's handshake, so a testbench can check the cut tensor. */
  private void monitor(Axis s) {
    out("mon_tvalid", Type.bool()).assign(s.valid());
    out("mon_tready", Type.bool()).assign(s.ready());
    out("mon_tdata", Type.bits(s.shape().dataWidth())).assign(s.data());
    out("mon_tlast", Type.bool()).assign(s.last());
  }

  /** Words in and out, and cycles the board's output waited for the next board or host. */
  private void boardCounters(Axis in, Axis out) {
    status().count("in_words", in.fire());
    status().count("out_words", out.fire());
    status().count("out_stall_cycles", out.valid().and(out.ready().not()));
  }

  /** Longest identifier taken as it is; edge and FIFO names join two of them plus a suffix. */
  static final int MAX_NAME = 40;

  /**
   * Graph names ("layer1.0.conv1") as Verilog identifiers ("layer1_0_conv1"). A long imported name
   * ("StatefulPartitionedCall/functional_1/re_lu_12/Relu") keeps its readable tail behind a hash of
   * the whole name ("n5d41402a_functional_1_re_lu_12_Relu"): Verilator replaces identifiers past
   * about 128 characters by hashes, which hides the *unused* in the names its -Wall exempts.
   */
  public static String verilogName(String name) {
    String v = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (v.length() > MAX_NAME) {
      String tail = v.substring(v.length() - (MAX_NAME - 10));
      v = "n" + String.format("%08x", name.hashCode()) + (tail.startsWith("_") ? "" : "_") + tail;
    }
    return Character.isDigit(v.charAt(0)) ? "n" + v : v;
  }
}

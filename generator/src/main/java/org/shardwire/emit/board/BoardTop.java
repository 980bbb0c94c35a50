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
import org.shardwire.blocks.engines.conv.DdrWeightEngine;
import org.shardwire.hdl.Axi4Read;
import org.shardwire.hdl.Axi4ReadShape;
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
 * {@code mon_*}; {@code m_axi_ddr0_*} (AXI4 read master, AMBA names) when weights stream from DDR; under channel groups also {@code <port>_data_*}/{@code <port>_ctrl_*} of every
 * exchange endpoint ({@link LinkEnd}) and {@code mon<k>_*} for every further output; {@code stat_*} (among them {@code stat_full_cycles_<fifo>} for every branch FIFO);
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
    this(c.moduleName(), c, engineBuilt);
  }

  /** A top named {@code moduleName} (a board-alone harness's link feeders and sinks, emit.BoardHarness). */
  public BoardTop(BoardTopConfig c, String moduleName) {
    this(moduleName, c, engine -> { });
  }

  private BoardTop(String moduleName, BoardTopConfig c, java.util.function.Consumer<String> engineBuilt) {
    super(moduleName);
    BoardNetwork net = c.network();
    Map<String, Axis> produced = new LinkedHashMap<>();
    for (int i = 0; i < net.inputs().size(); i++) {
      String t = net.inputs().get(i);
      LinkEnd rx = c.rxLink(i);
      produced.put(t, rx != null ? linkInput(rx) : c.inLink() != null ? linkInput(c)
          : axisIn("s_axis", c.streams().get(t).axisShape()));
    }
    Axis boardIn = produced.get(net.input());

    // Engines first, then the wiring between them.
    Map<String, Module> engines = new LinkedHashMap<>();
    for (EngineNode n : net.nodes()) {
      Module m = child(verilogName(n.name()), n.engine().newModule());
      engines.put(n.name(), m);
      engineBuilt.accept(n.name());
      TensorStream out = n.engine().outputs().get(0);
      produced.put(n.output(), port(m, out.port(), out.axisShape()));
    }

    ddrPorts(engines);

    // Each output: m_axis, the pipeline link or a channel-group link; each is monitored.
    List<Axis> outSinks = new ArrayList<>();
    for (int k = 0; k < net.outputs().size(); k++) {
      TensorStream s = c.streams().get(net.outputs().get(k));
      LinkEnd tx = c.txLink(k);
      Axis sink = tx != null ? axisWire("to_" + tx.port(), s.axisShape())
          : c.outLink() != null ? axisWire("to_link", s.axisShape()) : axisOut("m_axis", s.axisShape());
      monitor(sink, BoardTopConfig.monitor(k));
      outSinks.add(sink);
    }
    Axis outSink = outSinks.get(0);

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
        String edge = verilogName(tensor) + "_to_" + (r.isBoardOutput() ? "out" + (r.input() == 0 ? "" : r.input())
            : verilogName(r.node()));
        TensorStream target = r.isBoardOutput() ? c.streams().get(net.outputs().get(r.input()))
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
        Axis sink = r.isBoardOutput() ? outSinks.get(r.input())
            : port(engines.get(r.node()), target.port(), target.axisShape());
        cur.connectTo(sink);
      }
    }
    if (c.outLink() != null) {
      linkOutput(c, outSink);
    }
    for (LinkEnd tx : c.txLinks()) {
      linkOutput(tx, outSinks.get(tx.index()));
    }
    boardCounters(boardIn, outSink);
  }

  /** The top's AXI4 read master of DDR bank 0: {@code m_axi_ddr0_*} (docs/ddr-weights.md). */
  public static final String DDR_PORT = "m_axi_ddr0";

  /**
   * The streamed engines' DDR read ports, out through one AXI4 read master per bank ({@link
   * #DDR_PORT}; every streamed engine reads bank 0): one engine's port directly, several through
   * a round-robin arbiter whose ID bits tell their responses apart.
   */
  private void ddrPorts(Map<String, Module> engines) {
    List<Axi4Read> ports = new ArrayList<>();
    for (Map.Entry<String, Module> m : engines.entrySet()) {
      Axi4Read port = DdrWeightEngine.ddrPort(m.getValue());
      if (port != null) {
        ports.add(port);
        // its reader's bursts requested and returned, and error beats: stat_<layer>_weights_*
        status().forward(m.getValue(), verilogName(m.getKey()) + "_");
      }
    }
    if (ports.isEmpty()) {
      return;
    }
    Axi4ReadShape in = ports.get(0).shape();
    if (ports.size() == 1) {
      ports.get(0).connectTo(axi4ReadMaster(DDR_PORT, in));
      return;
    }
    Axi4ReadShape out = ddrPortShape(in, ports.size());
    Axi4ReadArbiterPorts arb = axi4ReadArbiter("ddr0_arbiter", out, ports.size());
    for (int i = 0; i < ports.size(); i++) {
      ports.get(i).connectTo(arb.inputs().get(i));
    }
    arb.output().connectTo(axi4ReadMaster(DDR_PORT, out));
  }

  /**
   * The board's DDR port for {@code engines} streamed engines whose own ports are {@code in}: the
   * same, with the arbiter's input index in log2(engines) more ID bits when they share it.
   */
  public static Axi4ReadShape ddrPortShape(Axi4ReadShape in, int engines) {
    return engines == 1 ? in : new Axi4ReadShape(in.addressWidth(), in.dataWidth(),
        in.idWidth() + 32 - Integer.numberOfLeadingZeros(engines - 1));
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

  /** A channel-group input: its own LinkRx and lane ports {@code <port>_data} in, {@code <port>_ctrl} out. */
  private Axis linkInput(LinkEnd e) {
    LinkRx rx = child(e.port() + "_rx", new LinkRx(e.config()));
    rx.laneIn().driveFrom(Lane.declare(this::in, e.port() + "_data"));
    rx.linkReset().assign(in(e.port() + "_rst", Type.bool())); // as link_in_rst (docs/link.md "Link reset")
    Lane.declare(this::out, e.port() + "_ctrl").driveFrom(rx.laneOut());
    status().forward(rx, e.port() + "_");
    return rx.output();
  }

  /** A channel-group output: its own LinkTx and lane ports {@code <port>_data} out, {@code <port>_ctrl} in. */
  private void linkOutput(LinkEnd e, Axis stream) {
    LinkTx tx = child(e.port() + "_tx", new LinkTx(e.config()));
    stream.connectTo(tx.input());
    tx.linkReset().assign(in(e.port() + "_rst", Type.bool()));
    Lane.declare(this::out, e.port() + "_data").driveFrom(tx.laneOut());
    tx.laneIn().driveFrom(Lane.declare(this::in, e.port() + "_ctrl"));
    status().forward(tx, e.port() + "_");
  }

  private void linkOutput(BoardTopConfig c, Axis stream) {
    LinkTx tx = child("link_tx", new LinkTx(c.outLink()));
    stream.connectTo(tx.input());
    tx.linkReset().assign(in("link_out_rst", Type.bool()));
    Lane.declare(this::out, "link_out_data").driveFrom(tx.laneOut());
    tx.laneIn().driveFrom(Lane.declare(this::in, "link_out_ctrl"));
    status().forward(tx, "tx_");
  }

  /** A passive copy of a board output's handshake, so a testbench can check the cut or exchanged tensor. */
  private void monitor(Axis s, String prefix) {
    out(prefix + "_tvalid", Type.bool()).assign(s.valid());
    out(prefix + "_tready", Type.bool()).assign(s.ready());
    out(prefix + "_tdata", Type.bits(s.shape().dataWidth())).assign(s.data());
    out(prefix + "_tlast", Type.bool()).assign(s.last());
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

package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.conv.DdrWeightEngine;
import org.shardwire.blocks.memory.WeightFile;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.board.EngineNode;
import org.shardwire.emit.lower.ChannelGroupLowering;
import org.shardwire.emit.lower.Lowering;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.QLayer;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.templates.TemplateRenderer;

/**
 * Writes a whole cluster: {@code plan.json}, per board
 * {@code board<i>/rtl/*.v} + {@code filelist.f}, {@code board<i>/weights/*.hex},
 * {@code board<i>/constraints/*} and the vendor script, and {@code sim/} (the cluster harness, and in
 * {@code sim/board<i>/} each board's board-alone harness, {@link BoardHarness}).
 */
public final class ClusterEmitter {
  private ClusterEmitter() {}

  /** What was written, for the CLI's summary. */
  public record Written(List<EmittedDesign> boards, List<String> vendorScripts, List<BoardTopConfig> lowered) {}

  /** Where a board's DDR weight image and address map go: {@code board<i>/ddr/weights.bin}, {@code .map.json}. */
  public static final String DDR_DIR = "ddr";
  public static final String DDR_STEM = "weights";

  /**
   * @param planJson the plan as the report layer writes it ({@code plan.json}); also the canonical
   *     text the harness's config hash covers
   * @param source how to rebuild the int8 network (written as {@code source.json} for {@code simulate})
   */
  public static Written write(QuantizedGraph q, Plan plan, String planJson, BoardList boards, String source,
      Path dir) {
    return write(q, plan, planJson, boards, source, dir, EmitProgress.NONE);
  }

  /** The same, telling {@code progress} about every board and engine as it is elaborated. */
  public static Written write(QuantizedGraph q, Plan plan, String planJson, BoardList boards, String source,
      Path dir, EmitProgress progress) {
    List<Vendor> vendors = boards.boards().stream().map(Board::vendor).toList();
    if (plan.strategy() != Strategy.PIPELINE) {
      // Channel groups: every board built from its own sliced graph, the harness joins the exchanges.
      ChannelGroupLowering.Lowered hw = ChannelGroupLowering.lower(q, plan, vendors);
      return write(hw.slicing().boards(), plan, planJson, hw.boards(), boards, source, dir, progress,
          (designs, stamp) -> {
            ClusterHarness.writeExchanges(designs, ClusterHarness.exchanges(hw), stamp, dir.resolve("sim"));
            BoardHarness.writeAll(designs, BoardHarness.exchangeLinks(hw), vendors, stamp, dir.resolve("sim"));
          });
    }
    return write(q, plan, planJson, Lowering.lower(q, plan, vendors), boards, source, dir, progress);
  }

  /**
   * Hears how far a write is: once the engine count of every board, then each board as it starts,
   * each engine once elaborated, and each board's Verilog emission (SpinalHDL's long phase after
   * the engines), so a minutes-long generate of a big network can show where it is.
   */
  public interface EmitProgress {
    EmitProgress NONE = new EmitProgress() { };

    default void start(List<Integer> enginesPerBoard) {}

    default void board(int index) {}

    default void engine(int board, String layer) {}

    /** The board's engines are built; SpinalHDL now checks and emits its Verilog, then its weights are written. */
    default void emitting(int board) {}
  }

  /**
   * Writes boards already lowered from {@code plan}; the other {@code write} lowers the plan itself,
   * a test may alter one board (a smaller branch FIFO) on the way.
   */
  public static Written write(QuantizedGraph q, Plan plan, String planJson, Lowering.Lowered lowered,
      BoardList boards, String source, Path dir) {
    return write(q, plan, planJson, lowered, boards, source, dir, EmitProgress.NONE);
  }

  private static Written write(QuantizedGraph q, Plan plan, String planJson, Lowering.Lowered lowered,
      BoardList boards, String source, Path dir, EmitProgress progress) {
    List<QuantizedGraph> graphs = lowered.boards().stream().map(b -> q).toList();
    return write(graphs, plan, planJson, lowered.boards(), boards, source, dir, progress,
        (designs, stamp) -> {
          ClusterHarness.write(designs, stamp, dir.resolve("sim"));
          BoardHarness.writeAll(designs, BoardHarness.pipelineLinks(lowered.boards()),
              boards.boards().stream().map(Board::vendor).toList(), stamp, dir.resolve("sim"));
        });
  }

  /** Writes the harness of the emitted boards (pipeline order), stamped with the plan. */
  private interface HarnessWriter {
    void write(List<EmittedDesign> designs, String stamp);
  }

  /** {@code graphs}: the int8 graph each board's engines (and so its weights) come from. */
  private static Written write(List<QuantizedGraph> graphs, Plan plan, String planJson, List<BoardTopConfig> lowered,
      BoardList boards, String source, Path dir, EmitProgress progress, HarnessWriter harness) {
    progress.start(lowered.stream().map(b -> b.network().nodes().size()).toList());
    TemplateRenderer templates = new TemplateRenderer();
    List<EmittedDesign> designs = new ArrayList<>();
    List<String> scripts = new ArrayList<>();
    try {
      Files.writeString(dir.resolve("plan.json"), planJson, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("source.json"), source, StandardCharsets.UTF_8);
      for (BoardTopConfig b : lowered) {
        Board board = boards.get(b.index());
        Path boardDir = dir.resolve("board" + b.index());
        String stamp = GeneratorStamp.header("board " + b.index() + " of " + plan.model() + " on " + plan.boardsSpec(),
            b.configHash());
        progress.board(b.index());
        EmittedDesign d = new VerilogEmitter(board.vendor(), stamp, "board" + b.index() + "_")
            .emit(() -> {
              BoardTop top = new BoardTop(b, layer -> progress.engine(b.index(), layer));
              progress.emitting(b.index());
              return top;
            }, boardDir.resolve("rtl"));
        designs.add(d);
        writeFilelist(d, boardDir.resolve("rtl"), stamp);
        writeWeights(graphs.get(b.index()), b, boardDir.resolve("weights"));
        scripts.add("board" + b.index() + "/" + new VendorProjectWriter(templates).write(
            new VendorProjectWriter.BoardProject(b.index(), board.id(), board.vendor(), board.part(), family(board),
                d.topModule(), names(d.verilogFiles()), names(d.memoryInitFiles()), plan.clockMhz(), stamp,
                ddrNotes(b, board)), boardDir));
      }
      harness.write(designs, GeneratorStamp.header("cluster harness of " + plan.model(), planJson));
      return new Written(designs, scripts, List.copyOf(lowered));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
  }

  private static void writeFilelist(EmittedDesign d, Path rtl, String stamp) throws IOException {
    StringBuilder sb = new StringBuilder("// " + stamp + "\n");
    for (Path f : d.verilogFiles()) {
      sb.append(f.getFileName()).append('\n');
    }
    Files.writeString(rtl.resolve("filelist.f"), sb.toString(), StandardCharsets.UTF_8);
  }

  /**
   * Each conv/FC layer's int8 weights as a $readmemh file, one output channel per line in OHWI
   * order: the same bytes the weight ROMs were built from.
   */
  private static void writeWeights(QuantizedGraph q, BoardTopConfig b, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (EngineNode n : b.network().nodes()) {
      QLayer l = q.layer(n.name());
      byte[] weights = l instanceof QConv c ? c.weights().data()
          : l instanceof QFullyConnected f ? f.weights().data() : null;
      if (weights == null) {
        continue;
      }
      int out = l instanceof QConv c ? c.layer().outChannels() : ((QFullyConnected) l).layer().outFeatures();
      int perChannel = weights.length / out;
      List<BigInteger> rows = new ArrayList<>(out);
      for (int o = 0; o < out; o++) {
        long[] lanes = new long[perChannel];
        for (int i = 0; i < perChannel; i++) {
          lanes[i] = weights[o * perChannel + i];
        }
        rows.add(org.shardwire.golden.VectorFile.packLanes(lanes, 8));
      }
      WeightFile.write(dir.resolve(BoardTop.verilogName(n.name()) + ".hex"), rows, perChannel * 8);
    }
  }

  /**
   * What the vendor script says about the board's DDR port ({@code BoardTop.DDR_PORT}): its shape,
   * what to connect it to, where its image goes; nothing when every weight is on chip.
   */
  static List<String> ddrNotes(BoardTopConfig b, Board board) {
    java.util.Optional<org.shardwire.blocks.reader.DdrWeightLayout> layout = b.ddrLayout();
    if (layout.isEmpty()) {
      return List.of();
    }
    List<DdrWeightEngine> streamed = new ArrayList<>();
    for (EngineNode n : b.network().nodes()) {
      if (n.engine() instanceof DdrWeightEngine s) {
        streamed.add(s);
      }
    }
    org.shardwire.hdl.Axi4ReadShape port = BoardTop.ddrPortShape(streamed.get(0).stream().reader().axiShape(),
        streamed.size());
    org.shardwire.boards.DdrBank bank = board.ddr().isEmpty() ? null : board.ddr().get(0);
    String where = DDR_DIR + "/" + DDR_STEM;
    return List.of(
        BoardTop.DDR_PORT + "_*: AXI4 read master (AMBA names; " + port.addressWidth() + "-bit address, "
            + port.dataWidth() + "-bit data, " + port.idWidth() + "-bit ID) streaming the weights of "
            + streamed.size() + " layer(s) from " + (bank == null ? "the board's DDR" : bank.name() + " (" + bank.kind()
            + ")") + ".",
        board.vendor() == Vendor.XILINX
            ? "Connect it to the memory controller: the PS's S_AXI_HP0_FPD on a Zynq UltraScale+ (through a SmartConnect"
                + " when the widths differ), or the DDR4 controller IP's S_AXI for PL DDR."
            : "Connect it to the EMIF DDR controller's AXI port (through a Platform Designer interconnect when the"
                + " widths differ).",
        String.format(java.util.Locale.ROOT, "Load %s.bin at bank address 0x%x (%d bytes) before the first frame;"
            + " %s.map.json gives each layer's region.", where, layout.get().baseAddress(), layout.get().bytes(), where));
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }

  /** Quartus wants the device family by name. */
  private static String family(Board b) {
    return b.vendor() == Vendor.INTEL && b.part().startsWith("10A") ? "Arria 10" : b.name();
  }
}

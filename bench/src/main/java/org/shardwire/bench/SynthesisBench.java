package org.shardwire.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shardwire.cli.Main;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.boards.MemoryKind;
import org.shardwire.plan.BoardPlan;
import org.shardwire.report.PlanFile;
import org.shardwire.sim.YosysSynthesis;

/**
 * The planner's resource estimates against yosys 0.23: generates each design, synthesises every
 * board top with yosys ({@code synth_xilinx -family xcup} for Xilinx boards,
 * {@code synth_intel_alm -family cyclone10gx} as the proxy for Intel's Arria 10) and prints, per
 * board, plan vs yosys for multipliers, memory blocks and LUTs/ALMs as a Markdown table.
 *
 * <p>Usage: {@code SynthesisBench WORKDIR [MODEL:BOARDS ...]} (default: the README's default
 * cluster, resnet8-cifar on zcu102:2, and shufflenet-tiny on f10a-a10gx1150:2). yosys must be on
 * the PATH. How cells are counted: {@link YosysSynthesis}.
 */
public final class SynthesisBench {
  private SynthesisBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "synthesis-bench").toAbsolutePath();
    List<String> cases = args.length > 1 ? List.of(args).subList(1, args.length)
        : List.of("resnet8-cifar:zcu102:2", "shufflenet-tiny:f10a-a10gx1150:2");
    AtomicOutput.deleteTree(work);
    Files.createDirectories(work);
    System.out.println("| design | board | DSP plan / yosys | block RAM plan / yosys | LUT plan / yosys | yosys s |");
    System.out.println("|---|---|---|---|---|---|");
    for (String c : cases) {
      int colon = c.indexOf(':');
      String model = c.substring(0, colon);
      String boards = c.substring(colon + 1);
      Path out = work.resolve(model + "-" + boards.replace(':', 'x').replace(',', '_'));
      if (Main.run("generate", "--model", model, "--boards", boards, "--out", out.toString()) != 0) {
        throw new IllegalStateException("generate " + c + " failed");
      }
      for (BoardPlan b : PlanFile.read(out.resolve(PlanFile.FILE)).boards()) {
        report(model + " " + boards, out, b);
      }
    }
  }

  private static void report(String design, Path out, BoardPlan board) throws Exception {
    boolean intel = board.logicUnit().equals("ALM");
    Path rtl = out.resolve("board" + board.index() + "/rtl");
    long t0 = System.nanoTime();
    List<String> files = Files.readAllLines(rtl.resolve("filelist.f")).stream().filter(l -> l.endsWith(".v")).toList();
    YosysSynthesis.Resources stat = YosysSynthesis.synthesise(rtl, files, "board" + board.index() + "_top", intel,
        4 * 3600);
    double seconds = (System.nanoTime() - t0) / 1e9;
    MemoryKind blocks = intel ? MemoryKind.M20K : MemoryKind.RAMB36;
    System.out.printf("| %s | #%d %s | %s %d / %s | %s %.1f / %.1f | %s %d / %s | %.0f |%n", design, board.index(),
        board.board(), board.multiplierUnit(), board.multipliers(), fmt(stat.multipliers()), blocks.name(),
        board.memBlocks().getOrDefault(blocks, 0.0), stat.memoryBlocks(), board.logicUnit(), board.lutsEstimate(),
        fmt(stat.logic()), seconds);
    System.out.flush();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.1f", v);
  }
}

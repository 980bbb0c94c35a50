package org.shardwire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shardwire.boards.BoardList;
import org.shardwire.boards.DdrBank;
import org.shardwire.emit.ClusterEmitter;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.DdrModel;
import org.shardwire.sim.HarnessReport;

/**
 * The simulated DDR of a {@code simulate} run (docs/ddr-weights.md): one per DDR port of the
 * harness ({@link ClusterHarness#ddr()}), holding its board's weight image
 * ({@code board<b>/ddr/weights.bin}) at the base address its map ({@code weights.map.json}) gives,
 * with the run's latency and bandwidth. Everything comes from those files; nothing is read out of
 * the generated Verilog or C++.
 */
final class SimulatedDdr {
  /** Bursts the simulated DDR accepts before the first has returned (a memory controller's queue). */
  static final int OUTSTANDING = 16;

  private SimulatedDdr() {}

  /** Read latency: a fixed number of cycles, or a range each burst draws from (seeded by --seed). */
  record Latency(int min, int max) {
    /** "N" or "MIN..MAX" cycles, 1..100000. */
    static Latency parse(String text) {
      String[] parts = text.strip().split("\\.\\.", -1);
      try {
        if (parts.length == 1 || parts.length == 2) {
          int min = Integer.parseInt(parts[0].strip());
          int max = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : min;
          if (min >= 1 && max >= min && max <= 100_000) {
            return new Latency(min, max);
          }
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw new UserInputException("--ddr-latency must be CYCLES or MIN..MAX cycles with 1 <= MIN <= MAX <= 100000 "
          + "(e.g. 60 or 40..120), got '" + text + "'");
    }

    @Override
    public String toString() {
      return min == max ? min + " cycles" : min + ".." + max + " cycles (random per burst)";
    }
  }

  /**
   * The simulated DDR of every DDR port of {@code harness} in cluster folder {@code dir}; its
   * bandwidth is {@code bytesPerCycle}, or (null) the board's bank 0 as the catalog states it at
   * the plan's clock ({@link DdrBank#usableBytesPerCycle}).
   */
  static List<AxiMemoryPort> of(ClusterHarness harness, Path dir, BoardList boards, double clockMhz, Latency latency,
      Double bytesPerCycle) {
    List<AxiMemoryPort> out = new ArrayList<>();
    for (ClusterHarness.DdrPort p : harness.ddr()) {
      Path ddrDir = dir.resolve("board" + p.board()).resolve(ClusterEmitter.DDR_DIR);
      Path image = ddrDir.resolve(ClusterEmitter.DDR_STEM + ".bin");
      Path mapFile = ddrDir.resolve(ClusterEmitter.DDR_STEM + ".map.json");
      if (!Files.isRegularFile(image) || !Files.isRegularFile(mapFile)) {
        throw new UserInputException("board " + p.board() + " streams weights from DDR but " + ddrDir + " has no "
            + image.getFileName() + " and " + mapFile.getFileName() + ": run ./shardwire generate again");
      }
      DdrImageFiles.AddressMap map;
      long size;
      try {
        map = DdrImageFiles.readMap(mapFile);
        size = Files.size(image);
      } catch (IOException | RuntimeException e) {
        throw new UserInputException(mapFile + " cannot be read: " + e.getMessage(), e);
      }
      if (map.beatBytes() != p.shape().beatBytes() || map.bytes() != size) {
        throw new UserInputException(mapFile + ": beat_bytes " + map.beatBytes() + " and bytes " + map.bytes()
            + " do not match board " + p.board() + "'s " + p.shape().beatBytes() + "-byte DDR port and its " + size
            + "-byte image: run ./shardwire generate again");
      }
      DdrBank bank = boards.get(p.board()).ddr().get(0);
      double rate = bytesPerCycle != null ? bytesPerCycle : bank.usableBytesPerCycle(clockMhz);
      out.add(new AxiMemoryPort(p.signalPrefix(), p.shape(), image, map.baseAddress(),
          new DdrModel(latency.min(), latency.max(), rate, 0, 0, OUTSTANDING)));
    }
    return out;
  }

  /** One line saying what answers the DDR ports, or nothing when no board streams. */
  static void describe(PrintWriter w, ClusterHarness harness, List<AxiMemoryPort> memories) {
    for (int i = 0; i < memories.size(); i++) {
      AxiMemoryPort m = memories.get(i);
      w.println(String.format(Locale.ROOT, "simulated DDR on %s: %s at 0x%x, latency %s, %.2f bytes a cycle",
          harness.ddr().get(i).name(), m.image(), m.imageBase(),
          new Latency(m.ddr().latencyMin(), m.ddr().latencyMax()), m.ddr().bytesPerCycle()));
    }
  }

  /** What each simulated DDR served, from the run's results. */
  static void report(PrintWriter w, HarnessReport r) {
    if (r == null) {
      return;
    }
    for (HarnessReport.Memory m : r.axi()) {
      w.println(String.format(Locale.ROOT, "DDR %s: %d bursts, %d beats read, R waited %d cycles for rready, "
          + "at most %d bursts in flight", m.name(), m.bursts(), m.beats(), m.rStallCycles(), m.maxOutstanding()));
    }
  }
}

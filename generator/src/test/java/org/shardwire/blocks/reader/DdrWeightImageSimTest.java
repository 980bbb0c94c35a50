package org.shardwire.blocks.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.DdrModel;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * A DDR weight image as {@code generate} writes it, read back by the AXI4 reader with commands
 * from the same layout: every weight word arrives intact, beat by beat.
 */
class DdrWeightImageSimTest {
  private static final long BASE = 0x4000_0000L;  // the image sits high in the bank, as on a board

  @Test
  void theReaderStreamsEachLayersWordsFromTheWrittenImage() {
    // Word widths of real foldings: PE x SIMD x 8 bits (3x3, 8x4, 16x8).
    List<DdrWeightLayout.Segment> segments = List.of(new DdrWeightLayout.Segment("conv1", 72, 50),
        new DdrWeightLayout.Segment("layer1_0_conv1", 256, 300), new DdrWeightLayout.Segment("fc", 1024, 40));
    VectorReaderConfig rc = new VectorReaderConfig(8, 16, 32, 12, 16, 4);
    DdrWeightLayout layout = DdrWeightLayout.of(rc.beatBytes(), BASE, segments);
    Random rnd = new Random(11);
    Map<String, List<BigInteger>> words = new LinkedHashMap<>();
    for (DdrWeightLayout.Segment s : segments) {
      List<BigInteger> w = new ArrayList<>();
      for (int i = 0; i < s.words(); i++) {
        w.add(new BigInteger(s.wordBits(), rnd));
      }
      words.put(s.name(), w);
    }
    String name = "ddr-image/" + rc.moduleName();
    Path dir = TestPaths.freshDir(name + "/weights");
    Path image = DdrImageFiles.write(dir, "ddr0", "PS DDR4", layout, words);
    assertEquals(DdrImageFiles.map("PS DDR4", layout), DdrImageFiles.readMap(dir.resolve("ddr0.map.json")));

    // Each region whole, then a slice from the middle of the second: the commands come from the layout.
    List<VectorReaderGolden.Command> commands = new ArrayList<>();
    List<List<BigInteger>> expected = new ArrayList<>();
    for (DdrWeightLayout.Segment s : segments) {
      commands.add(layout.region(s.name()).command(rc, 0, s.words()));
      expected.addAll(beats(words.get(s.name()), 0, s.words(), layout.region(s.name()).beatsPerWord(), rc));
    }
    commands.add(layout.region("layer1_0_conv1").command(rc, 123, 45));
    expected.addAll(beats(words.get("layer1_0_conv1"), 123, 45, 2, rc));

    List<List<BigInteger>> cmdVectors = commands.stream().map(c -> c.toVector(rc)).toList();
    // The ZCU102's PL DDR4 at a 300 MHz fabric clock: 13.6 usable bytes a cycle, below the 16-byte beat.
    DdrModel ddr = DdrModel.of(BoardCatalog.builtIn().board("zcu102").ddr().get(1), 300, 20, 80);
    assertEquals(13.6, ddr.bytesPerCycle(), 1e-9);
    EmittedDesign design = BlockSim.emit(name, () -> new VectorReader(rc), rc);
    Testbench tb = new Testbench(design.topModule(), List.of(
        StreamPort.input("s_axis_cmd", rc.commandShape()),
        StreamPort.output("m_axis", rc.outputShape())), 10, 20, 200_000)
        .withMemories(List.of(new AxiMemoryPort("m_axi", rc.axiShape(), image, BASE, ddr)));
    SimResult r = BlockSim.assertPassed(BlockSim.simulate(name, design, tb,
        Map.of("s_axis_cmd", cmdVectors, "m_axis", expected)));
    // A vector per cycle at most, and no faster than the bank: the reader takes what the DDR gives.
    SimResult.PortStats out = r.outputs().get("m_axis");
    double perCycle = (double) (out.beats() - 1) / (out.lastCycle() - out.firstCycle());
    System.out.printf(java.util.Locale.ROOT, "DDR image read back: %d vectors, %.4f a cycle (DDR %.1f bytes a cycle)%n",
        out.beats(), perCycle, ddr.bytesPerCycle());
    assertTrue(perCycle <= ddr.bytesPerCycle() / rc.beatBytes() + 0.01, perCycle + " vectors a cycle");
    // Output stalls (20%) allow 0.8, the bank 0.85: a DDR model that rounded its rate down would give 0.5.
    assertTrue(perCycle > 0.6, perCycle + " vectors a cycle");
  }

  /** Words {@code first ..} as the reader returns them: beatsPerWord vectors a word, low bits first. */
  private static List<List<BigInteger>> beats(List<BigInteger> words, int first, int count, int beatsPerWord,
      VectorReaderConfig rc) {
    BigInteger mask = BigInteger.ONE.shiftLeft(rc.wordBits()).subtract(BigInteger.ONE);
    List<List<BigInteger>> out = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      for (int b = 0; b < beatsPerWord; b++) {
        boolean last = i == first + count - 1 && b == beatsPerWord - 1;
        out.add(List.of(words.get(i).shiftRight(b * rc.wordBits()).and(mask), last ? BigInteger.ONE : BigInteger.ZERO));
      }
    }
    return out;
  }
}

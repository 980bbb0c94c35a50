package org.shardwire.blocks.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.DdrModel;
import org.shardwire.sim.HarnessReport;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.StreamSimulator;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * The aggregate reader as an AXI4 burst-read master, against a simulated DDR (sim/shardwire_axi.h)
 * and {@link VectorReaderGolden}: the vectors it streams and every burst it asks for.
 */
class VectorReaderAxiSimTest {
  private static final int ADDRESS_BITS = 16;   // a 64 KB address space
  private static final int IMAGE_BYTES = 16 * 1024;
  private static final int COUNT_BITS = 9;
  private static final int PAGE = 4096;

  /** element bits, lanes, longest burst, bursts in flight. */
  static Stream<Arguments> sweep() {
    return Stream.of(Arguments.of(8, 2, 256, 2), Arguments.of(8, 4, 16, 4), Arguments.of(8, 8, 64, 3),
        Arguments.of(8, 16, 256, 2), Arguments.of(32, 16, 32, 4));
  }

  @ParameterizedTest(name = "{0}-bit x {1}, bursts of {2}, {3} in flight")
  @MethodSource("sweep")
  void randomReadsUnderRandomLatencyAndBackPressure(int elementBits, int width, int maxBurst, int outstanding) {
    VectorReaderConfig rc = new VectorReaderConfig(elementBits, width, ADDRESS_BITS, COUNT_BITS, maxBurst, outstanding);
    Random rnd = new Random(elementBits * 31L + width);
    long elementsPerPage = PAGE * 8L / elementBits;
    long elements = IMAGE_BYTES * 8L / elementBits;
    List<VectorReaderGolden.Command> commands = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int longest = (int) Math.min(300, elements / width / 4);
      long count = i == 5 ? 0 : 1 + rnd.nextInt(i % 4 == 1 ? longest : 24);  // one empty command on the way
      long span = (count + 1) * width;
      long base;
      if (i % 4 == 1) {
        // Starts just before a 4 KB boundary, so its bursts must split there.
        long page = 1 + rnd.nextInt((int) (elements / elementsPerPage) - 1);
        base = Math.max(0, Math.min(elements - span, page * elementsPerPage - 1 - rnd.nextInt(20 * width)));
      } else if (i % 3 == 0) {
        base = rnd.nextInt((int) ((elements - span) / width)) * (long) width;  // aligned
      } else {
        base = rnd.nextInt((int) (elements - span));                         // anywhere
      }
      commands.add(new VectorReaderGolden.Command(base, count));
    }
    List<AxiBursts.Burst> bursts = VectorReaderGolden.bursts(rc, commands);
    assertTrue(bursts.stream().anyMatch(b -> b.byteAddress() / PAGE != (b.byteAddress() + 1) / PAGE
        || (b.byteAddress() + (long) b.beats() * rc.beatBytes()) % PAGE == 0), "some burst must end at a 4 KB boundary");
    DdrModel ddr = new DdrModel(5, 60, rc.beatBytes() * 0.7, 20, 20, 8);
    Run r = run("axi-reader/" + rc.moduleName(), rc, commands, ddr, 30, 30);

    assertEquals(bursts, r.requests(), "AR requests (4 KB split, burst lengths)");
    HarnessReport.Memory m = r.memory();
    assertEquals(bursts.size(), m.bursts());
    assertEquals(bursts.stream().mapToLong(AxiBursts.Burst::beats).sum(), m.beats());
    assertEquals(0, m.rStallCycles(), "the reader reserves room before it asks, so it never stalls R");
    // Room for the data, not a count of bursts, bounds what is in flight: short bursts go several to a slot.
    assertTrue(m.maxOutstanding() >= 2, "reads must overlap; at most " + m.maxOutstanding() + " burst was in flight");
    assertEquals(bursts.size(), r.result().status("stat_ar_bursts"));
    assertEquals(bursts.size(), r.result().status("stat_r_bursts"));
    assertEquals(0, r.result().status("stat_r_errors"));
  }

  // Slow profile: two more Verilator builds; the sweep above keeps the protocol in the default suite.
  @Tag("slow")
  @Test
  void outstandingBurstsHideTheLatency() {
    // 16-beat bursts at a fixed 100-cycle latency: 8 in flight cover it, 1 does not.
    List<VectorReaderGolden.Command> one = List.of(new VectorReaderGolden.Command(3, 500)); // unaligned on purpose
    double eight = vectorsPerCycle(new VectorReaderConfig(8, 16, ADDRESS_BITS, COUNT_BITS, 16, 8), one,
        DdrModel.ideal(100));
    double single = vectorsPerCycle(new VectorReaderConfig(8, 16, ADDRESS_BITS, COUNT_BITS, 16, 1), one,
        DdrModel.ideal(100));
    System.out.printf(java.util.Locale.ROOT, "vector reader, latency 100: 8 in flight %.4f vectors/cycle, 1 in flight %.4f%n",
        eight, single);
    assertTrue(eight > 0.98, "8 bursts in flight must sustain a vector per cycle, got " + eight);
    assertTrue(single < 0.2, "one burst in flight pays the latency per burst, got " + single);
  }

  @Tag("slow")
  @Test
  void followsTheMemorysBandwidth() {
    // 16-byte beats from a DDR that delivers 8 bytes per cycle: half a vector per cycle.
    VectorReaderConfig rc = new VectorReaderConfig(8, 16, ADDRESS_BITS, COUNT_BITS, 16, 8);
    double rate = vectorsPerCycle(rc, List.of(new VectorReaderGolden.Command(0, 500)),
        new DdrModel(100, 100, 8, 0, 0, 16));
    assertEquals(0.5, rate, 0.01);
  }

  private static double vectorsPerCycle(VectorReaderConfig rc, List<VectorReaderGolden.Command> commands, DdrModel ddr) {
    Run r = run("axi-reader-rate/" + rc.moduleName() + "-" + (int) ddr.bytesPerCycle(), rc, commands, ddr, 0, 0);
    SimResult.PortStats out = r.result().outputs().get("m_axis");
    return (double) (out.beats() - 1) / (out.lastCycle() - out.firstCycle());
  }

  private record Run(SimResult result, List<AxiBursts.Burst> requests, HarnessReport.Memory memory) {}

  private static Run run(String name, VectorReaderConfig rc, List<VectorReaderGolden.Command> commands, DdrModel ddr,
      int gap, int stall) {
    byte[] image = new byte[IMAGE_BYTES];
    new Random(rc.hashCode()).nextBytes(image);
    Path imageFile = TestPaths.freshDir(name + "/ddr").resolve("image.bin");
    List<List<BigInteger>> cmdVectors = new ArrayList<>();
    for (VectorReaderGolden.Command c : commands) {
      cmdVectors.add(c.toVector(rc));
    }
    List<List<BigInteger>> expected = VectorReaderGolden.run(rc, i -> VectorReaderGolden.beat(image, rc.beatBytes(), i),
        commands);
    try {
      Files.write(imageFile, image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EmittedDesign design = BlockSim.emit(name, () -> new VectorReader(rc), rc);
    AxiMemoryPort port = new AxiMemoryPort("m_axi", rc.axiShape(), imageFile, ddr);
    Testbench tb = new Testbench(design.topModule(), List.of(
        StreamPort.input("s_axis_cmd", rc.commandShape()),
        StreamPort.output("m_axis", rc.outputShape())), gap, stall, 200_000,
        List.of("stat_ar_bursts", "stat_r_bursts", "stat_r_errors")).withMemories(List.of(port));
    StreamSimulator.Run run = BlockSim.simulate(name, design, tb, Map.of("s_axis_cmd", cmdVectors, "m_axis", expected));
    SimResult result = BlockSim.assertPassed(run);
    List<AxiBursts.Burst> requests = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(run.runDir().resolve(port.requestLog()))) {
        String[] f = line.trim().split(" ");
        requests.add(new AxiBursts.Burst(Long.parseLong(f[0], 16), Integer.parseInt(f[1])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Run(result, requests, result.report().axi().get(0));
  }
}

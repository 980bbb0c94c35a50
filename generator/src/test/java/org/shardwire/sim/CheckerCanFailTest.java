package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.mac.MacArrayGolden;
import org.shardwire.blocks.mac.MacBeat;
import org.shardwire.blocks.mac.PackedMacArray;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/** The harness must be able to say no: wrong values, missing or extra beats, missing files, broken RTL. */
class CheckerCanFailTest {
  private static final MacArrayConfig CONFIG = new MacArrayConfig(4, 2);

  private static List<MacBeat> beats() {
    Random rnd = new Random(11);
    List<MacBeat> beats = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      byte[] a = new byte[4];
      byte[] w = new byte[8];
      rnd.nextBytes(a);
      rnd.nextBytes(w);
      beats.add(new MacBeat(a, w, i % 3 == 0, i % 3 == 2));
    }
    return beats;
  }

  private static Map<String, List<List<BigInteger>>> vectors(List<List<BigInteger>> expected) {
    List<List<BigInteger>> in = new ArrayList<>();
    for (MacBeat b : beats()) {
      in.add(b.toVector(CONFIG));
    }
    Map<String, List<List<BigInteger>>> v = new HashMap<>();
    v.put("s_axis", in);
    v.put("m_axis", expected);
    return v;
  }

  private static List<List<BigInteger>> golden() {
    return new ArrayList<>(MacArrayGolden.toVectors(MacArrayGolden.run(CONFIG, beats())));
  }

  private static Testbench bench() {
    return new Testbench(PackedMacArray.moduleName(CONFIG), List.of(
        StreamPort.input("s_axis", PackedMacArray.inputShape(CONFIG)),
        StreamPort.output("m_axis", CONFIG.outputShape())), 20, 20, 10_000);
  }

  private static StreamSimulator.Run simulate(String name, List<List<BigInteger>> expected) {
    EmittedDesign d = BlockSim.emit("fail/" + name, () -> new PackedMacArray(CONFIG), CONFIG);
    return BlockSim.simulate("fail/" + name, d, bench(), vectors(expected));
  }

  @Test
  void theUnchangedGoldenPasses() {
    assertTrue(simulate("control", golden()).result().passed());
  }

  @Test
  void aWrongGoldenValueIsReportedWithCyclePortExpectedAndActual() {
    List<List<BigInteger>> expected = golden();
    BigInteger right = expected.get(4).get(0);
    BigInteger wrong = right.flipBit(33);
    expected.set(4, List.of(wrong));
    SimResult r = simulate("wrong-value", expected).result();
    assertFalse(r.passed());
    assertEquals(1, r.mismatches());
    String line = r.mismatchLines().get(0);
    assertTrue(line.matches("MISMATCH cycle=\\d+ port=m_axis beat=4 field=tdata expected=" + wrong.toString(16)
        + " actual=" + right.toString(16)), line);
    assertTrue(r.failureReport().contains(line));
  }

  @Test
  void aMissingOutputBeatIsAFailure() {
    List<List<BigInteger>> expected = golden();
    expected.add(expected.get(0)); // the design will never produce a 11th sum
    SimResult r = simulate("missing-beat", expected).result();
    assertFalse(r.passed());
    assertTrue(r.timedOut());
    assertTrue(r.mismatchLines().stream().anyMatch(l -> l.startsWith("MISSING port=m_axis")), r.failureReport());
  }

  @Test
  void anExtraOutputBeatIsAFailure() {
    List<List<BigInteger>> expected = golden();
    expected.remove(expected.size() - 1);
    SimResult r = simulate("extra-beat", expected).result();
    assertFalse(r.passed());
    assertTrue(r.mismatchLines().get(0).contains("field=beat expected=(none"), r.failureReport());
  }

  @Test
  void aMissingVectorFileFailsTheRun() throws IOException {
    EmittedDesign d = BlockSim.emit("fail/no-file", () -> new PackedMacArray(CONFIG), CONFIG);
    Path run = TestPaths.freshDir("fail/no-file/run");
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), run, BlockSim.SEED);
    Path stimulus = run.resolve("s_axis.vec");
    Files.writeString(stimulus, "");
    SimResult r = new StreamSimulator(ctx).run(d, bench(), run,
        List.of(stimulus.toString(), run.resolve("absent.expected.vec").toString())).result();
    assertFalse(r.passed());
    assertEquals(2, r.exitCode());
    assertTrue(r.log().contains("missing vector file"), r.log());
  }

  @Test
  void mutatedRtlIsCaught() throws IOException {
    EmittedDesign d = BlockSim.emit("fail/mutant", () -> new PackedMacArray(CONFIG), CONFIG);
    // Mutation: the accumulator's clear path keeps the old sum instead of zero.
    Path top = d.verilogFiles().stream().filter(f -> f.getFileName().toString().equals(CONFIG.moduleName() + ".v"))
        .findFirst().orElseThrow();
    String rtl = Files.readString(top);
    String mutated = rtl.replace("acc_base_pe1 = 32'h0;", "acc_base_pe1 = acc_pe1;");
    assertFalse(mutated.equals(rtl), "mutation point not found in " + top);
    Files.writeString(top, mutated);
    SimResult r = BlockSim.simulate("fail/mutant", d, bench(), vectors(golden())).result();
    assertFalse(r.passed());
    assertTrue(r.mismatches() > 0, r.failureReport());
  }

  @Test
  void aDriverThatWritesNoResultsDoesNotPass(@TempDir Path runDir) {
    SimResult r = SimResult.read(0, "RESULT cycles=3 mismatches=0 timeout=0\n", runDir);
    assertFalse(r.passed());
    assertTrue(r.mismatchLines().get(0).contains("wrote no result.json"), r.failureReport());
  }
}

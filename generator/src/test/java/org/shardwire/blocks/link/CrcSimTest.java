package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/** The generated XOR network against the bitwise CRC-32 reference, on random and edge-case inputs. */
class CrcSimTest {

  @Test
  void hardwareStepMatchesTheBitwiseReference() {
    Random rnd = new Random(32);
    List<List<BigInteger>> in = new ArrayList<>();
    List<List<BigInteger>> expected = new ArrayList<>();
    List<long[]> cases = new ArrayList<>();
    cases.add(new long[] {0xFFFF_FFFFL, 0});
    cases.add(new long[] {0, -1L});
    cases.add(new long[] {0xFFFF_FFFFL, 0x2d00_0000_0000_0200L});
    for (int bit = 0; bit < 96; bit++) { // every single input bit alone: each matrix column
      cases.add(bit < 32 ? new long[] {1L << bit, 0} : new long[] {0, 1L << (bit - 32)});
    }
    for (int i = 0; i < 500; i++) {
      cases.add(new long[] {rnd.nextInt() & 0xFFFF_FFFFL, rnd.nextLong()});
    }
    for (long[] c : cases) {
      BigInteger word = new BigInteger(Long.toUnsignedString(c[1]));
      in.add(List.of(word.shiftLeft(LinkFrame.CRC_BITS).or(BigInteger.valueOf(c[0]))));
      int next = Crc32Words.stepBitwise((int) c[0], c[1]);
      expected.add(List.of(BigInteger.valueOf(next & 0xFFFF_FFFFL)));
    }
    EmittedDesign design = BlockSim.emit("crc-step", CrcStepTop::new, "crc32_step_w64");
    Testbench tb = new Testbench(design.topModule(), List.of(StreamPort.input("s_axis", CrcStepTop.IN),
        StreamPort.output("m_axis", CrcStepTop.OUT)), 10, 10, 100_000);
    SimResult r = BlockSim.assertPassed(BlockSim.simulate("crc-step", design, tb, Map.of("s_axis", in, "m_axis", expected)));
    assertEquals(cases.size(), r.outputs().get("m_axis").beats());
  }
}

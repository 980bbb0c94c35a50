package org.shardwire.blocks.link;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.StreamSimulator;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/** Builds and runs a {@link LinkLoopbackTop} against a beat list: the common steps of the link tests. */
final class LoopbackBench {
  private LoopbackBench() {}

  /**
   * Runs the loopback; the driver checks that {@code m_axis} delivers exactly {@code beats} (in
   * order, tlast included) and, with a tap, that the data lane carries exactly {@code tapWords}.
   */
  static SimResult run(String name, LinkConfig c, ChannelParams data, ChannelParams control, List<LinkFrame.Beat> beats,
      List<LinkFrame.Word> tapWords, int gapPercent, int stallPercent) {
    return run(name, c, data, control, beats, tapWords, gapPercent, stallPercent, null);
  }

  /** As above, with the input shaped into {@code bursts} before the transmitter (null: as the driver sends it). */
  static SimResult run(String name, LinkConfig c, ChannelParams data, ChannelParams control, List<LinkFrame.Beat> beats,
      List<LinkFrame.Word> tapWords, int gapPercent, int stallPercent, BurstGate.Pattern bursts) {
    boolean tap = tapWords != null;
    EmittedDesign design = BlockSim.emit(name, () -> new LinkLoopbackTop(c, data, control, tap, bursts), c + "|" + bursts);
    List<StreamPort> ports = new ArrayList<>();
    ports.add(StreamPort.input("s_axis", c.streamShape()));
    ports.add(StreamPort.output("m_axis", c.streamShape()));
    if (tap) {
      ports.add(StreamPort.output("m_lane", LinkLoopbackTop.TAP_SHAPE));
    }
    long words = c.wordsForBeats(beats.size()) + beats.size();
    Testbench tb = new Testbench(design.topModule(), ports, gapPercent, stallPercent, 200L * words + 200_000,
        design.statusPorts());
    Map<String, List<List<BigInteger>>> vectors = new LinkedHashMap<>();
    vectors.put("s_axis", beatVectors(beats));
    vectors.put("m_axis", beatVectors(beats));
    if (tap) {
      vectors.put("m_lane", tapVectors(tapWords));
    }
    StreamSimulator.Run run = BlockSim.simulate(name, design, tb, vectors);
    return BlockSim.assertPassed(run);
  }

  /** Random beats with tlast on about one beat in {@code tlastEvery}, and on the last. */
  static List<LinkFrame.Beat> randomBeats(LinkConfig c, int count, int tlastEvery, long seed) {
    Random rnd = new Random(seed);
    List<LinkFrame.Beat> beats = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BigInteger d = new BigInteger(c.beatBits(), rnd);
      beats.add(new LinkFrame.Beat(d, i == count - 1 || rnd.nextInt(tlastEvery) == 0));
    }
    return beats;
  }

  /** The data lane's non-idle words for a stream sent without pauses or errors. */
  static List<LinkFrame.Word> expectedLane(LinkConfig c, List<LinkFrame.Beat> beats) {
    List<LinkFrame.Word> words = new ArrayList<>();
    int seq = 0;
    int offset = 0;
    for (List<LinkFrame.Beat> frame : LinkFrame.cutIntoFrames(c, beats)) {
      words.addAll(LinkFrame.dataFrame(c, seq++ & 0xFFFF, offset, frame));
      offset = (offset + c.wordsForBeats(frame.size())) & 0xFFFF;
    }
    return words;
  }

  private static List<List<BigInteger>> beatVectors(List<LinkFrame.Beat> beats) {
    List<List<BigInteger>> v = new ArrayList<>();
    for (LinkFrame.Beat b : beats) {
      v.add(List.of(b.data(), b.last() ? BigInteger.ONE : BigInteger.ZERO));
    }
    return v;
  }

  private static List<List<BigInteger>> tapVectors(List<LinkFrame.Word> words) {
    List<List<BigInteger>> v = new ArrayList<>();
    for (LinkFrame.Word w : words) {
      BigInteger data = new BigInteger(Long.toUnsignedString(w.data()));
      v.add(List.of(w.control() ? data.setBit(LinkFrame.WORD_BITS) : data));
    }
    return v;
  }
}

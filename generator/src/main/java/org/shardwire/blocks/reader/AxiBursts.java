package org.shardwire.blocks.reader;

import java.util.ArrayList;
import java.util.List;

/**
 * How a read of consecutive beats becomes AXI4 INCR bursts: from the first beat on, each burst is
 * as long as the longest burst allowed, the beats still to read and the beats left before the
 * next 4 KB boundary all permit. {@link VectorReader} builds the same rule in hardware; this is
 * its reference.
 */
public final class AxiBursts {
  private AxiBursts() {}

  /** One burst: its byte address and its beats (ARLEN + 1). */
  public record Burst(long byteAddress, int beats) {}

  public static List<Burst> split(long firstBeat, long beats, int beatBytes, int maxBurstBeats) {
    int pageBeats = org.shardwire.hdl.Axi4ReadShape.BOUNDARY_BYTES / beatBytes;
    List<Burst> bursts = new ArrayList<>();
    long beat = firstBeat;
    long left = beats;
    while (left > 0) {
      long toBoundary = pageBeats - Math.floorMod(beat, pageBeats);
      int n = (int) Math.min(left, Math.min(maxBurstBeats, toBoundary));
      bursts.add(new Burst(beat * beatBytes, n));
      beat += n;
      left -= n;
    }
    return bursts;
  }
}

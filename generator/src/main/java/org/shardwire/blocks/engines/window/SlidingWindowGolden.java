package org.shardwire.blocks.engines.window;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.golden.VectorFile;
import org.shardwire.model.Shape;

/** The output stream of a {@link SlidingWindow}, computed directly from its documented loop nest. */
public final class SlidingWindowGolden {
  private SlidingWindowGolden() {}

  /**
   * One frame (NHWC int8 values) as window words of lanes (mmv * lanes with mmv, kw * lanes with a
   * kernel row per word), in output order.
   */
  public static List<long[]> windows(SlidingWindowConfig c, byte[] frame) {
    Shape s = c.input();
    if (frame.length != s.elements()) {
      throw new IllegalArgumentException("frame has " + frame.length + " values, the window reads " + s);
    }
    WindowGeometry g = c.geometry();
    int mmv = c.mmv();
    int copies = c.pixelsPerWord();
    List<long[]> out = new ArrayList<>();
    for (int oy = 0; oy < c.outputH(); oy++) {
      for (int group = 0; group < c.outputGroupsW(); group++) {
        for (int slice = 0; slice < c.groups(); slice++) {
          for (int r = 0; r < c.replays(); r++) {
            for (int ky = 0; ky < g.kernelH(); ky++) {
              for (int kx = 0; kx < c.kernelColumnsPerRow(); kx++) {
                for (int wi = 0; wi < c.wordsPerSlice(); wi++) {
                  long[] lanes = new long[c.wordLanes()];
                  for (int m = 0; m < copies; m++) {
                    int ox = group * mmv + (c.kernelRow() ? 0 : m);
                    int iy = oy * g.strideH() - g.padding().top() + ky;
                    int ix = ox * g.strideW() - g.padding().left() + (c.kernelRow() ? m : kx);
                    boolean inside = iy >= 0 && iy < s.h() && ix >= 0 && ix < s.w();
                    int ch0 = (slice * c.wordsPerSlice() + wi) * c.lanes();
                    for (int l = 0; l < c.lanes(); l++) {
                      lanes[m * c.lanes() + l] = inside ? frame[s.index(iy, ix, ch0 + l)] : 0;
                    }
                  }
                  out.add(lanes);
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Expected {@code m_axis} beats (tdata, tlast) for frames streamed back to back. */
  public static List<List<BigInteger>> beats(SlidingWindowConfig c, List<byte[]> frames) {
    List<List<BigInteger>> beats = new ArrayList<>();
    for (byte[] f : frames) {
      List<long[]> words = windows(c, f);
      for (int i = 0; i < words.size(); i++) {
        beats.add(List.of(VectorFile.packLanes(words.get(i), 8),
            i == words.size() - 1 ? BigInteger.ONE : BigInteger.ZERO));
      }
    }
    return beats;
  }
}

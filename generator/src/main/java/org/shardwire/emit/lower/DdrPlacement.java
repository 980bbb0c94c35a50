package org.shardwire.emit.lower;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.conv.DdrWeightEngine;
import org.shardwire.blocks.reader.DdrWeightLayout;
import org.shardwire.emit.board.EngineNode;

/**
 * Where a board's streamed weights sit in its DDR (docs/ddr-weights.md): the costed engines read
 * their region laid out alone at address 0; here the board's streamed layers, in stream order, get
 * one {@link DdrWeightLayout} from {@link #IMAGE_BASE}, and each engine reads its region there.
 * The figures do not change (a region's address is only the reader's constant command).
 */
public final class DdrPlacement {
  /**
   * Bank address of the weight image: 1 GiB in, above what a Zynq UltraScale+ Linux keeps for
   * itself in the low PS DDR by default; the board's loader puts {@code ddr/weights.bin} there.
   */
  public static final long IMAGE_BASE = 0x4000_0000L;

  private DdrPlacement() {}

  /** {@code nodes} with every streamed engine reading its region of the board's layout. */
  public static List<EngineNode> place(List<EngineNode> nodes) {
    List<DdrWeightLayout.Segment> segments = new ArrayList<>();
    int beatBytes = 0;
    for (EngineNode n : nodes) {
      if (n.engine() instanceof DdrWeightEngine s) {
        DdrWeightLayout.Region r = s.stream().region();
        if (beatBytes != 0 && beatBytes != r.beatBytes()) {
          throw new IllegalArgumentException("layer " + n.name() + " streams " + r.beatBytes()
              + "-byte beats, another layer of its board " + beatBytes + ": one bank has one port width");
        }
        beatBytes = r.beatBytes();
        segments.add(new DdrWeightLayout.Segment(r.name(), r.wordBits(), r.words()));
      }
    }
    if (segments.isEmpty()) {
      return nodes;
    }
    DdrWeightLayout layout = DdrWeightLayout.of(beatBytes, IMAGE_BASE, segments);
    List<EngineNode> out = new ArrayList<>();
    for (EngineNode n : nodes) {
      if (n.engine() instanceof DdrWeightEngine s) {
        DdrWeightEngine placed = s.at(s.stream().at(layout.region(s.stream().region().name())));
        out.add(new EngineNode(n.name(), placed, n.inputs(), n.output()));
      } else {
        out.add(n);
      }
    }
    return out;
  }
}

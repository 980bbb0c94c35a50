package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shardwire.blocks.link.LinkConfig;

/**
 * Whether each link's credit window covers its round trip: a link sends at most one window of
 * payload words per round trip, so on a long lane a pipeline cut whose traffic needs more than
 * that waits for credit and slows the whole pipeline. The window and the round trip come from
 * the link's own config ({@link LinkConfig#defaults}, what {@code generate} builds).
 */
public final class LinkWindowCheck {
  private LinkWindowCheck() {}

  /** One warning per link whose window cannot carry its traffic at the plan's frame rate. */
  public static List<String> warnings(Plan plan, int laneLatencyCycles) {
    List<String> out = new ArrayList<>();
    LinkConfig link = LinkConfig.planned();
    long ii = plan.cyclesPerFrame();
    for (LinkPlan l : plan.links()) {
      double wordsPerFrame = Math.ceil(l.bytesPerFrame() / 8.0);
      double needed = wordsPerFrame / ii;
      double sustained = link.sustainedWordsPerCycle(laneLatencyCycles);
      if (needed > sustained) {
        int rtt = link.roundTripCycles(laneLatencyCycles);
        out.add(String.format(Locale.ROOT, "link %d -> %d: at a lane latency of %d cycles the round trip is %d cycles "
            + "and the %d-word credit window carries at most %.3f payload words/cycle, but the cut needs %.3f "
            + "(%.0f words per %d-cycle frame): the pipeline will run about %.0f%% slower. Shorten the lane, or cut "
            + "where less data crosses.", l.from(), l.to(), laneLatencyCycles, rtt, link.windowWords(), sustained,
            needed, wordsPerFrame, ii, 100 * (needed / sustained - 1)));
      }
    }
    return out;
  }
}

package org.shardwire.cli;

import java.util.OptionalInt;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Strategy;
import picocli.CommandLine.Option;

/**
 * The shared "which boards, how to split" options ({@code --boards}, {@code --strategy},
 * {@code --clock-mhz}, {@code --max-multipliers-per-engine}, {@code --dsp-packing}), a picocli mixin for every command
 * that plans: {@code @Mixin ClusterOptions cluster;}.
 */
public final class ClusterOptions {
  public static final String DEFAULT_BOARDS = "zcu102:2";

  @Option(names = "--boards", paramLabel = "ID:N[,ID:N...]", defaultValue = DEFAULT_BOARDS,
      description = "Boards in pipeline order, e.g. zcu102:2, mkubos-zu19eg:4, zcu102:1,f10a-a10gx1150:1 "
          + "(ids: mkubos-zu19eg, zcu102, f10a-a10gx1150; default: ${DEFAULT-VALUE}).")
  String boards;

  @Option(names = "--strategy", paramLabel = "auto|pipeline|channel-group|mixed", defaultValue = "auto",
      description = "How to split the network: auto (the structure with the lowest estimated II), pipeline "
          + "(contiguous layer ranges), channel-group (every board holds 1/N of each layer's groups, boards exchange "
          + "slices over their links) or mixed (pipeline stages of channel groups, e.g. 4 boards as 2 x 2); "
          + "docs/channel-groups.md. Default: ${DEFAULT-VALUE}.")
  String strategy;

  @Option(names = "--clock-mhz", paramLabel = "F",
      description = "Fabric clock of every board in MHz (default: the slowest board's default clock).")
  Double clockMhz;

  @Option(names = "--max-multipliers-per-engine", paramLabel = "N",
      description = "Cap on the multiplier units one engine may use (keeps simulation-sized designs small).")
  Integer maxMultipliersPerEngine;

  @Option(names = "--dsp-packing",
      description = "Let conv engines on Xilinx boards pack two int8 MACs into one DSP48E2 (Xilinx WP487: half a "
          + "DSP per MAC); the planner weighs it beside one MAC per DSP. Intel boards count their 18x19 "
          + "multipliers as they are. Off by default.")
  boolean dspPacking;

  @Option(names = "--ddr-weights", paramLabel = "auto|off|LAYER,...", defaultValue = "auto",
      description = "Conv/FC weights streamed from the board's DDR instead of on-chip memory (docs/ddr-weights.md): "
          + "auto (the planner streams a layer where on-chip memory runs out and its DDR bank has the bandwidth), off "
          + "(every weight on chip) or a comma-separated list of layers to stream (the others stay on chip). "
          + "Default: ${DEFAULT-VALUE}.")
  String ddrWeights;

  @Option(names = "--lane-latency", paramLabel = "CYCLES", defaultValue = "100",
      description = "Latency of each serial lane, one way, in fabric cycles: the plan counts what a link sustains "
          + "at that round trip and warns when a credit window cannot cover it (default: ${DEFAULT-VALUE}; links are "
          + "built for up to 20000).")
  int laneLatency;

  /** The lane latency the link check assumes. */
  public int laneLatency() {
    if (laneLatency < 1 || laneLatency > org.shardwire.blocks.link.LinkConfig.MAX_LANE_LATENCY) {
      throw new UserInputException("--lane-latency must be in 1.." + org.shardwire.blocks.link.LinkConfig.MAX_LANE_LATENCY
          + " cycles (the links' acknowledgment timeout covers that), got " + laneLatency);
    }
    return laneLatency;
  }

  /** Warnings for links whose credit window cannot cover their round trip, on stderr. */
  public void warnAboutLinks(org.shardwire.plan.Plan plan, java.io.PrintWriter err) {
    for (String w : org.shardwire.plan.LinkWindowCheck.warnings(plan, laneLatency())) {
      err.println("warning: " + w);
    }
    err.flush();
  }

  /** The boards; bad input throws {@link UserInputException} naming the allowed ids. */
  public BoardList boardList() {
    try {
      return BoardList.parse(boards, BoardCatalog.builtIn());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  /** Which layers stream their weights from DDR. */
  private org.shardwire.plan.DdrWeights ddrWeights() {
    try {
      return org.shardwire.plan.DdrWeights.parse(ddrWeights);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--ddr-weights: " + e.getMessage(), e);
    }
  }

  /** The strategy. */
  public Strategy strategy() {
    try {
      return Strategy.parse(strategy);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--strategy: " + e.getMessage(), e);
    }
  }

  public PlanOptions planOptions(BoardList list) {
    try {
      return new PlanOptions(clockMhz == null ? list.defaultClockMhz() : clockMhz,
          maxMultipliersPerEngine == null ? OptionalInt.empty() : OptionalInt.of(maxMultipliersPerEngine), dspPacking,
          ddrWeights());
    } catch (IllegalArgumentException e) {
      String option = clockMhz != null && !(clockMhz >= PlanOptions.MIN_CLOCK_MHZ && clockMhz <= PlanOptions.MAX_CLOCK_MHZ)
          ? "--clock-mhz" : "--max-multipliers-per-engine";
      throw new UserInputException(option + ": " + e.getMessage(), e);
    }
  }
}

package org.shardwire.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One row of sweep.csv: the point (model, boards, clock, strategy, cap), its status, the plan's
 * figures exactly as plan.json writes them, the largest share of any board's device each
 * resource takes, the link load, and the measured figures when the point was simulated (empty
 * otherwise). A point that does not fit has status {@code no-fit} and the planner's reason.
 */
@JsonPropertyOrder({"point", "model", "boards_spec", "board_count", "strategy", "clock_mhz",
    "max_multipliers_per_engine", "status", "reason", "est_cycles_per_frame", "est_fps", "est_multiplier_efficiency",
    "macs_per_frame", "multipliers", "multipliers_available", "max_board_multiplier_share", "mem_blocks",
    "mem_blocks_available", "max_board_memory_share", "luts_est", "luts_available", "max_board_logic_share",
    "bottleneck_board", "link_bytes_per_frame", "max_link_utilisation", "simulated", "bit_exact",
    "measured_cycles_per_frame", "measured_vs_est", "latency_cycles"})
public record SweepRow(int point, String model, String boardsSpec, int boardCount, String strategy,
    BigDecimal clockMhz, int maxMultipliersPerEngine, String status, String reason, Long estCyclesPerFrame,
    BigDecimal estFps, BigDecimal estMultiplierEfficiency, Long macsPerFrame, Integer multipliers,
    Integer multipliersAvailable, BigDecimal maxBoardMultiplierShare, String memBlocks, String memBlocksAvailable,
    BigDecimal maxBoardMemoryShare, Long lutsEst, Long lutsAvailable, BigDecimal maxBoardLogicShare,
    Integer bottleneckBoard, Long linkBytesPerFrame, BigDecimal maxLinkUtilisation, boolean simulated,
    Boolean bitExact, BigDecimal measuredCyclesPerFrame, BigDecimal measuredVsEst, Long latencyCycles) {

  public static final String OK = "ok";
  public static final String NO_FIT = "no-fit";
  public static final String FAILED = "failed";
}

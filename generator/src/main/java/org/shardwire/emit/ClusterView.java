package org.shardwire.emit;

import java.util.List;

/**
 * What templates/verilator/cluster_top.v.vm and cluster_driver.cpp.vm need. Ports of board i
 * appear on the cluster top as {@code b<i>_<port>}.
 */
public record ClusterView(String stamp, List<BoardView> boards, List<String> portDeclarations,
    List<CutView> cutBoards, List<LinkView> links, List<String> statusPorts, List<FifoView> fifos, int outputWidth,
    int resetCycles, int drainCycles, long progressInterval) {

  /** A board instance: its module and its port connections ({@code .p(b0_p)}). */
  public record BoardView(int index, String module, List<String> connections) {}

  /** A board whose output leaves through a link: its monitored cut tensor, checked beat by beat. */
  public record CutView(int index, int argIndex, int width) {}

  /** A branch FIFO of board {@code board}: its instance name and its full-cycle counter on the cluster top. */
  public record FifoView(int board, String name, String port) {}

  /** Link k joins board k (sender) and board k+1 (receiver); its lanes' error seeds derive from these. */
  public record LinkView(int index, int from, int to, long dataSeed, long ctrlSeed) {}

  public int boardCount() {
    return boards.size();
  }

  public int lastIndex() {
    return boards.size() - 1;
  }
}

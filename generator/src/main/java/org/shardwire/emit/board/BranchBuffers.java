package org.shardwire.emit.board;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.TensorStream;

/**
 * Sizes the FIFOs behind a fork so that branches which meet again cannot deadlock
 * (docs/engines.md, "Fill latency and branch FIFOs").
 *
 * <p>A join (Add, Concat) emits nothing until it holds its first words on every input. Until
 * then the fork must push into the slow branch every word it needs to produce those first words,
 * while the fast branch stalls at the join: the fast branch's FIFO must hold the difference.
 * Per branch the count is exact from each engine's {@code inputWordsBeforeFirstOutput} and its
 * input/output word ratio; counts are compared in tensor elements (branches may use different
 * lane counts). A margin of one row of the fork tensor absorbs the steady-state jitter of line
 * buffers (a stride-2 engine consumes two rows per output row).
 */
public final class BranchBuffers {
  private BranchBuffers() {}

  /** A FIFO to place on one reader of a forked tensor, in words of that reader's input stream. */
  public record Fifo(String tensor, BoardNetwork.Reader reader, long depth, long neededElements) {}

  /** FIFO depths for every reader of every tensor read more than once. */
  public static Map<BoardNetwork.Reader, Fifo> size(BoardNetwork net, Map<String, TensorStream> streams) {
    Map<BoardNetwork.Reader, Fifo> fifos = new LinkedHashMap<>();
    for (Map.Entry<String, List<BoardNetwork.Reader>> e : net.readers().entrySet()) {
      List<BoardNetwork.Reader> readers = e.getValue();
      if (readers.size() < 2) {
        continue;
      }
      String fork = e.getKey();
      TensorStream forkStream = streams.get(fork);
      // Elements of the fork tensor each branch must receive before every join it reaches can fire.
      List<Map<String, Long>> demand = readers.stream().map(r -> branchDemand(net, r)).toList();
      for (int k = 0; k < readers.size(); k++) {
        BoardNetwork.Reader r = readers.get(k);
        long need = 0;
        for (Map.Entry<String, Long> join : demand.get(k).entrySet()) {
          for (Map<String, Long> other : demand) {
            Long o = other.get(join.getKey());
            if (o != null) {
              need = Math.max(need, o - join.getValue());
            }
          }
        }
        int lanes = r == BoardNetwork.Reader.BOARD_OUTPUT ? forkStream.lanes()
            : net.node(r.node()).engine().inputs().get(r.input()).lanes();
        long rowElements = (long) forkStream.shape().w() * forkStream.shape().c();
        long depth = need == 0 ? 0 : ceilDiv(need + rowElements, lanes) + 16;
        fifos.put(r, new Fifo(fork, r, depth, need));
      }
    }
    return fifos;
  }

  /**
   * For one branch (a reader of the fork tensor): for every join the branch reaches, how many
   * elements of the fork tensor must enter the branch before that join can emit its first word.
   */
  static Map<String, Long> branchDemand(BoardNetwork net, BoardNetwork.Reader start) {
    Map<String, Long> demand = new LinkedHashMap<>();
    if (start == BoardNetwork.Reader.BOARD_OUTPUT) {
      return demand;
    }
    Set<String> inBranch = new HashSet<>();
    EngineNode first = net.node(start.node());
    inBranch.add(first.output());
    for (EngineNode n : net.nodes()) {
      if (n.inputs().stream().anyMatch(inBranch::contains)) {
        inBranch.add(n.output());
      }
    }
    for (EngineNode join : net.nodes()) {
      if (join.inputs().size() < 2) {
        continue;
      }
      long worst = -1;
      for (int i = 0; i < join.inputs().size(); i++) {
        long before = join.engine().inputWordsBeforeFirstOutput().get(i);
        long elements = -1;
        if (join.name().equals(start.node()) && i == start.input()) {
          elements = before * join.engine().inputs().get(i).lanes();
        } else if (inBranch.contains(join.inputs().get(i))) {
          elements = cost(net, start, inBranch, join.inputs().get(i), before);
        }
        worst = Math.max(worst, elements);
      }
      if (worst >= 0) {
        demand.put(join.name(), worst);
      }
    }
    return demand;
  }

  /** Elements of the fork tensor the branch consumes to produce the first {@code words} words of tensor {@code t}. */
  private static long cost(BoardNetwork net, BoardNetwork.Reader start, Set<String> inBranch, String t, long words) {
    EngineNode producer = net.nodes().stream().filter(n -> n.output().equals(t)).findFirst().orElseThrow();
    EngineConfig e = producer.engine();
    long worst = 0;
    for (int i = 0; i < producer.inputs().size(); i++) {
      String in = producer.inputs().get(i);
      boolean isStart = producer.name().equals(start.node()) && i == start.input();
      if (!isStart && !inBranch.contains(in)) {
        continue;
      }
      long needed = inputWordsFor(e, i, words);
      worst = Math.max(worst, isStart ? needed * e.inputs().get(i).lanes()
          : cost(net, start, inBranch, in, needed));
    }
    return worst;
  }

  /** Input words engine {@code e} reads on input {@code i} to emit its first {@code n} output words. */
  static long inputWordsFor(EngineConfig e, int i, long n) {
    long before = e.inputWordsBeforeFirstOutput().get(i);
    double ratio = (double) e.inputs().get(i).wordsPerFrame() / e.outputs().get(0).wordsPerFrame();
    return before + (long) Math.ceil((n - 1) * ratio);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}

package org.shardwire.cli;

import java.util.List;
import org.shardwire.emit.ClusterEmitter;

/**
 * What {@code generate} shows while it elaborates a cluster (minutes for ResNet-50 over four
 * boards): a bar of engines elaborated out of every board's engines, with the board and the layer
 * being built, and when a board's engines are done, that SpinalHDL is emitting its Verilog.
 */
final class GenerateProgress implements ClusterEmitter.EmitProgress, AutoCloseable {
  private Progress bar;
  private int boards;

  @Override
  public void start(List<Integer> enginesPerBoard) {
    boards = enginesPerBoard.size();
    long engines = enginesPerBoard.stream().mapToLong(Integer::longValue).sum();
    bar = Progress.start("generate", engines, "engines");
  }

  @Override
  public void board(int index) {
    bar.message(label(index) + ": elaborating");
  }

  @Override
  public void engine(int board, String layer) {
    bar.step();
    bar.message(label(board) + ": " + layer);
  }

  @Override
  public void emitting(int board) {
    bar.message(label(board) + ": SpinalHDL checks and writes its Verilog, then its weights");
  }

  private String label(int index) {
    return "board " + (index + 1) + " of " + boards;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

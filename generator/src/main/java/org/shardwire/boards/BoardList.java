package org.shardwire.boards;

import java.util.ArrayList;
import java.util.List;

/**
 * The boards of a cluster in pipeline order, parsed from {@code ID:N[,ID:N...]} (e.g.
 * {@code zcu102:2}, {@code mkubos-zu19eg:4}, {@code zcu102:1,f10a-a10gx1150:1}); {@code ID} alone
 * means one board. {@link #spec()} is the text it was made from, normalised (for folder names).
 */
public record BoardList(List<Board> boards, String spec) {
  /** More boards than this is surely a typo (and would make the partitioner's tables huge). */
  public static final int MAX_BOARDS = 64;

  public BoardList {
    boards = List.copyOf(boards);
    if (boards.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one board");
    }
  }

  /** Parses a board list; bad input throws IllegalArgumentException naming the item and the allowed ids. */
  public static BoardList parse(String text, BoardCatalog catalog) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("--boards is empty; expected ID:N[,ID:N...] with ID one of "
          + String.join(", ", catalog.ids()));
    }
    List<Board> boards = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String item = raw.strip();
      if (item.isEmpty()) {
        throw new IllegalArgumentException("--boards '" + text + "': empty item; expected ID:N[,ID:N...] with ID one of "
            + String.join(", ", catalog.ids()));
      }
      String[] idCount = item.split(":", -1);
      if (idCount.length > 2) {
        throw new IllegalArgumentException("--boards item '" + item + "': expected ID:N (one ':'), e.g. zcu102:2");
      }
      Board board;
      try {
        board = catalog.board(idCount[0].strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--boards item '" + item + "': " + e.getMessage(), e);
      }
      int count = idCount.length == 1 ? 1 : count(item, idCount[1].strip());
      for (int i = 0; i < count; i++) {
        boards.add(board);
      }
      if (boards.size() > MAX_BOARDS) {
        throw new IllegalArgumentException("--boards '" + text + "': " + boards.size() + " boards is more than the "
            + MAX_BOARDS + " allowed");
      }
      parts.add(board.id() + ":" + count);
    }
    return new BoardList(boards, String.join(",", parts));
  }

  private static int count(String item, String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--boards item '" + item + "': count '" + text
          + "' is not a whole number; expected ID:N with N in 1.." + MAX_BOARDS);
    }
    if (n < 1 || n > MAX_BOARDS) {
      throw new IllegalArgumentException("--boards item '" + item + "': count must be 1.." + MAX_BOARDS + ", got " + n);
    }
    return n;
  }

  public int size() {
    return boards.size();
  }

  public Board get(int i) {
    return boards.get(i);
  }

  /** The default fabric clock of the cluster: the slowest board's, so one clock suits every board. */
  public double defaultClockMhz() {
    return boards.stream().mapToDouble(Board::defaultClockMhz).min().orElseThrow();
  }
}

package org.shardwire.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.testing.TestPaths;

/**
 * README.md as the tests read it: the commands it shows ({@code $ ./shardwire ...} lines in code
 * blocks and the quick start) and the options table under each "Options (`./shardwire CMD --help`):".
 */
final class Readme {
  private Readme() {}

  /** A command the README shows, with the first line of output it shows (empty when it shows none). */
  record Example(List<String> args, String firstOutputLine) {}

  static List<String> lines() {
    try {
      return Files.readAllLines(TestPaths.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code ./shardwire} command in a code block, in order, each once. */
  static List<Example> examples() {
    List<String> lines = lines();
    List<Example> out = new ArrayList<>();
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock) {
        continue;
      }
      String cmd = l.startsWith("$ ./shardwire") ? l.substring(2) : l.startsWith("./shardwire") ? l : null;
      if (cmd == null) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of(cmd.trim().split("\\s+")));
      args.remove(0);
      String next = i + 1 < lines.size() && l.startsWith("$") ? lines.get(i + 1) : "";
      String shown = next.startsWith("```") || next.startsWith("$") ? "" : next;
      // The quick start shows a command bare; the user guide shows it again with its output.
      out.removeIf(e -> e.args().equals(args) && e.firstOutputLine().isEmpty());
      if (out.stream().noneMatch(e -> e.args().equals(args))) {
        out.add(new Example(args, shown));
      }
    }
    return out;
  }

  /**
   * The options tables: command name to its rows' first cells without backticks (e.g.
   * {@code --out DIR}). A table belongs to the command named in the line above it:
   * {@code Options (`./shardwire generate --help`):}.
   */
  static Map<String, List<String>> optionTables() {
    List<String> lines = lines();
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.startsWith("Options (`./shardwire ")) {
        continue;
      }
      String command = l.substring("Options (`./shardwire ".length()).split("[ `]")[0];
      List<String> rows = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && lines.get(j).isBlank()) {
        j++;
      }
      for (j += 2; j < lines.size() && lines.get(j).startsWith("|"); j++) { // skip header and |---|
        // A | inside a cell is written \| (markdown), e.g. `--vendor xilinx\|intel`.
        String cell = lines.get(j).split("(?<!\\\\)\\|")[1].trim();
        rows.add(cell.replace("`", "").replace("\\|", "|"));
      }
      tables.put(command, rows);
    }
    return tables;
  }
}

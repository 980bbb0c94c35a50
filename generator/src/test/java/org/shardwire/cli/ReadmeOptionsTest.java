package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * README.md's options tables against the CLI itself, for whatever commands exist: a command with
 * options needs a table, and each table lists exactly its command's options with their labels.
 * The failure message holds the rows to paste.
 */
class ReadmeOptionsTest {

  @Test
  void everyCommandsOptionsTableMatchesTheCli() {
    Map<String, List<String>> tables = Readme.optionTables();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : Main.commandLine().getSubcommands().entrySet()) {
      String name = e.getKey();
      if (name.equals("help")) {
        continue; // picocli's built-in `help COMMAND`
      }
      CommandSpec spec = e.getValue().getCommandSpec();
      List<String> expected = rows(spec);
      List<String> actual = tables.get(name);
      if (actual == null) {
        if (!expected.isEmpty()) {
          problems.add("README.md has no options table for " + name + "; add:\n\nOptions (`./shardwire " + name
              + " --help`):\n\n| option | meaning |\n|---|---|\n" + markdown(spec, expected));
        }
        continue;
      }
      List<String> missing = new ArrayList<>(expected);
      missing.removeAll(actual);
      List<String> extra = new ArrayList<>(actual);
      extra.removeAll(expected);
      if (!missing.isEmpty()) {
        problems.add("README.md's " + name + " table lacks:\n" + markdown(spec, missing));
      }
      if (!extra.isEmpty()) {
        problems.add("README.md's " + name + " table has rows the CLI does not (" + String.join(", ", extra)
            + "); the CLI's are: " + String.join(", ", expected));
      }
    }
    for (String documented : tables.keySet()) {
      if (!Main.commandLine().getSubcommands().containsKey(documented)) {
        problems.add("README.md has an options table for " + documented + ", which is not a command");
      }
    }
    assertEquals("", String.join("\n", problems));
  }

  /** The first cell of each row: {@code DIR}, {@code --out DIR}, {@code --json}; -h/-V are left out. */
  static List<String> rows(CommandSpec spec) {
    List<String> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      rows.add(p.paramLabel() + (p.arity().max() > 1 ? "..." : ""));
    }
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      rows.add(o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : ""));
    }
    return rows;
  }

  private static String markdown(CommandSpec spec, List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (String cell : cells) {
      String name = cell.split(" ")[0];
      String[] description = spec.findOption(name) != null ? spec.findOption(name).description()
          : spec.positionalParameters().stream().filter(p -> cell.startsWith(p.paramLabel())).findFirst()
              .map(PositionalParamSpec::description).orElse(new String[] {""});
      b.append("| `").append(cell).append("` | ").append(String.join(" ", description)).append(" |\n");
    }
    return b.toString();
  }
}

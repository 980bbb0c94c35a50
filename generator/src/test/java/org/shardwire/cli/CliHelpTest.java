package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Help for every command (whatever commands exist): complete, plain text, readable labels; unknown commands exit 2. */
class CliHelpTest {

  static List<String> commands() {
    return List.copyOf(Main.commandLine().getSubcommands().keySet());
  }

  @Test
  void mainHelpListsEveryCommandIncludingTestAndDoctor() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(-1, CliRun.escapeAt(r.all()), r.all());
    assertTrue(commands().containsAll(List.of("generate", "simulate", "plan", "model", "blocks", "doctor", "test")),
        commands().toString());
    for (String c : commands()) {
      assertTrue(r.out().contains("\n  " + c + " "), c + " missing from:\n" + r.out());
    }
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("commands")
  void everyCommandsHelpIsPlainTextWithReadableLabels(String command) {
    CliRun r = CliRun.of(command, "--help");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Usage: shardwire " + command), r.out());
    assertEquals("", r.err());
    assertEquals(-1, CliRun.escapeAt(r.all()), r.all());
    CommandSpec spec = Main.commandLine().getSubcommands().get(command).getCommandSpec();
    for (ArgSpec a : spec.args()) {
      // picocli's default label is the Java field name in angle brackets, e.g. <vectorWidth>.
      if (a.arity().max() > 0 && !command.equals("help")) {
        assertFalse(a.paramLabel().startsWith("<"), command + ": give " + a.paramLabel() + " a paramLabel");
      }
    }
  }

  @Test
  void anUnknownCommandExitsTwoAndListsTheCommands() {
    for (String[] args : List.of(new String[] {"sweeep", "--help"}, new String[] {"sweeep"}, new String[] {})) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exitCode(), r.all());
      assertEquals("", r.out());
      for (String c : commands()) {
        assertTrue(r.err().contains(c), c + " missing from: " + r.err());
      }
    }
    assertTrue(CliRun.of("sweeep").err().startsWith("shardwire: unknown command 'sweeep'; commands: generate, "));
  }

  @Test
  void numbersAreFormattedTheSameUnderAGermanLocale() {
    String[] model = {"model", "--model", "resnet8-cifar"};
    String[] plan = {"plan", "--model", "resnet8-cifar"};
    Locale old = Locale.getDefault();
    CliRun modelDe;
    CliRun planDe;
    try {
      Locale.setDefault(Locale.GERMANY);
      modelDe = CliRun.of(model);
      planDe = CliRun.of(plan);
    } finally {
      Locale.setDefault(old);
    }
    assertEquals(CliRun.of(model).out(), modelDe.out());
    assertEquals(CliRun.of(plan).out(), planDe.out());
    assertTrue(modelDe.out().matches("(?s).* [0-9,]+ MACs \\([0-9]+\\.[0-9]{3} G\\).*"), modelDe.out());
  }
}

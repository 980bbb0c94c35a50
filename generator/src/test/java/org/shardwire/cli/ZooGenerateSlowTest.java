package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.BranchFifos;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * Every seed-scale zoo network generates on a cluster where it fits, every board top passes
 * {@code verilator --lint-only -Wall}, and no FIFO is deeper than the deepest branch of the network
 * can need. The ResNets used to die in elaboration ("Way too big signal": parameter ROMs of 4416
 * bits, weight words past 4096) and ShuffleNet g2 got a 540-million-word branch FIFO although
 * {@code plan} said they fit. Slow: every network is quantized, planned and elaborated whole at
 * 224x224.
 */
@Tag("slow")
class ZooGenerateSlowTest {
  private static final Pattern FIFO_DEPTH = Pattern.compile("stream_fifo_w\\d+_d(\\d+)\\.v");

  /** ResNet-50 and -18 on the M-KUBOS boards; every ShuffleNet on the paper's Arria 10 pair and on two ZCU102. */
  static Stream<Arguments> seedScaleZoo() {
    Stream<Arguments> resnets = Stream.of(Arguments.of("resnet50", "mkubos-zu19eg:4"),
        Arguments.of("resnet18", "mkubos-zu19eg:2"));
    Stream<Arguments> shufflenets = ModelZoo.names().stream()
        .filter(m -> m.startsWith("shufflenet-g") || m.startsWith("i-shufflenet-"))
        .flatMap(m -> Stream.of(Arguments.of(m, "f10a-a10gx1150:2"), Arguments.of(m, "zcu102:2")));
    return Stream.concat(resnets, shufflenets);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("seedScaleZoo")
  void generatesLintCleanWithBoundedFifos(String model, String boards) throws IOException {
    Path out = TestPaths.freshDir("zoo-generate/" + model + "-" + boards.replace(':', 'x')).resolve("out");
    BlocksCommandTest.Outcome o = BlocksCommandTest.run("generate", "--model", model, "--boards", boards, "--out",
        out.toString());
    assertEquals(0, o.exitCode(), o.err());
    long deepestBranch = BranchFifos.of(ModelZoo.build(model)).stream()
        .mapToLong(f -> f.words(1)).max().orElse(0);
    int count = Integer.parseInt(boards.substring(boards.indexOf(':') + 1));
    VerilatorBuilder verilator = new VerilatorBuilder(BuildContext.detect(TestPaths.verilatorCache(), out, 1),
        new TemplateRenderer());
    for (int b = 0; b < count; b++) {
      Path rtl = out.resolve("board" + b + "/rtl");
      List<String> names = Files.readAllLines(rtl.resolve("filelist.f")).stream().filter(l -> l.endsWith(".v"))
          .toList();
      String top = "board" + b + "_top";
      assertTrue(names.stream().anyMatch(f -> f.endsWith(top + ".v")), names.toString());
      for (String name : names) {
        Matcher m = FIFO_DEPTH.matcher(Path.of(name).getFileName().toString());
        if (m.find()) {
          // A branch FIFO is deepest with one int8 element per word (one lane); the engines' own
          // FIFOs (window, requantizer: 4-11 words) sit under the 64-word floor.
          assertTrue(Long.parseLong(m.group(1)) <= Math.max(deepestBranch, 64),
              name + " of " + model + " is deeper than its deepest branch needs (" + deepestBranch + " words)");
        }
      }
      String warnings = verilator.lint(new EmittedDesign(top, names.stream().map(rtl::resolve).toList(), List.of()));
      assertEquals("", warnings, top + " of " + model + " on " + boards + " is not lint-clean");
    }
    System.out.println("ZOO_GENERATE " + model + " on " + boards + ": ok, deepest branch " + deepestBranch + " words");
  }
}

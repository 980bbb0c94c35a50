package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.testing.TestPaths;

/** {@code ./shardwire generate} and {@code simulate}: outputs, determinism and bad input. */
class GenerateCommandTest {

  @Test
  void writesTheContractedLayoutByteIdenticallyTwice() throws IOException {
    Path dir = TestPaths.freshDir("generate/determinism");
    String[] common = {"--model", "shufflenet-tiny", "--boards", "zcu102:1,f10a-a10gx1150:1"};
    assertEquals(0, BlocksCommandTest.run(concat("generate", common, "--out", dir.resolve("a").toString())).exitCode());
    assertEquals(0, BlocksCommandTest.run(concat("generate", common, "--out", dir.resolve("b").toString())).exitCode());
    List<Path> a = BlocksCommandTest.listTree(dir.resolve("a"));
    assertEquals(a, BlocksCommandTest.listTree(dir.resolve("b")));
    for (Path p : a) {
      assertEquals(-1L, Files.mismatch(dir.resolve("a").resolve(p), dir.resolve("b").resolve(p)), p.toString());
    }
    for (String expected : List.of("plan.json", "source.json", "board0/rtl/filelist.f", "board0/rtl/board0_top.v",
        "board0/vivado.tcl", "board0/constraints/clocks.xdc", "board1/quartus.tcl", "board1/constraints/clocks.sdc",
        "board1/rtl/board1_top.v", "sim/cluster_top.v", "sim/cluster_driver.cpp", "sim/shardwire_channel.h",
        "sim/board0/cluster_top.v", "sim/board0/sources.f", "sim/board1/cluster_driver.cpp",
        "sim/endpoints/feed0/feed0_top.v", "sim/endpoints/sink0/sink0_top.v")) {
      assertTrue(a.contains(Path.of(expected)), expected + " missing from " + a);
    }
    assertTrue(a.stream().anyMatch(p -> p.startsWith("board0/weights") && p.toString().endsWith(".hex")));
    assertTrue(Files.readString(dir.resolve("a/board1/rtl/board1_top.v")).contains("posedge rst"),
        "the Intel board gets asynchronous resets");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--model resnet50 --boards zcu102:1 --ddr-weights off | zcu102",
      "--model resnet8-cifar --boards nosuchboard:2 | nosuchboard",
      "--model shufflenet-tiny --boards zcu102:3 --strategy channel-group | layer stage2.0.gconv2.relu: its 2 groups cannot be shared by 3 boards",
      "--model nosuchnet | nosuchnet",
  })
  void badInputExitsTwoAndWritesNothing(String options, String message) {
    Path dir = TestPaths.freshDir("generate/bad");
    Path out = dir.resolve("out");
    BlocksCommandTest.Outcome o = BlocksCommandTest.run(concat("generate", options.split(" "), "--out", out.toString()));
    assertEquals(2, o.exitCode(), o.err());
    assertTrue(o.err().contains(message), o.err());
    assertFalse(Files.exists(out));
    assertEquals(List.of(), BlocksCommandTest.listTree(dir));
  }

  @Test
  void simulateNamesAFolderThatIsNotACluster() {
    Path dir = TestPaths.freshDir("generate/not-a-cluster");
    BlocksCommandTest.Outcome o = BlocksCommandTest.run("simulate", dir.toString());
    assertEquals(2, o.exitCode(), o.err());
    assertTrue(o.err().contains("is not a generated cluster"), o.err());
  }

  private static String[] concat(String first, String[] middle, String... last) {
    String[] all = new String[1 + middle.length + last.length];
    all[0] = first;
    System.arraycopy(middle, 0, all, 1, middle.length);
    System.arraycopy(last, 0, all, 1 + middle.length, last.length);
    return all;
  }
}

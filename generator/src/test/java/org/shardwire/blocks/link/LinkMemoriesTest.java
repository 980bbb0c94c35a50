package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.HardwareCensus;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.testing.TestPaths;

/**
 * {@link LinkConfig} owns the shapes and styles of the memories the endpoints build
 * ({@code txMemories()}, {@code rxMemories()}): the elaborated netlist holds exactly those.
 */
class LinkMemoriesTest {

  @ParameterizedTest(name = "lanes={0} frame={1} {2}")
  @CsvSource({"1, 32, XILINX", "3, 32, INTEL", "9, 7, XILINX"})
  void theConfigCountsEveryMemoryTheEndpointsBuild(int lanes, int frameWords, Vendor vendor) {
    LinkConfig d = LinkConfig.defaults(lanes, vendor);
    LinkConfig c = new LinkConfig(lanes, frameWords, 256, 16, 128, d.ackTimeoutCycles(), d.flushIdleCycles(),
        d.keepaliveCycles(), d.ramStyle());
    assertEquals(described(c.txMemories()), built("tx", vendor, () -> new LinkTx(c)));
    assertEquals(described(c.rxMemories()), built("rx", vendor, () -> new LinkRx(c)));
  }

  private static List<String> described(List<MemorySpec> specs) {
    return specs.stream().map(m -> m.name() + " " + m.width() + "x" + m.depth() + " " + Optional.of(m.style()))
        .sorted().toList();
  }

  private static List<String> built(String what, Vendor vendor, Supplier<? extends Module> top) {
    HardwareCensus census = new VerilogEmitter(vendor, GeneratorStamp.header("link memories", what))
        .elaborate(top, TestPaths.freshDir("link-memories/" + what)).census();
    return census.memories().stream().map(m -> m.path() + " " + m.width() + "x" + m.depth() + " " + m.style())
        .sorted().toList();
  }
}

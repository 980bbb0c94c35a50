package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.YosysSynthesis;
import org.shardwire.testing.TestPaths;

/**
 * The LUTs and block RAM that {@link LinkConfig} says a default Xilinx link endpoint takes are what
 * yosys 0.23 builds ({@code synth_xilinx -family xcup}; LUT RAM counted as the LUTs it occupies,
 * {@link YosysSynthesis}). Slow profile: a few minutes of yosys. Figures in bench/RESULTS.md.
 */
@Tag("slow")
class LinkYosysSlowTest {

  @Test
  void defaultEndpointsTakeWhatTheConfigSays() {
    LinkConfig c = LinkConfig.defaults(8, Vendor.XILINX);
    YosysSynthesis.Resources tx = synthesise("tx", () -> new LinkTx(c), c);
    YosysSynthesis.Resources rx = synthesise("rx", () -> new LinkRx(c), c);
    System.out.println("link tx (yosys): " + tx.logic() + " LUTs, " + tx.memoryBlocks() + " RAMB36; " + tx.cells());
    System.out.println("link rx (yosys): " + rx.logic() + " LUTs, " + rx.memoryBlocks() + " RAMB36; " + rx.cells());
    assertEquals(c.txLuts(), tx.logic(), 0.15 * c.txLuts(), "transmitter LUTs");
    assertEquals(c.rxLuts(), rx.logic(), 0.15 * c.rxLuts(), "receiver LUTs");
    assertEquals(1.0, tx.memoryBlocks(), 1e-9, "transmitter block RAM: the replay buffer");
    assertEquals(1.0, rx.memoryBlocks(), 1e-9, "receiver block RAM: the FIFO");
  }

  private static YosysSynthesis.Resources synthesise(String what, Supplier<? extends Module> top, LinkConfig c) {
    Path dir = TestPaths.freshDir("link-yosys/" + what);
    EmittedDesign d = new VerilogEmitter(Vendor.XILINX, GeneratorStamp.header("link yosys", c.toString())).emit(top, dir);
    List<String> files = d.verilogFiles().stream().map(f -> f.getFileName().toString()).toList();
    return YosysSynthesis.synthesise(dir, files, d.topModule(), false, 3600);
  }
}

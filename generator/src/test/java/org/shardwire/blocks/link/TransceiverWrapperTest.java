package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * The vendor wrappers are instantiated by name with their parameters, clocked by the board's
 * clk/rst, wired to the endpoints' lanes; a board top using them lints clean against stubs
 * that declare the documented ports.
 */
class TransceiverWrapperTest {

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void boardTopInstantiatesTheWrappersAndLintsAgainstTheDocumentedPorts(Vendor vendor) throws IOException {
    LinkConfig c = LinkConfig.defaults(8, vendor);
    Path dir = TestPaths.freshDir("link-board/" + vendor);
    EmittedDesign d = new VerilogEmitter(vendor, GeneratorStamp.header("link board test", c.toString()))
        .emit(() -> new BoardLinkTop(c, vendor), dir.resolve("rtl"));
    String top = Files.readString(d.verilogFiles().get(d.verilogFiles().size() - 1));
    String module = vendor == Vendor.XILINX ? GthLane.MODULE : A10NativePhyLane.MODULE;
    String rate = vendor == Vendor.XILINX ? "LINE_RATE_GBPS" : "DATA_RATE_GBPS";
    assertTrue(top.contains(module + " #("), top);
    assertTrue(Pattern.compile("\\." + rate + "\\s*\\(\"10.3125\"\\s*\\)").matcher(top).find(), top);
    assertTrue(Pattern.compile("\\.clk\\s*\\(clk\\s*\\)").matcher(top).find(), "wrapper clocked by the board clock");
    assertTrue(Pattern.compile("\\.rst\\s*\\(rst\\s*\\)").matcher(top).find(), "wrapper reset by the board reset");
    assertTrue(Pattern.compile("\\.fabric_tx_data\\s*\\(link_to_next_lane_out_data(\\[63:0\\])?\\s*\\)").matcher(top).find(), top);
    assertTrue(Pattern.compile("\\.lane_in_data\\s*\\(\\w+_fabric_rx_data(\\[63:0\\])?\\s*\\)").matcher(top).find(), top);

    Path stub = dir.resolve(module + ".v");
    try (InputStream in = TransceiverWrapperTest.class.getResourceAsStream("/link/" + module + ".v")) {
      Files.copy(in, stub);
    }
    List<Path> files = new ArrayList<>(d.verilogFiles());
    files.add(0, stub);
    VerilatorBuilder verilator = new VerilatorBuilder(
        BuildContext.detect(TestPaths.verilatorCache(), dir, 1), new TemplateRenderer());
    assertEquals("", verilator.lint(new EmittedDesign(d.topModule(), files, List.of())), "board top lint");
  }

  @Test
  void badRatesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LaneTransceiver.decimal("GTH line rate (Gb/s)", "10.3G"));
    assertTrue(e.getMessage().contains("GTH line rate") && e.getMessage().contains("10.3G"), e.getMessage());
  }
}

package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * {@code generate} with weights streamed from DDR (docs/ddr-weights.md): two layers of
 * resnet8-cifar forced to stream (the conv in weight tiles, the fc once per pixel) share the board's one AXI4 read master through an arbiter; the
 * DDR image holds each layer's weight words where the address map says; the vendor script names
 * the port; the board top is lint -Wall clean (needs Verilator); the cluster harness records the
 * port for the simulated DDR (DdrSimulationFlowTest simulates such a cluster).
 */
class DdrGenerateTest {

  @Test
  void streamedLayersGetAnAxiPortAnImageAndAnAddressMap() throws IOException {
    Path out = TestPaths.freshDir("generate/ddr").resolve("out");
    BlocksCommandTest.Outcome o = BlocksCommandTest.run("generate", "--model", "resnet8-cifar", "--boards", "zcu102:1",
        "--ddr-weights", "fc,layer3.0.conv2.bn", "--out", out.toString());
    assertEquals(0, o.exitCode(), o.err());

    DdrImageFiles.AddressMap map = DdrImageFiles.readMap(out.resolve("board0/ddr/weights.map.json"));
    assertEquals(List.of("layer3.0.conv2.bn", "fc"), map.regions().stream().map(DdrImageFiles.Region::name).toList());
    assertEquals(0x4000_0000L, map.baseAddress());
    byte[] image = Files.readAllBytes(out.resolve("board0/ddr/weights.bin"));
    assertEquals(map.bytes(), image.length);
    for (DdrImageFiles.Region r : map.regions()) {
      assertEquals(0, r.address() % 4096, r.name() + " starts on a 4 KB page");
      assertTrue(r.address() + r.bytes() <= map.baseAddress() + map.bytes());
    }
    // fc: 64 -> 10 int8 weights, one 8-bit word per 16-byte beat at PE 1 x SIMD 1 (the plan's folding)
    DdrImageFiles.Region fc = map.regions().get(1);
    int at = (int) (fc.address() - map.baseAddress());
    byte[] fcWeights = org.shardwire.golden.Quantization.quantize(org.shardwire.model.zoo.ModelZoo.build("resnet8-cifar"),
        org.shardwire.model.zoo.ModelZoo.DEFAULT_SEED).fullyConnected("fc").weights().data();
    byte[] firstWords = new byte[fc.words()];
    for (int i = 0; i < fc.words(); i++) {
      firstWords[i] = image[at + i * fc.beatsPerWord() * map.beatBytes()];
    }
    assertEquals(8, fc.wordBits());
    assertArrayEquals(fcWeights, firstWords, "fc weights in the order the engine reads them, one per beat");

    // The 3x3 conv over an 8x8 map reads its weights once a frame (weight tiles), the 1-pixel fc once per pixel:
    // both engines share the port.
    List<String> modules = Files.readAllLines(out.resolve("board0/rtl/filelist.f"));
    assertTrue(modules.stream().anyMatch(l -> l.contains("conv_k3x3_s1_p1_i8x8x64_o64") && l.contains("_tile_")),
        String.valueOf(modules));
    assertTrue(modules.stream().anyMatch(l -> l.contains("fc_k1x1") && l.endsWith("_ddr.v")), String.valueOf(modules));

    String top = Files.readString(out.resolve("board0/rtl/board0_top.v"));
    for (String s : List.of("m_axi_ddr0_arvalid", "m_axi_ddr0_arready", "m_axi_ddr0_araddr", "m_axi_ddr0_arlen",
        "m_axi_ddr0_rdata", "m_axi_ddr0_rlast", "m_axi_ddr0_rready")) {
      assertTrue(top.contains(s), s);
    }
    assertTrue(top.contains("output wire [1:0]    m_axi_ddr0_arid"), "two engines: one ID bit more for the arbiter");
    String tcl = Files.readString(out.resolve("board0/vivado.tcl"));
    assertTrue(tcl.contains("# m_axi_ddr0_*: AXI4 read master") && tcl.contains("0x40000000"), tcl);
    assertTrue(Files.readString(out.resolve("board0/constraints/clocks.xdc")).contains("m_axi_ddr0_*"));

    // The harness answers the port with a simulated DDR: the record says which board's image and how wide.
    List<org.shardwire.emit.ClusterHarness.DdrPort> ports = org.shardwire.emit.ClusterHarness.read(out.resolve("sim"))
        .ddr();
    assertEquals(List.of(new org.shardwire.emit.ClusterHarness.DdrPort(0, 0, "m_axi_ddr0",
        new org.shardwire.hdl.Axi4ReadShape(40, 128, 2))), ports);

    Path rtl = out.resolve("board0/rtl");
    List<Path> files = Files.readAllLines(rtl.resolve("filelist.f")).stream().filter(l -> l.endsWith(".v"))
        .map(rtl::resolve).toList();
    VerilatorBuilder verilator = new VerilatorBuilder(BuildContext.detect(TestPaths.verilatorCache(), out, 1),
        new TemplateRenderer());
    assertEquals("", verilator.lint(new EmittedDesign("board0_top", files, List.of())));
  }
}

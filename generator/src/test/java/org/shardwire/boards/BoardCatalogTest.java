package org.shardwire.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.hdl.Vendor;

/** The shipped catalog holds the vendors' figures, and bad board files and --boards lists are refused clearly. */
class BoardCatalogTest {
  private final BoardCatalog catalog = BoardCatalog.builtIn();

  @Test
  void catalogListsTheThreeBoardsInOrder() {
    assertEquals(List.of("mkubos-zu19eg", "zcu102", "f10a-a10gx1150"), catalog.ids());
  }

  @Test
  void mkubosNodeIsAnXczu19eg() {
    Board b = catalog.board("mkubos-zu19eg");
    assertEquals(Vendor.XILINX, b.vendor());
    assertTrue(b.part().startsWith("xczu19eg"), b.part());
    assertEquals(1968, b.multipliers());
    assertEquals("DSP48E2", b.multiplierUnit());
    assertEquals(984, b.memoryBlocks(MemoryKind.RAMB36));
    assertEquals(128, b.memoryBlocks(MemoryKind.URAM288));
    assertEquals(522720, b.logic());
    assertEquals("GTH", b.link().transceiver());
    assertEquals(List.of(MemoryKind.RAMB36, MemoryKind.URAM288), b.memoryKinds());
  }

  @Test
  void zcu102IsAnXczu9egWithoutUltraRam() {
    Board b = catalog.board("zcu102");
    assertEquals(Vendor.XILINX, b.vendor());
    assertTrue(b.part().startsWith("xczu9eg"), b.part());
    assertEquals(2520, b.multipliers());
    assertEquals(912, b.memoryBlocks(MemoryKind.RAMB36));
    assertEquals(0, b.memoryBlocks(MemoryKind.URAM288));
    assertEquals(List.of(MemoryKind.RAMB36), b.memoryKinds());
    assertEquals(274080, b.logic());
    assertEquals(156.25, b.link().refClockMhz());
  }

  @Test
  void zcu102ReadsItsPsAndPlDdr4() {
    List<DdrBank> ddr = catalog.board("zcu102").ddr();
    assertEquals(2, ddr.size());
    DdrBank ps = ddr.get(0);
    assertEquals(64, ps.widthBits());
    assertEquals(2133, ps.dataRateMtps());
    assertEquals(17.064e9, ps.peakBytesPerSecond(), 1e6);
    // 12.8 GB/s usable, but one 128-bit port at 200 MHz carries 16 bytes a cycle.
    assertEquals(16.0, ps.usableBytesPerCycle(200), 1e-9);
    DdrBank pl = ddr.get(1);
    assertEquals(16, pl.widthBits());
    assertEquals(2400, pl.dataRateMtps());
    assertEquals(512, pl.sizeMiB());
    assertEquals(4.08e9, pl.usableBytesPerSecond(), 1e3);
    assertEquals(16.0, pl.usableBytesPerCycle(200), 1e-9);  // its 128-bit port is the narrower path too
  }

  @Test
  void everyCatalogBoardHasDdrTheFabricCanRead() {
    for (String id : catalog.ids()) {
      assertTrue(!catalog.board(id).ddr().isEmpty(), id);
    }
  }

  @Test
  void f10aIsAnArria10Gx1150CountedIn18x19Multipliers() {
    Board b = catalog.board("f10a-a10gx1150");
    assertEquals(Vendor.INTEL, b.vendor());
    assertEquals(3036, b.multipliers(), "1518 DSP blocks = 3036 18x19 multipliers");
    assertEquals("18x19", b.multiplierUnit());
    assertEquals(2713, b.memoryBlocks(MemoryKind.M20K));
    assertEquals("ALM", b.logicUnit());
    assertEquals(427200, b.logic());
  }

  @Test
  void lanePayloadIs64Of66OfTheLineRate() {
    LinkPort p = catalog.board("zcu102").link();
    assertEquals(10.3125, p.lineRateGbps());
    assertEquals(10.0, p.lanePayloadGbps(), 1e-12);
  }

  @Test
  void mixedListKeepsPipelineOrder() {
    BoardList l = BoardList.parse(" zcu102:2, f10a-a10gx1150:1,mkubos-zu19eg ", catalog);
    assertEquals(4, l.size());
    assertEquals(List.of("zcu102", "zcu102", "f10a-a10gx1150", "mkubos-zu19eg"),
        l.boards().stream().map(Board::id).toList());
    assertEquals("zcu102:2,f10a-a10gx1150:1,mkubos-zu19eg:1", l.spec());
    assertEquals(200.0, l.defaultClockMhz());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zcu104:2", "ZCU102:1", "zcu102:1,,zcu102:1", "", " "})
  void unknownOrEmptyItemsNameTheAllowedIds(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardList.parse(text, catalog));
    assertTrue(e.getMessage().contains("mkubos-zu19eg, zcu102, f10a-a10gx1150"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zcu102:0", "zcu102:-1", "zcu102:x", "zcu102:2:3", "zcu102:65", "zcu102:40,zcu102:40"})
  void badCountsAreRefused(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardList.parse(text, catalog));
    assertTrue(e.getMessage().startsWith("--boards"), e.getMessage());
  }

  @Test
  void boardFileWithUnknownKeyIsRefusedNamingFileAndKey() throws IOException {
    Properties p = zcu102Properties();
    p.setProperty("multipliers.extra", "3");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", p));
    assertTrue(e.getMessage().contains("x.properties") && e.getMessage().contains("multipliers.extra"), e.getMessage());
  }

  @Test
  void boardFileWithMissingOrBadKeyIsRefused() throws IOException {
    Properties p = zcu102Properties();
    p.remove("memory.URAM288");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", p));
    assertTrue(e.getMessage().contains("memory.URAM288") && e.getMessage().contains("missing"), e.getMessage());
    Properties q = zcu102Properties();
    q.setProperty("link.encoding", "8b/10b");
    e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", q));
    assertTrue(e.getMessage().contains("64b/66b"), e.getMessage());
    Properties r = zcu102Properties();
    r.setProperty("logic.unit", "ALM");
    e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", r));
    assertTrue(e.getMessage().contains("logic.unit must be LUT"), e.getMessage());
  }

  @Test
  void badDdrBankIsRefusedNamingFileAndKey() throws IOException {
    Properties p = zcu102Properties();
    p.setProperty("ddr.1.kind", "HBM2");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", p));
    assertTrue(e.getMessage().contains("x.properties") && e.getMessage().contains("ddr.1.kind"), e.getMessage());
    Properties q = zcu102Properties();
    q.setProperty("ddr.0.usable_fraction", "1.5");
    e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", q));
    assertTrue(e.getMessage().contains("x.properties") && e.getMessage().contains("usable fraction"), e.getMessage());
    Properties r = zcu102Properties();
    r.setProperty("ddr.banks", "1");  // bank 1's keys are now strays
    e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("x.properties", r));
    assertTrue(e.getMessage().contains("ddr.1.name"), e.getMessage());
  }

  private static Properties zcu102Properties() throws IOException {
    Properties p = new Properties();
    try (var in = BoardCatalog.class.getResourceAsStream(BoardCatalog.ROOT + "zcu102.properties")) {
      p.load(new StringReader(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    }
    assertEquals("zcu102", BoardCatalog.parse("zcu102.properties", p).id());
    return p;
  }
}

package org.shardwire.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.testing.HeadlessChromium;
import org.shardwire.testing.TestPaths;

/**
 * report.html of the default cluster in a real browser: it loads offline with no console message,
 * has every section with its charts, and after {@code simulate} shows the measured figures.
 */
class ReportPageChromiumTest {
  private static final List<String> SECTIONS = List.of("plan", "balance", "resources", "links", "ddr", "simulation");

  @Test
  void theDefaultClusterReportLoadsWithEverySection() throws Exception {
    Path root = TestPaths.freshDir("report/chromium");
    Path dir = root.resolve("out");
    assertEquals(0, Main.run("generate", "--out", dir.toString()));
    Path html = dir.resolve(ReportPage.FILE);
    String text = Files.readString(html);
    for (String fetch : List.of("<script", "<link", "src=", "url(http", "href='http", "href=\"http", "@import")) {
      assertFalse(text.contains(fetch), "self-contained: no script, nothing fetched (" + fetch + ")");
    }

    HeadlessChromium.Page page = HeadlessChromium.load(html, root.resolve("before"), 1100, 2400);
    assertEquals(List.of(), page.console(), "console messages");
    for (String id : SECTIONS) {
      assertTrue(section(page.dom(), id).contains("<h2>"), "section " + id);
    }
    assertEquals(2, count(section(page.dom(), "balance"), "<svg"), "one balance chart per board");
    long ii = PlanFile.read(dir.resolve("plan.json")).cyclesPerFrame();
    assertTrue(section(page.dom(), "balance").contains("pipeline II " + ii), "the II line is labelled");
    assertTrue(section(page.dom(), "resources").contains("<svg"));
    assertTrue(section(page.dom(), "resources").contains("DSP48E2"));
    assertTrue(section(page.dom(), "links").contains("16,384"), "link 0 carries 16,384 bytes per frame");
    assertTrue(section(page.dom(), "plan").contains("conv1.relu"));
    assertTrue(section(page.dom(), "simulation").contains("Not simulated yet"));
    assertScreenshot(page.screenshot(), 1100, 2400);

    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", "2", "--build-cache",
        TestPaths.verilatorCache().toString()));
    page = HeadlessChromium.load(html, root.resolve("after"), 1100, 2400);
    assertEquals(List.of(), page.console(), "console messages");
    String sim = section(page.dom(), "simulation");
    assertTrue(sim.contains("bit-exact"), sim);
    SimFile run = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(sim.contains(run.cyclesPerFrame().toPlainString() + " measured, "
        + String.format(java.util.Locale.ROOT, "%,d", ii) + " estimated"), sim);
    assertEquals(1, count(sim, "<svg"), "measured vs estimated chart");
    assertTrue(sim.contains("CRC errors"), "link counters");

    // A run cut short is not bit-exact: exit 3 (not 1, which is an internal error), and the report says so.
    assertEquals(3, Main.run("simulate", dir.toString(), "--frames", "2", "--max-cycles", "1000", "--build-cache",
        TestPaths.verilatorCache().toString()));
    SimFile cut = SimFile.read(dir.resolve(SimFile.FILE));
    assertFalse(cut.bitExact());
    assertTrue(cut.timedOut());
    assertTrue(Files.readString(html).contains("NOT bit-exact"));
  }

  @Test
  void aConsoleErrorIsSeen() throws Exception {
    Path root = TestPaths.freshDir("report/chromium-bad");
    Path bad = root.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>console.error('broken chart')</script>"
        + "</body></html>");
    HeadlessChromium.Page page = HeadlessChromium.load(bad, root.resolve("run"), 400, 300);
    assertEquals(1, page.console().size(), String.valueOf(page.console()));
    assertTrue(page.console().get(0).contains("broken chart"));
  }

  /** The serialised {@code <section id="...">} element. */
  private static String section(String dom, String id) {
    Matcher m = Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "no section " + id);
    return m.group(1);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** The page was painted: the right size, and not one flat colour. */
  private static void assertScreenshot(Path png, int width, int height) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(width, img.getWidth());
    assertEquals(height, img.getHeight());
    long distinct = java.util.stream.IntStream.range(0, 200).map(i -> img.getRGB(img.getWidth() / 2,
        i * (img.getHeight() - 1) / 199)).distinct().count();
    assertTrue(distinct > 2, "the screenshot is blank");
  }
}

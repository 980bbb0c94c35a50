package org.shardwire.boards;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.shardwire.hdl.Vendor;

/**
 * The boards Shardwire knows, read from the classpath: {@code constraints/boards/catalog.txt}
 * lists the ids (one a line, {@code #} comments), and each id has {@code <id>.properties} with
 * exactly these keys (unknown or missing keys are errors naming the file):
 * <pre>
 * id, name, vendor (xilinx|intel), part, multiplier.unit, multipliers,
 * memory.KIND for each block kind of the vendor (RAMB36, URAM288 | M20K), logic.unit (LUT|ALM), logic,
 * transceiver.kind, transceiver.lanes (lanes wired for board-to-board links), link.lanes (per neighbour),
 * link.line_rate_gbps, link.encoding (64b/66b), link.refclk_mhz, clock_mhz (default fabric clock),
 * ddr.banks (DRAM banks the fabric reads, 0 or more), and for each bank i in 0..ddr.banks-1:
 * ddr.i.name, ddr.i.kind (DDR3|DDR4), ddr.i.width_bits (data pins, no ECC), ddr.i.data_rate_mtps,
 * ddr.i.usable_fraction (share of the peak a sequential read gets), ddr.i.size_mib,
 * ddr.i.axi_data_bits (the fabric's AXI4 port to it)
 * </pre>
 */
public final class BoardCatalog {
  static final String ROOT = "/constraints/boards/";

  private final Map<String, Board> boards;

  private BoardCatalog(Map<String, Board> boards) {
    this.boards = Collections.unmodifiableMap(boards);
  }

  /** The catalog shipped with the generator. */
  public static BoardCatalog builtIn() {
    Map<String, Board> m = new LinkedHashMap<>();
    for (String id : readIds()) {
      String file = ROOT + id + ".properties";
      Board b = parse(file, load(file));
      if (!b.id().equals(id)) {
        throw new IllegalStateException(file + ": id=" + b.id() + " does not match the file name");
      }
      m.put(id, b);
    }
    return new BoardCatalog(m);
  }

  /** Every id, in catalog order. */
  public List<String> ids() {
    return new ArrayList<>(boards.keySet());
  }

  /** The board with this id; an unknown id throws IllegalArgumentException listing the allowed ids. */
  public Board board(String id) {
    Board b = boards.get(id);
    if (b == null) {
      throw new IllegalArgumentException("unknown board '" + id + "'; allowed: " + String.join(", ", ids()));
    }
    return b;
  }

  private static List<String> readIds() {
    List<String> ids = new ArrayList<>();
    try (InputStream in = open(ROOT + "catalog.txt");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          ids.add(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the board catalog " + ROOT + "catalog.txt", e);
    }
    return ids;
  }

  private static Properties load(String file) {
    Properties p = new Properties();
    try (InputStream in = open(file)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read board file " + file, e);
    }
    return p;
  }

  private static InputStream open(String resource) {
    InputStream in = BoardCatalog.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("board data " + resource + " is missing from the classpath");
    }
    return in;
  }

  /** Parses one board file's properties; {@code file} names it in error messages. */
  static Board parse(String file, Properties p) {
    Fields f = new Fields(file, p);
    Vendor vendor = f.vendor("vendor");
    Map<MemoryKind, Integer> memory = new EnumMap<>(MemoryKind.class);
    for (MemoryKind k : MemoryKind.values()) {
      if (k.vendor() == vendor) {
        memory.put(k, f.integer("memory." + k.name()));
      }
    }
    String logicUnit = f.text("logic.unit");
    String expectedUnit = vendor == Vendor.XILINX ? "LUT" : "ALM";
    if (!logicUnit.equals(expectedUnit)) {
      throw new IllegalArgumentException(file + ": logic.unit must be " + expectedUnit + " for a " + vendor
          + " part, got '" + logicUnit + "'");
    }
    try {
      LinkPort link = new LinkPort(f.text("transceiver.kind"), f.integer("transceiver.lanes"),
          f.integer("link.lanes"), f.number("link.line_rate_gbps"), f.text("link.encoding"),
          f.number("link.refclk_mhz"));
      Board b = new Board(f.text("id"), f.text("name"), vendor, f.text("part"), f.text("multiplier.unit"),
          f.integer("multipliers"), memory, logicUnit, f.integer("logic"), link, f.number("clock_mhz"), ddr(f));
      f.rejectUnread();
      return b;
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(file)) {
        throw e;
      }
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<DdrBank> ddr(Fields f) {
    int banks = f.integer("ddr.banks");
    if (banks < 0 || banks > 8) {
      throw new IllegalArgumentException(f.file + ": ddr.banks must be in 0..8, got " + banks);
    }
    List<DdrBank> list = new ArrayList<>();
    for (int i = 0; i < banks; i++) {
      String k = "ddr." + i + ".";
      String kind = f.text(k + "kind");
      if (!kind.equals("DDR3") && !kind.equals("DDR4")) {
        throw new IllegalArgumentException(f.file + ": " + k + "kind must be DDR3 or DDR4, got '" + kind + "'");
      }
      list.add(new DdrBank(f.text(k + "name"), kind, f.integer(k + "width_bits"), f.integer(k + "data_rate_mtps"),
          f.number(k + "usable_fraction"), f.integer(k + "size_mib"), f.integer(k + "axi_data_bits")));
    }
    return list;
  }

  /** Reads keys and remembers which were read, so stray keys (typos) are reported. */
  private static final class Fields {
    private final String file;
    private final Properties p;
    private final Set<String> read = new TreeSet<>();

    Fields(String file, Properties p) {
      this.file = file;
      this.p = p;
    }

    String text(String key) {
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(file + ": key '" + key + "' is missing");
      }
      read.add(key);
      return v.strip();
    }

    int integer(String key) {
      String v = text(key);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": " + key + " must be a whole number, got '" + v + "'");
      }
    }

    double number(String key) {
      String v = text(key);
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": " + key + " must be a number, got '" + v + "'");
      }
    }

    Vendor vendor(String key) {
      String v = text(key);
      switch (v.toLowerCase(Locale.ROOT)) {
        case "xilinx":
          return Vendor.XILINX;
        case "intel":
          return Vendor.INTEL;
        default:
          throw new IllegalArgumentException(file + ": vendor must be xilinx or intel, got '" + v + "'");
      }
    }

    void rejectUnread() {
      Set<String> stray = new TreeSet<>(p.stringPropertyNames());
      stray.removeAll(read);
      if (!stray.isEmpty()) {
        throw new IllegalArgumentException(file + ": unknown key(s) " + stray + "; allowed keys are listed in "
            + "BoardCatalog's documentation");
      }
    }
  }
}

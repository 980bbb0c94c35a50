package org.shardwire.hdl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import spinal.core.SpinalConfig;

/**
 * Elaborates a {@link Module} with SpinalHDL and writes its Verilog, one file per module. The
 * top gets ports {@code clk} and {@code rst}; the vendor decides the reset style. SpinalHDL's
 * console chatter is kept out of the user's terminal and shown only when elaboration fails.
 */
public final class VerilogEmitter {
  private final Vendor vendor;
  private final String header;
  private final String modulePrefix;

  /** @param header comment text stamped at the top of every file (generator version, config hash). */
  public VerilogEmitter(Vendor vendor, String header) {
    this(vendor, header, "");
  }

  /**
   * @param modulePrefix prepended to every module name (e.g. {@code board1_}), so that designs
   *     elaborated separately can be compiled together without two different modules sharing a name
   */
  public VerilogEmitter(Vendor vendor, String header, String modulePrefix) {
    if (!modulePrefix.matches("([a-z][a-z0-9_]*)?")) {
      throw new IllegalArgumentException("module prefix must be a lower-case Verilog identifier prefix, got '"
          + modulePrefix + "'");
    }
    this.vendor = vendor;
    this.header = header;
    this.modulePrefix = modulePrefix;
  }

  public EmittedDesign emit(Supplier<? extends Module> top, Path outDir) {
    return elaborate(top, outDir).design();
  }

  /** A design's Verilog and what its netlist contains (memories, multipliers), read after elaboration. */
  public record Elaborated(EmittedDesign design, HardwareCensus census) {}

  /** Like {@link #emit}, and also takes the {@link HardwareCensus} of the elaborated netlist. */
  public Elaborated elaborate(Supplier<? extends Module> top, Path outDir) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new HdlException("cannot create output folder " + outDir + ": " + e.getMessage(), e);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", spinal.core.Verilog$.MODULE$);
    settings.put("targetDirectory", outDir.toString());
    settings.put("oneFilePerComponent", true);
    settings.put("defaultConfigForClockDomains", vendor.clockDomainConfig());
    settings.put("headerWithDate", false);
    settings.put("headerWithRepoHash", false);
    settings.put("rtlHeader", header);
    settings.put("genLineComments", false);
    settings.put("withTimescale", false);
    settings.put("printFilelist", false);
    if (!modulePrefix.isEmpty()) {
      settings.put("globalPrefix", modulePrefix);
    }
    SpinalConfig config = SpinalSettings.with(settings);

    String topName;
    List<String> moduleOrder;
    List<EmittedDesign.Port> ports;
    List<String> statusPorts;
    HardwareCensus census;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    synchronized (VerilogEmitter.class) { // System.out is process-wide
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      try {
        spinal.core.SpinalReport<Module> report = config.generateVerilog(() -> {
          Module m = top.get();
          m.postInitCallback();
          renameTopReset(m);
          return m;
        });
        topName = report.toplevelName();
        moduleOrder = childrenFirst(report.toplevel());
        ports = portsOf(report.toplevel());
        statusPorts = report.toplevel().status().portNames();
        census = HardwareCensus.of(report.toplevel());
      } catch (Throwable t) {
        throw new HdlException(describeFailure(console.toString(StandardCharsets.UTF_8), t), t);
      } finally {
        System.setOut(originalOut);
      }
    }
    return new Elaborated(collect(topName, moduleOrder, ports, statusPorts, outDir), census);
  }

  private static List<EmittedDesign.Port> portsOf(spinal.core.Component top) {
    List<EmittedDesign.Port> ports = new ArrayList<>();
    for (spinal.core.BaseType io : scala.jdk.javaapi.CollectionConverters.asJava(top.ioSet())) {
      ports.add(new EmittedDesign.Port(io.getName(), io.isInput(), io.getBitsWidth()));
    }
    return ports;
  }

  /** Module names in a valid compile order: every module after the modules it instantiates. */
  private static List<String> childrenFirst(spinal.core.Component top) {
    java.util.LinkedHashSet<String> order = new java.util.LinkedHashSet<>();
    visit(top, order);
    return new ArrayList<>(order);
  }

  private static void visit(spinal.core.Component c, java.util.Set<String> order) {
    for (spinal.core.Component child : scala.jdk.javaapi.CollectionConverters.asJava(c.children())) {
      visit(child, order);
    }
    if (!(c instanceof spinal.core.BlackBox)) {
      order.add(c.definitionName());
    }
  }

  /** SpinalHDL names the default reset "reset"; the project convention is "rst". */
  private static void renameTopReset(Module top) {
    spinal.core.ClockDomain cd = top.clockDomain().get();
    if (cd.reset() != null) {
      cd.reset().setName("rst", false);
    }
  }

  private static EmittedDesign collect(String topName, List<String> moduleOrder, List<EmittedDesign.Port> ports,
      List<String> statusPorts, Path outDir) {
    List<Path> verilog = new ArrayList<>();
    for (String module : moduleOrder) {
      Path file = outDir.resolve(module + ".v");
      if (!Files.isRegularFile(file)) {
        throw new HdlException("SpinalHDL did not write " + file + " for module " + module);
      }
      LibraryLintWaivers.apply(file);
      verilog.add(file);
    }
    // Memory init files of this design are named after its top file.
    try (Stream<Path> files = Files.list(outDir)) {
      List<Path> init = files.filter(p -> p.getFileName().toString().startsWith(topName + ".v_")
          && p.getFileName().toString().endsWith(".bin")).sorted().collect(Collectors.toList());
      return new EmittedDesign(topName, verilog, init, ports, statusPorts);
    } catch (IOException e) {
      throw new HdlException("cannot list " + outDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps the lines of SpinalHDL's report that say what is wrong and where (the Java file and
   * line of the user's statement), dropping banners and the facade's own stack frames.
   */
  private static final java.util.regex.Pattern BARE_FRAME =
      java.util.regex.Pattern.compile("[\\w.$<>]+\\([\\w.$]*(:\\d+)?\\)");

  static String describeFailure(String console, Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof HdlException) {
      return root.getMessage();
    }
    List<String> useful = new ArrayList<>();
    String report = console + "\n" + (root.getMessage() == null ? "" : root.getMessage());
    for (String line : report.split("\n")) {
      String l = line.strip().replace("[error] ", "");
      boolean noise = l.isEmpty() || l.startsWith("*****") || l.startsWith("[Runtime]") || l.startsWith("[Progress]")
          || l.startsWith("[Warning]") || l.startsWith("Design's errors") || l.startsWith("SpinalHDL compiler exit")
          || l.startsWith("Error detected in phase") || l.startsWith("at org.shardwire.hdl.")
          || l.startsWith("at spinal.") || l.startsWith("at scala.") || l.startsWith("at java.")
          || l.startsWith("at jdk.") || l.startsWith("Spinal will restart")
          || BARE_FRAME.matcher(l).matches(); // the first, untraced attempt's stack dump
      if (!noise && !useful.contains(l)) {
        useful.add(l);
      }
    }
    if (useful.isEmpty()) {
      return "hardware elaboration failed (SpinalHDL): " + root;
    }
    return "hardware elaboration failed (SpinalHDL):\n  " + String.join("\n  ", useful);
  }
}

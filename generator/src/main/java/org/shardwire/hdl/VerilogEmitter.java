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

  /** @param header comment text stamped at the top of every file (generator version, config hash). */
  public VerilogEmitter(Vendor vendor, String header) {
    this.vendor = vendor;
    this.header = header;
  }

  public EmittedDesign emit(Supplier<? extends Module> top, Path outDir) {
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
    SpinalConfig config = SpinalSettings.with(settings);

    String topName;
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
      } catch (Throwable t) {
        throw new HdlException(describeFailure(console.toString(StandardCharsets.UTF_8), t), t);
      } finally {
        System.setOut(originalOut);
      }
    }
    return collect(topName, outDir);
  }

  /** SpinalHDL names the default reset "reset"; the project convention is "rst". */
  private static void renameTopReset(Module top) {
    spinal.core.ClockDomain cd = top.clockDomain().get();
    if (cd.reset() != null) {
      cd.reset().setName("rst", false);
    }
  }

  private static EmittedDesign collect(String topName, Path outDir) {
    try (Stream<Path> files = Files.list(outDir)) {
      List<Path> all = files.sorted().collect(Collectors.toList());
      List<Path> verilog = new ArrayList<>();
      List<Path> init = new ArrayList<>();
      Path topFile = outDir.resolve(topName + ".v");
      for (Path p : all) {
        String n = p.getFileName().toString();
        if (n.endsWith(".v") && !p.equals(topFile)) {
          verilog.add(p);
        } else if (n.endsWith(".bin")) {
          init.add(p);
        }
      }
      verilog.add(topFile);
      return new EmittedDesign(topName, verilog, init);
    } catch (IOException e) {
      throw new HdlException("cannot list " + outDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps the lines of SpinalHDL's report that say what is wrong and where (they carry the Java
   * file and line we passed as source locations).
   */
  static String describeFailure(String console, Throwable t) {
    List<String> useful = new ArrayList<>();
    boolean inError = false;
    for (String line : console.split("\n")) {
      String l = line.strip();
      if (l.startsWith("[error]") || l.contains("ERROR") || l.contains("MISMATCH") || l.contains("LATCH")
          || l.contains("LOOP") || l.contains("HIERARCHY") || l.contains("NO DRIVER") || l.contains("ASSIGNMENT OVERLAP")) {
        inError = true;
      }
      boolean internalFrame = l.startsWith("at org.shardwire.hdl.") || l.startsWith("at spinal.")
          || l.startsWith("at scala.") || l.startsWith("at java.") || l.startsWith("at jdk.");
      if (inError && !l.isEmpty() && !internalFrame && !l.startsWith("*****") && !l.startsWith("[Runtime]")
          && !l.startsWith("[Progress]") && !l.startsWith("Design's errors") && !l.startsWith("SpinalHDL compiler exit")) {
        useful.add(l.replace("[error] ", ""));
      }
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof HdlException) {
      return root.getMessage();
    }
    String head = "hardware elaboration failed (SpinalHDL)";
    if (useful.isEmpty()) {
      return head + ": " + root;
    }
    return head + ":\n  " + String.join("\n  ", useful);
  }
}

package org.shardwire.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthesises emitted Verilog with yosys 0.23 and counts what it built in the planner's units:
 * {@code synth_xilinx -family xcup} for Xilinx, {@code synth_intel_alm -family cyclone10gx} as the
 * stand-in for Intel's Arria 10 (yosys has no Arria 10 flow). The check that the planner's
 * multiplier, memory-block and LUT/ALM estimates describe what gets built.
 *
 * <ul>
 *   <li>Xilinx LUTs ("CLB LUTs" as Vivado counts them): LUT1..LUT6 one each, LUT RAM by the LUTs
 *       it occupies (RAM32M/RAM64M 4, RAM32M16/RAM64M8 8, RAM32X1D/RAM64X1D 2, RAM128X1D 4,
 *       RAM256X1D 8, RAMnX1S one per 64 bits), SRL16E/SRLC32E one each. Block RAM in RAMB36:
 *       RAMB36E2 1, RAMB18E2 0.5. Multipliers: DSP48E2.</li>
 *   <li>Intel ALMs (yosys reports ALUTs, not ALMs): a 6-input ALUT fills an ALM, two smaller ALUTs
 *       share one, two adder bits share one, and a 32 x 1 MLAB slice is half an ALM (20 slices
 *       make one 10-ALM MLAB). Block RAM: M20K. Multipliers in 18x19 units: MUL18X18 and MUL9X9
 *       one, MUL27X27 two. yosys 0.23's M20K map cannot take initial contents ("Can't find object
 *       for defparam INIT"), so the flow stops after {@code memory_bram} has chosen the M20K cells
 *       and continues without expanding them: they are counted, not mapped. Memories marked
 *       {@code ramstyle = "MLAB"} go to MLAB slices the same way (see {@link #MLAB_RULES}).</li>
 * </ul>
 */
public final class YosysSynthesis {
  /**
   * yosys 0.23's own MLAB rule ({@code +/intel_alm/common/lutram_mlab.txt}) with initial contents
   * allowed, mapping to a cell of our own name. Its rule refuses initial contents ("re-enable when
   * Yosys remembers the original filename", a Quartus netlist concern), so every ROM the plan puts
   * in MLAB went to M20K, and its MISTRAL_MLAB cell cannot take an INIT either; we only count the
   * cells, so a name yosys does not elaborate does the job. The M20K map runs first on every memory
   * not marked {@code ramstyle = "MLAB"}: each memory lands where the plan placed it.
   */
  private static final String MLAB_CELL = "__SHARDWIRE_MLAB";
  private static final String MLAB_RULES_FILE = "yosys-mlab-rules.txt";
  private static final String MLAB_RULES = """
      bram %1$s
          init   1
          abits  5
          dbits  1
          groups 2
          ports  1 1
          wrmode 1 0
          enable 1 0
          transp 0 0
          clocks 1 0
          clkpol 1 1
      endbram

      match %1$s
          min efficiency 5
          make_outreg
      endmatch
      """.formatted(MLAB_CELL);

  private YosysSynthesis() {}

  /** What yosys built, in the planner's units, and the raw cell counts. */
  public record Resources(Map<String, Long> cells, double multipliers, double memoryBlocks, double logic) {}

  /**
   * Synthesises {@code files} (run in {@code dir}, where memory images are read from) with
   * {@code top} as the top module; writes the script, log and statistics into {@code dir}.
   */
  public static Resources synthesise(Path dir, List<String> files, String top, boolean intel, long timeoutSeconds) {
    Path yosys = BuildContext.findOnPath("yosys");
    String flow = intel
        ? "synth_intel_alm -family cyclone10gx -noiopad -top " + top + " -run begin:map_bram\n"
            + "memory_bram -rules +/intel_alm/common/bram_m20k.txt t:$mem_v2 a:ramstyle=MLAB %d\n"
            + "memory_bram -rules " + MLAB_RULES_FILE + "\n"
            + "synth_intel_alm -family cyclone10gx -noiopad -top " + top + " -run map_lutram:check\n"
        : "synth_xilinx -family xcup -top " + top + "\n";
    Path script = dir.resolve("yosys-" + top + ".ys");
    Path stat = dir.resolve("yosys-" + top + ".stat");
    try {
      if (intel) {
        Files.writeString(dir.resolve(MLAB_RULES_FILE), MLAB_RULES);
      }
      Files.writeString(script, "read_verilog -sv " + String.join(" ", files) + "\n" + flow
          + "tee -q -o " + stat.getFileName() + " stat\n");
      ProcessRunner.Output out = ProcessRunner.run(List.of(yosys.toString(), "-q", "-l", "yosys-" + top + ".log",
          "-s", script.getFileName().toString()), dir, timeoutSeconds);
      if (out.exitCode() != 0) {
        throw new SimulationException("yosys failed on " + top + " in " + dir + " (exit " + out.exitCode() + "):\n"
            + ProcessRunner.tail(out.text()));
      }
      return count(totals(Files.readAllLines(stat)), intel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cell counts of the whole design: the "design hierarchy" totals if there are several modules, else the one. */
  static Map<String, Long> totals(List<String> statLines) {
    int from = 0;
    for (int i = 0; i < statLines.size(); i++) {
      if (statLines.get(i).contains("=== design hierarchy ===")) {
        from = i;
      }
    }
    Map<String, Long> cells = new TreeMap<>();
    boolean inCells = false;
    for (String line : statLines.subList(from, statLines.size())) {
      String t = line.trim();
      if (t.startsWith("Number of cells:")) {
        inCells = true;
        cells.clear();
        continue;
      }
      String[] parts = t.split("\\s+");
      if (inCells && parts.length == 2 && parts[1].matches("\\d+")) {
        cells.put(parts[0], Long.parseLong(parts[1]));
      } else if (inCells && !t.isEmpty()) {
        inCells = false;
      }
    }
    return cells;
  }

  static Resources count(Map<String, Long> c, boolean intel) {
    if (intel) {
      double alms = n(c, "MISTRAL_ALUT6")
          + (n(c, "MISTRAL_ALUT5") + n(c, "MISTRAL_ALUT4") + n(c, "MISTRAL_ALUT3") + n(c, "MISTRAL_ALUT2")
              + n(c, "MISTRAL_NOT")) / 2.0
          + n(c, "MISTRAL_ALUT_ARITH") / 2.0 + (n(c, "MISTRAL_MLAB") + n(c, MLAB_CELL)) / 2.0;
      double dsp = n(c, "MISTRAL_MUL18X18") + n(c, "MISTRAL_MUL9X9") + 2.0 * n(c, "MISTRAL_MUL27X27");
      return new Resources(c, dsp, n(c, "__MISTRAL_M20K_SDP") + n(c, "MISTRAL_M20K"), Math.ceil(alms));
    }
    double luts = 0;
    for (int k = 1; k <= 6; k++) {
      luts += n(c, "LUT" + k);
    }
    luts += 4 * (n(c, "RAM32M") + n(c, "RAM64M")) + 8 * (n(c, "RAM32M16") + n(c, "RAM64M8"))
        + 2 * (n(c, "RAM32X1D") + n(c, "RAM64X1D")) + 4 * n(c, "RAM128X1D") + 8 * n(c, "RAM256X1D")
        + n(c, "RAM32X1S") + n(c, "RAM64X1S") + 2 * n(c, "RAM128X1S") + 4 * n(c, "RAM256X1S")
        + 8 * n(c, "RAM512X1S") + n(c, "SRL16E") + n(c, "SRLC32E");
    return new Resources(c, n(c, "DSP48E2"), n(c, "RAMB36E2") + 0.5 * n(c, "RAMB18E2"), luts);
  }

  private static long n(Map<String, Long> c, String cell) {
    return c.getOrDefault(cell, 0L);
  }
}

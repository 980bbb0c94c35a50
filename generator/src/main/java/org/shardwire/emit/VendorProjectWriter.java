package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shardwire.hdl.Vendor;
import org.shardwire.templates.TemplateRenderer;

/**
 * Writes a board folder's vendor project script and timing constraints: {@code vivado.tcl} +
 * {@code constraints/clocks.xdc} for Xilinx, {@code quartus.tcl} + {@code constraints/clocks.sdc}
 * for Intel. The scripts add exactly the files the board folder holds, in compile order.
 */
public final class VendorProjectWriter {
  private final TemplateRenderer templates;

  public VendorProjectWriter(TemplateRenderer templates) {
    this.templates = templates;
  }

  /** What the project needs to know about the board and its RTL. */
  public record BoardProject(int boardIndex, String boardId, Vendor vendor, String part, String family, String top,
      List<String> verilogFiles, List<String> memoryFiles, double clockMhz, String stamp, List<String> ddrNotes) {
    /** A board whose weights are all on chip. */
    public BoardProject(int boardIndex, String boardId, Vendor vendor, String part, String family, String top,
        List<String> verilogFiles, List<String> memoryFiles, double clockMhz, String stamp) {
      this(boardIndex, boardId, vendor, part, family, top, verilogFiles, memoryFiles, clockMhz, stamp, List.of());
    }

    public BoardProject {
      verilogFiles = List.copyOf(verilogFiles);
      memoryFiles = List.copyOf(memoryFiles);
      ddrNotes = List.copyOf(ddrNotes);
      if (!(clockMhz > 0)) {
        throw new IllegalArgumentException("clock must be positive, got " + clockMhz + " MHz");
      }
    }
  }

  /** Template view of the project script ({@code ddrNotes}: comment lines on the DDR port, none without one). */
  public record ProjectView(String stamp, int boardIndex, String boardId, String part, String family,
      String projectName, String top, List<String> verilogFiles, List<String> memoryFiles,
      List<String> constraintFiles, List<String> ddrNotes) {}

  /** Template view of the clock constraints. */
  public record ClockView(String stamp, String top, String boardId, String part, String clockMhz,
      String clockPeriodNs, List<String> ddrNotes) {}

  /** Writes the script and constraints into {@code boardDir}; returns the script's file name. */
  public String write(BoardProject p, Path boardDir) {
    boolean xilinx = p.vendor() == Vendor.XILINX;
    String constraint = xilinx ? "clocks.xdc" : "clocks.sdc";
    String script = xilinx ? "vivado.tcl" : "quartus.tcl";
    ProjectView project = new ProjectView(p.stamp(), p.boardIndex(), p.boardId(), p.part(), p.family(),
        "board" + p.boardIndex(), p.top(), p.verilogFiles(), p.memoryFiles(), List.of(constraint), p.ddrNotes());
    ClockView clocks = new ClockView(p.stamp(), p.top(), p.boardId(), p.part(), format(p.clockMhz()),
        format(1000.0 / p.clockMhz()), p.ddrNotes());
    try {
      Files.createDirectories(boardDir.resolve("constraints"));
      Files.writeString(boardDir.resolve(script),
          templates.render(xilinx ? "vivado/project.tcl.vm" : "quartus/project.tcl.vm", project));
      Files.writeString(boardDir.resolve("constraints").resolve(constraint),
          templates.render(xilinx ? "vivado/clocks.xdc.vm" : "quartus/clocks.sdc.vm", clocks));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the project of board " + p.boardIndex(), e);
    }
  }

  /** Fixed formatting (no locale, no trailing noise): 3 decimals, trailing zeros trimmed. */
  static String format(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}

package org.shardwire.hdl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SpinalHDL's library FIFOs and AXI4 arbiter declare a few internal signals they never read, which Verilator's
 * {@code -Wall} reports. We cannot change that code, so the emitter wraps exactly those
 * declarations, and only in the library modules' files, in lint_off/lint_on metacomments with the
 * reason. Everything else must be lint-clean on its own.
 */
final class LibraryLintWaivers {
  private LibraryLintWaivers() {}

  /** Module-file name part -> the signals waived in it (all UNUSEDSIGNAL). */
  private static final Map<String, Pattern> WAIVED = Map.of(
      "stream_fifo_cc_", Pattern.compile("popCC_readArbitration_payload"),
      "stream_fifo_", Pattern.compile("logic_ptr_wentUp|logic_pop_sync_readArbitration_payload"),
      // Axi4ReadOnlyArbiter routes R by ID, so its AR arbiter's one-hot choice goes unread.
      "axi4_read_arbiter_", Pattern.compile("cmdArbiter_io_chosenOH"));

  static void apply(Path verilogFile) {
    String name = verilogFile.getFileName().toString();
    // Module files may carry a per-board prefix (board0_stream_fifo_...).
    Pattern signals = WAIVED.entrySet().stream().filter(e -> name.contains(e.getKey()))
        .sorted((a, b) -> b.getKey().length() - a.getKey().length()) // most specific prefix
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (signals == null) {
      return;
    }
    try {
      StringBuilder out = new StringBuilder();
      Pattern declaration = Pattern.compile("^\\s*(wire|reg)\\b.*\\b(" + signals.pattern() + ")\\s*;\\s*$");
      for (String line : Files.readAllLines(verilogFile)) {
        if (declaration.matcher(line).matches()) {
          out.append("  // SpinalHDL library internal, never read by the library itself:\n");
          out.append("  // verilator lint_off UNUSEDSIGNAL\n").append(line).append('\n');
          out.append("  // verilator lint_on UNUSEDSIGNAL\n");
        } else {
          out.append(line).append('\n');
        }
      }
      Files.writeString(verilogFile, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot annotate " + verilogFile, e);
    }
  }
}

package org.shardwire.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.templates.TemplateRenderer;

/**
 * Simulates a design against vectors: writes the stimulus and expected vector files, builds (or
 * reuses) the Verilator model, runs it in a fresh run folder and returns the parsed result.
 */
public final class StreamSimulator {
  private static final long RUN_TIMEOUT_SECONDS = 3600;
  private final BuildContext ctx;
  private final VerilatorBuilder builder;

  public StreamSimulator(BuildContext ctx) {
    this.ctx = ctx;
    this.builder = new VerilatorBuilder(ctx, new TemplateRenderer());
  }

  public VerilatorBuilder builder() {
    return builder;
  }

  /** A finished run: the result and the build it used. */
  public record Run(SimResult result, VerilatorBuilder.Build build, Path runDir) {}

  /**
   * @param vectors beats by port name: stimulus for inputs, expected beats for outputs
   */
  public Run simulate(EmittedDesign design, Testbench tb, Map<String, List<List<BigInteger>>> vectors) {
    try {
      Path runDir = Files.createDirectories(ctx.workDir());
      List<String> args = new ArrayList<>();
      for (StreamPort p : tb.inputs()) {
        args.add(RunFolder.writeVectors(runDir, p.name() + ".vec", vectors.get(p.name())));
      }
      for (StreamPort p : tb.outputs()) {
        args.add(RunFolder.writeVectors(runDir, p.name() + ".expected.vec", vectors.get(p.name())));
      }
      for (AxiMemoryPort m : tb.memories()) {
        args.add(m.image().toAbsolutePath().toString());
      }
      return run(design, tb, runDir, args);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare run folder " + ctx.workDir(), e);
    }
  }

  /** Runs with vector files that already exist (or deliberately do not: the driver then fails). */
  public Run run(EmittedDesign design, Testbench tb, Path runDir, List<String> vectorFiles) throws IOException {
    VerilatorBuilder.Build build = builder.build(design, tb);
    RunFolder.copyMemoryInitFiles(design.memoryInitFiles(), runDir);
    List<String> cmd = new ArrayList<>();
    cmd.add(build.executable().toAbsolutePath().toString());
    cmd.addAll(vectorFiles);
    cmd.addAll(DriverView.runOptions(tb, ctx.seed()));
    SimResult.clear(runDir);
    ProcessRunner.Output out = ProcessRunner.run(cmd, runDir, RUN_TIMEOUT_SECONDS);
    return new Run(SimResult.read(out.exitCode(), out.text(), runDir), build, runDir);
  }
}

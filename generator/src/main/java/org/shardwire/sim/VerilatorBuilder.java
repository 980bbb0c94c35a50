package org.shardwire.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.templates.SimSupport;
import org.shardwire.templates.TemplateRenderer;

/**
 * Builds a Verilator simulation of a design with a rendered stream driver, lint-clean under
 * {@code -Wall}, its C++ compiled as {@link Optimisation} says: {@code OPT_FAST=-O1} for a fast
 * model (see {@link #FLAGS} for why not -O3), or {@code -O0} in a few large files for a quick
 * build when the run is short. Builds are cached under a hash of the RTL, the driver, the support
 * code, the flags and the Verilator version: re-running an unchanged test does not rebuild.
 * Verilator's run-time library is compiled by the first build in a cache and linked into the
 * later ones ({@link VerilatorRuntime}).
 */
public final class VerilatorBuilder {
  // -fno-const-bit-op-tree: Verilator's bit-op-tree optimisation miscompiles some XOR trees
  // (verilator/verilator#4059, #4709, #5186, fixed piecemeal after 5.006); the link CRC network
  // hit it: wrong CRC bits at -O1..-O3, right at -O0 or with this one pass off.
  // OPT_FAST=-O1, not -O3: g++ at -O3 on the big generated files dominates every build (the
  // default cluster: 263 s at -O3, 116 s at -O1, same machine) and buys little simulation speed
  // (BlazeFace: 11.23 s vs 11.52 s CPU per million cycles; the default cluster: within run-to-run
  // noise). Measurements in bench/RESULTS.md.
  private static final List<String> COMMON_FLAGS = List.of("--cc", "--exe", "--build", "-Wall", "-O3",
      "-fno-const-bit-op-tree", "--x-assign", "fast", "--x-initial", "fast", "-CFLAGS", "-std=c++17");
  private static final List<String> FLAGS = with(COMMON_FLAGS, "-MAKEFLAGS", "OPT_FAST=-O1");
  // The quick build: the same Verilator output compiled at -O0 (OPT_SLOW, the run-once code, is
  // -O0 in both), in files of up to 200,000 statements instead of Verilator's 20,000: every C++
  // file includes the root class's header, which for a four-board cluster is 2.8 MB and costs
  // ~1.2 s of g++ per file at -O0, more than the code of a 1 MB file. Measured on the four-board
  // channel-group cluster (i-shufflenet-tiny-g4-d4, 26.5 MB of C++): g++ 184 s CPU at -O1 in 30
  // files, 76 s at -O0 in 30 files, 49 s at -O0 in 10, the model 2.1x slower per cycle; the default
  // cluster (resnet8-cifar on zcu102:2, 9.5 MB): 52 s at -O1, 18 s quick, the model 9x slower
  // (its MAC arrays gain most from -O1). Figures in bench/RESULTS.md.
  private static final List<String> QUICK_FLAGS = with(COMMON_FLAGS, "--output-split", "200000", "-MAKEFLAGS",
      "OPT_FAST=-O0");

  /**
   * How the model's C++ is compiled. A short run is dominated by g++ (the four-board cluster
   * above: 3 s of simulation against 3 min of -O1 build), a long one by the model's speed. The
   * break-even of the two builds: about a million cycles on the four-board cluster, about 230,000
   * on the default cluster.
   */
  public enum Optimisation {
    /** {@code -O0} in large files: a third of the -O1 build's CPU, the model 2x to 9x slower. */
    QUICK_BUILD,
    /** {@code OPT_FAST=-O1}: the model for long runs (seed-scale boards, many frames). */
    FAST_MODEL;

    /** Runs up to this many cycles take the quick build: under half the lower break-even measured. */
    public static final long QUICK_BUILD_MAX_CYCLES = 100_000;

    /** The optimisation for a run expected to take {@code cycles} cycles. */
    public static Optimisation forRun(long cycles) {
      return cycles <= QUICK_BUILD_MAX_CYCLES ? QUICK_BUILD : FAST_MODEL;
    }

    List<String> flags() {
      return this == QUICK_BUILD ? QUICK_FLAGS : FLAGS;
    }
  }
  /**
   * The traced variant (simulate --trace) adds FST tracing; the flags are part of the cache key,
   * so it is cached beside the untraced build, which stays as fast as before (tracing slows a
   * model even when nothing is dumped). Signals wider than 4096 bits (the widest banked words)
   * and memories are left out, as Verilator does by default for arrays.
   */
  private static final List<String> TRACE_FLAGS = List.of("--trace-fst", "--trace-max-width", "4096");
  // A 224x224 ShuffleNet board takes ~10 min on an idle 2-core machine and several times that on
  // a busy one (a 30-min cap stopped a legitimate build); the cap only catches a hung compiler.
  private static final long BUILD_TIMEOUT_SECONDS = 4 * 3600;

  private final BuildContext ctx;
  private final TemplateRenderer templates;
  private String verilatorVersion;

  public VerilatorBuilder(BuildContext ctx, TemplateRenderer templates) {
    this.ctx = ctx;
    this.templates = templates;
  }

  /** A built simulation: the executable and whether it came from the cache. */
  public record Build(Path executable, boolean cached, String hash) {}

  public Build build(EmittedDesign design, Testbench tb) {
    return build(design, templates.render("verilator/stream_driver.cpp.vm", DriverView.of(tb, ctx.seed())));
  }

  /** True when {@link #build(EmittedDesign, String)} would reuse a cached executable (no Verilator run). */
  public boolean isCached(EmittedDesign design, String driver) {
    return isCached(design, driver, false);
  }

  /** The same for the untraced or the traced ({@code --trace-fst}) variant. */
  public boolean isCached(EmittedDesign design, String driver, boolean traced) {
    return isCached(design, driver, traced, Optimisation.FAST_MODEL);
  }

  /** The same for a build of the given optimisation. */
  public boolean isCached(EmittedDesign design, String driver, boolean traced, Optimisation opt) {
    return Files.isExecutable(executable(design, hash(design, driver, SimSupport.all(), flags(traced, opt))));
  }

  private static List<String> flags(boolean traced, Optimisation opt) {
    return traced ? with(opt.flags(), TRACE_FLAGS.toArray(String[]::new)) : opt.flags();
  }

  private static List<String> with(List<String> flags, String... more) {
    List<String> f = new ArrayList<>(flags);
    f.addAll(List.of(more));
    return List.copyOf(f);
  }

  private Path executable(EmittedDesign design, String hash) {
    return ctx.cacheDir().resolve(design.topModule() + "-" + hash).resolve("V" + design.topModule());
  }

  /** Builds {@code design} with a driver rendered elsewhere (e.g. the cluster harness). */
  public Build build(EmittedDesign design, String driver) {
    return build(design, driver, false);
  }

  /** The untraced or the traced ({@code --trace-fst}) build, each cached under its own key. */
  public Build build(EmittedDesign design, String driver, boolean traced) {
    return build(design, driver, traced, Optimisation.FAST_MODEL);
  }

  /** The same compiled as {@code opt} says; each optimisation is cached under its own key. */
  public Build build(EmittedDesign design, String driver, boolean traced, Optimisation opt) {
    List<String> flags = flags(traced, opt);
    String hash = hash(design, driver, SimSupport.all(), flags);
    Path exe = executable(design, hash);
    if (Files.isExecutable(exe)) {
      return new Build(exe, true, hash);
    }
    try {
      Files.createDirectories(ctx.cacheDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Verilator cache " + ctx.cacheDir(), e);
    }
    // One build per entry: a second JVM wanting the same design (the suite's other fork, a second
    // simulate) waits for the first and reuses its executable instead of compiling it again.
    CacheEntryLock lock = CacheEntryLock.acquire(exe.getParent());
    try {
      return Files.isExecutable(exe) ? new Build(exe, true, hash) : compile(design, driver, flags, exe, hash);
    } finally {
      lock.close();
    }
  }

  private Build compile(EmittedDesign design, String driver, List<String> flags, Path exe, String hash) {
    Path dir = exe.getParent();
    try {
      // Build in a private folder and move it into place when complete: an interrupted build
      // never leaves a half-built entry that a later run would trust.
      Path tmp = Files.createTempDirectory(ctx.cacheDir(), "build-");
      Files.writeString(tmp.resolve("driver.cpp"), driver);
      for (String header : SimSupport.HEADERS) {
        Files.writeString(tmp.resolve(header), SimSupport.header(header));
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(ctx.verilator().toString());
      cmd.addAll(flags);
      // Verilator's run-time library: linked from the cache when an earlier build kept it.
      VerilatorRuntime runtime = VerilatorRuntime.in(ctx.cacheDir(), runtimeKey(flags));
      List<String> kept = runtime.linkArgs();
      cmd.addAll(kept);
      cmd.addAll(List.of("-CFLAGS", "-I" + tmp.toAbsolutePath(), "-j", "2", "--top-module", design.topModule(),
          "-Mdir", "obj", "-o", exe.getFileName().toString(), "driver.cpp"));
      for (Path v : design.verilogFiles()) {
        cmd.add(v.toAbsolutePath().toString());
      }
      ProcessRunner.Output out = ProcessRunner.run(cmd, tmp, BUILD_TIMEOUT_SECONDS);
      if (out.exitCode() != 0) {
        AtomicOutput.deleteTree(tmp);
        throw new SimulationException("Verilator build of " + design.topModule() + " failed (exit " + out.exitCode()
            + "):\n" + firstErrors(out.text()) + "\n...\n" + ProcessRunner.tail(out.text()));
      }
      if (kept.isEmpty()) {
        runtime.keep(tmp.resolve("obj"), "V" + design.topModule());
      }
      Files.move(tmp.resolve("obj").resolve(exe.getFileName()), tmp.resolve(exe.getFileName()));
      AtomicOutput.deleteTree(tmp.resolve("obj"));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        AtomicOutput.deleteTree(tmp); // another run built the same thing first
      }
      return new Build(exe, false, hash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Verilator build of " + design.topModule(), e);
    }
  }

  /** {@code verilator --lint-only -Wall} on a design; returns the warnings (empty when clean). */
  public String lint(EmittedDesign design) {
    List<String> cmd = new ArrayList<>(List.of(ctx.verilator().toString(), "--lint-only", "-Wall",
        "--top-module", design.topModule()));
    for (Path v : design.verilogFiles()) {
      cmd.add(v.toAbsolutePath().toString());
    }
    ProcessRunner.Output out = ProcessRunner.run(cmd, design.verilogFiles().get(0).getParent(), 600);
    return out.exitCode() == 0 && out.text().isBlank() ? "" : out.text();
  }

  public String verilatorVersion() {
    if (verilatorVersion == null) {
      ProcessRunner.Output out = ProcessRunner.run(List.of(ctx.verilator().toString(), "--version"),
          Path.of("."), 60);
      verilatorVersion = out.text().strip();
    }
    return verilatorVersion;
  }

  private String hash(EmittedDesign design, String driver, String support, List<String> flags) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      update(md, verilatorVersion());
      update(md, String.join(" ", flags));
      update(md, driver);
      update(md, support);
      for (Path v : design.verilogFiles()) {
        update(md, v.getFileName().toString());
        md.update(Files.readAllBytes(v));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read RTL to hash it", e);
    }
  }

  /** The run-time library's key: what its objects depend on, the Verilator version and the flags. */
  private String runtimeKey(List<String> flags) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      update(md, verilatorVersion());
      update(md, String.join(" ", flags));
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }

  /** The first lines that name an error or warning: the cause, before the cascade it triggers. */
  static String firstErrors(String log) {
    return log.lines().filter(l -> l.contains("error") || l.contains("%Error") || l.contains("%Warning"))
        .limit(12).collect(java.util.stream.Collectors.joining("\n"));
  }
}

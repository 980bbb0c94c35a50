package org.shardwire.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shardwire.cli.Main;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;

/**
 * The walking skeleton's speed figures: resnet8-cifar over two ZCU102 boards. Generate time (whole
 * flow in one JVM), Verilator build time of the cluster harness (cold cache), then a simulation of
 * several frames, whose harness reports its own cycles/s. Usage: ClusterBench WORKDIR FRAMES.
 */
public final class ClusterBench {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "cluster-bench").toAbsolutePath();
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    AtomicOutput.deleteTree(work);
    Files.createDirectories(work);
    Path out = work.resolve("resnet8-cifar-zcu102x2");

    long t0 = System.nanoTime();
    check(Main.run("generate", "--model", "resnet8-cifar", "--boards", "zcu102:2", "--out", out.toString()), "generate");
    double generateSeconds = (System.nanoTime() - t0) / 1e9;

    Path cache = work.resolve("cache");
    ClusterHarness harness = ClusterHarness.read(out.resolve("sim"));
    BuildContext ctx = BuildContext.detect(cache, work.resolve("build"), 1);
    long t1 = System.nanoTime();
    new VerilatorBuilder(ctx, new TemplateRenderer()).build(harness.design(), harness.driver());
    double buildSeconds = (System.nanoTime() - t1) / 1e9;

    long t2 = System.nanoTime();
    check(Main.run("simulate", out.toString(), "--frames", String.valueOf(frames), "--build-cache", cache.toString()),
        "simulate");
    double simulateSeconds = (System.nanoTime() - t2) / 1e9;
    String sim = Files.readString(out.resolve("sim.json"));
    long totalCycles = Long.parseLong(field(sim, "total_cycles"));
    double loop = loopSeconds(out.resolve("sim/run"));

    System.out.println("| figure | value |");
    System.out.println("|---|---|");
    System.out.printf("| generate (quantize, plan, elaborate and emit 2 boards, harness; one JVM) | %.1f s |%n", generateSeconds);
    System.out.printf("| Verilator build of the 2-board cluster harness, cold | %.1f s |%n", buildSeconds);
    System.out.printf("| simulate %d frames (golden vectors, cached build, run) | %.1f s |%n", frames, simulateSeconds);
    System.out.printf("| simulated cycles | %d (cycles per frame %s, estimated %s) |%n", totalCycles,
        field(sim, "cycles_per_frame"), field(sim, "est_cycles_per_frame"));
    System.out.printf("| simulation speed (harness main loop) | %.2f M cycles/s |%n", totalCycles / loop / 1e6);
    System.out.printf("| bit exact | %s |%n", field(sim, "bit_exact"));
  }

  private static void check(int exit, String what) {
    if (exit != 0) {
      throw new IllegalStateException(what + " exited " + exit);
    }
  }

  /** A top-level scalar of sim.json (its keys are unique at the top level). */
  private static String field(String json, String key) {
    int i = json.indexOf("\"" + key + "\": ");
    int start = i + key.length() + 4;
    int end = start;
    while (end < json.length() && ",\n}".indexOf(json.charAt(end)) < 0) {
      end++;
    }
    return json.substring(start, end);
  }

  /** The harness's own timing of its main loop, from the log simulate keeps in the run folder. */
  private static double loopSeconds(Path runDir) throws Exception {
    List<String> lines = Files.readAllLines(runDir.resolve("harness.log"));
    for (String l : lines) {
      if (l.startsWith("TIME loop_seconds=")) {
        return Double.parseDouble(l.substring("TIME loop_seconds=".length()));
      }
    }
    throw new IllegalStateException("no TIME line in " + runDir.resolve("harness.log"));
  }
}

package org.shardwire.cli;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.memory.MemoryBlockEstimator;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.blocks.reader.VectorReaderConfig;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.emit.OutputTarget;
import org.shardwire.emit.StandaloneBlocks;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./shardwire blocks}: the foundation blocks as standalone Verilog. */
@Command(name = "blocks", mixinStandardHelpOptions = true,
    description = "Write the MAC array, weight buffer and aggregate reader as Verilog (one file per module + filelist.f).")
public final class BlocksCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "rtl-out/blocks")
  Path out;

  @Option(names = "--force", description = "Also replace an existing non-empty --out folder that Shardwire did not write.")
  boolean force;

  @Option(names = "--simd", paramLabel = "N", description = "MAC array input lanes: 1, 2, 4, 8 or 16 (default: ${DEFAULT-VALUE}).",
      defaultValue = "4")
  int simd;

  @Option(names = "--pe", paramLabel = "N", description = "MAC array output lanes, 1..64 (default: ${DEFAULT-VALUE}).", defaultValue = "8")
  int pe;

  @Option(names = "--vector-width", paramLabel = "N", description = "Aggregate read width: 2, 4, 8 or 16 (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int vectorWidth;

  @Option(names = "--weight-depth", paramLabel = "WORDS", description = "Weight buffer depth in words (default: ${DEFAULT-VALUE}).",
      defaultValue = "1024")
  int weightDepth;

  @Option(names = "--weights", paramLabel = "FILE", description = "Weight file ($readmemh hex, one word per line) for the weight buffer; "
      + "default: seeded random words.")
  Path weights;

  @Option(names = "--vendor", paramLabel = "xilinx|intel", description = "xilinx or intel: reset style and RAM primitive (default: ${DEFAULT-VALUE}).",
      defaultValue = "xilinx")
  String vendor;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the default weights (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Override
  public Integer call() {
    OutputTarget.check(out, "--out", force);
    StandaloneBlocks blocks = configure();
    List<String> modules = new ArrayList<>();
    AtomicOutput.write(out, "--out", force, dir -> modules.addAll(blocks.writeTo(dir).modules()));
    System.out.println("wrote " + modules.size() + " modules to " + out + "/rtl (filelist.f lists them in compile order):");
    for (String m : modules) {
      System.out.println("  " + m);
    }
    WeightBufferConfig w = blocks.weights();
    System.out.printf(java.util.Locale.ROOT, "weight buffer %d bits x %d words in %s: %s blocks%n", w.width(), w.depth(), w.style().value(),
        formatBlocks(MemoryBlockEstimator.blocks(w.style(), w.width(), w.depth())));
    return 0;
  }

  /** Validates every option before anything is written (bad input writes nothing). */
  StandaloneBlocks configure() {
    Vendor v = parseVendor(vendor);
    if (!Widths.SIMD_WIDTHS.contains(simd)) { // the block library's widths; the RGB-pixel SIMD 3 is for conv stems
      throw new IllegalArgumentException("MAC array: simd must be one of 1, 2, 4, 8, 16; got " + simd);
    }
    MacArrayConfig mac = new MacArrayConfig(simd, pe);
    RamStyle style = v.defaultRamStyle();
    int wordBits = mac.weightBits();
    if (weightDepth < 1 || weightDepth > WeightBufferConfig.MAX_DEPTH) { // before any words are made
      throw new UserInputException("--weight-depth: depth must be in 1.." + WeightBufferConfig.MAX_DEPTH
          + " words; got " + weightDepth);
    }
    WeightBufferConfig weightBuffer;
    try {
      weightBuffer = weights != null
          ? WeightBufferConfig.fromFile(wordBits, weightDepth, style, weights)
          : new WeightBufferConfig(wordBits, weightDepth, style, randomWords(wordBits, weightDepth, seed));
      if (weights != null && weightBuffer.words().isEmpty()) {
        throw new UserInputException("--weights " + weights + " holds no words; expected hex words, one per line");
      }
    } catch (java.io.UncheckedIOException e) {
      throw new UserInputException("--weights: " + e.getMessage() + (Files.isDirectory(weights) ? " (it is a folder)"
          : " (expected a text file of hex words, one per line)"), e);
    }
    // A 32-bit AXI4 address space, commands of up to 4,095 vectors.
    VectorReaderConfig reader = VectorReaderConfig.of(8, vectorWidth, 32, 12);
    return new StandaloneBlocks(mac, weightBuffer, reader, v);
  }

  static Vendor parseVendor(String name) {
    switch (name) {
      case "xilinx":
        return Vendor.XILINX;
      case "intel":
        return Vendor.INTEL;
      default:
        throw new UserInputException("--vendor: '" + name + "' is not a vendor; allowed: xilinx, intel");
    }
  }

  static List<BigInteger> randomWords(int width, int depth, long seed) {
    Random rnd = new Random(seed);
    List<BigInteger> words = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      words.add(new BigInteger(width, rnd));
    }
    return words;
  }

  static String formatBlocks(double blocks) {
    return blocks == Math.rint(blocks) ? String.valueOf((long) blocks) : String.valueOf(blocks);
  }
}

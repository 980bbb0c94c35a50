package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.shardwire.blocks.mac.MacArray;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.memory.WeightBuffer;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.blocks.memory.WeightFile;
import org.shardwire.blocks.reader.VectorReaderConfig;
import org.shardwire.blocks.reader.VectorReader;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;

/**
 * The foundation blocks as standalone Verilog: a MAC array, a weight buffer and the aggregate
 * reader (an AXI4 burst-read master); one file per module, a filelist in compile order, the
 * weight file.
 */
public record StandaloneBlocks(MacArrayConfig mac, WeightBufferConfig weights, VectorReaderConfig reader,
    Vendor vendor) {

  /** What was written, relative to the output folder. */
  public record Written(List<String> modules, List<Path> files) {}

  public Written writeTo(Path dir) {
    Path rtl = dir.resolve("rtl");
    List<EmittedDesign> designs = new ArrayList<>();
    designs.add(emit(rtl, () -> new MacArray(mac), mac));
    designs.add(emit(rtl, () -> new WeightBuffer(weights), weights));
    designs.add(emit(rtl, () -> new VectorReader(reader), reader));

    // Children come before their parents in each design; keep the first occurrence of each file.
    Set<Path> ordered = new LinkedHashSet<>();
    Set<Path> init = new LinkedHashSet<>();
    for (EmittedDesign d : designs) {
      ordered.addAll(d.verilogFiles());
      init.addAll(d.memoryInitFiles());
    }
    try {
      Path weightDir = Files.createDirectories(dir.resolve("weights"));
      WeightFile.write(weightDir.resolve(weights.moduleName() + ".hex"), weights.words(), weights.width());
      Filelist.writeDesign(rtl, header(), ordered, init);
      List<String> modules = ordered.stream().map(p -> p.getFileName().toString().replace(".v", "")).toList();
      List<Path> files;
      try (var walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
      }
      return new Written(modules, files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EmittedDesign emit(Path rtl, Supplier<? extends Module> top, Object config) {
    return new VerilogEmitter(vendor, GeneratorStamp.header("standalone blocks", config.toString())).emit(top, rtl);
  }

  private String header() {
    return GeneratorStamp.header("standalone blocks", toString());
  }
}

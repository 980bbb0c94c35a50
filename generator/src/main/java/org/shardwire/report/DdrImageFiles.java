package org.shardwire.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.reader.DdrWeightLayout;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardList;
import org.shardwire.boards.DdrBank;
import org.shardwire.emit.ClusterEmitter;
import org.shardwire.emit.board.BoardTopConfig;

/**
 * A DDR weight image and its address map, as {@code generate} writes them for a bank:
 * {@code <stem>.bin} (the bytes from the bank's base address on, for the board's loader or the
 * simulated DDR) and {@code <stem>.map.json} (where each layer's weights are). Both come from one
 * {@link DdrWeightLayout}, the same object the reader's commands come from.
 */
public final class DdrImageFiles {
  private DdrImageFiles() {}

  /** The address map file: the bank, its beat, the image's place and every region. */
  public record AddressMap(String bank, int beatBytes, long baseAddress, long bytes, List<Region> regions) {
    public AddressMap {
      regions = List.copyOf(regions);
    }
  }

  /** One layer's weights: first byte address, bytes, and the words they hold. */
  public record Region(String name, long address, long bytes, int wordBits, int words, int beatsPerWord) {}

  public static AddressMap map(String bank, DdrWeightLayout layout) {
    return new AddressMap(bank, layout.beatBytes(), layout.baseAddress(), layout.bytes(), layout.regions().stream()
        .map(r -> new Region(r.name(), r.byteAddress(), r.bytes(), r.wordBits(), r.words(), r.beatsPerWord()))
        .toList());
  }

  /** Writes {@code <stem>.bin} and {@code <stem>.map.json} into {@code dir}; returns the image path. */
  public static Path write(Path dir, String stem, String bank, DdrWeightLayout layout,
      Map<String, List<BigInteger>> words) {
    Path image = dir.resolve(stem + ".bin");
    try {
      Files.write(image, layout.image(words));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + image, e);
    }
    JsonFiles.write(map(bank, layout), dir.resolve(stem + ".map.json"));
    return image;
  }

  /**
   * Every board's DDR weight image and address map, for the boards whose weights stream
   * ({@code board<i>/ddr/weights.bin}, {@code .map.json}; {@link ClusterEmitter#DDR_DIR}): written
   * here, by the caller of the emitter, because the map is JSON (this layer's). A board whose image
   * does not fit its bank above the image's base is refused, naming it.
   */
  public static void writeBoards(Path dir, List<BoardTopConfig> boards, BoardList list) {
    for (BoardTopConfig b : boards) {
      java.util.Optional<DdrWeightLayout> layout = b.ddrLayout();
      if (layout.isEmpty()) {
        continue;
      }
      Board board = list.get(b.index());
      DdrBank bank = board.ddr().get(0);
      long end = layout.get().baseAddress() + layout.get().bytes();
      if (end > bank.sizeBytes()) {
        throw new IllegalArgumentException("board " + b.index() + " (" + board.id() + "): its DDR weight image ends at "
            + end + " bytes, past the " + bank.sizeMiB() + " MiB of " + bank.name());
      }
      Path ddr = dir.resolve("board" + b.index()).resolve(ClusterEmitter.DDR_DIR);
      try {
        Files.createDirectories(ddr);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + ddr, e);
      }
      write(ddr, ClusterEmitter.DDR_STEM, bank.name(), layout.get(), b.ddrWords());
    }
  }

  /** Reads an address map back (strictly: unknown or missing keys are errors naming the file). */
  public static AddressMap readMap(Path file) {
    return JsonFiles.read(file, AddressMap.class);
  }
}

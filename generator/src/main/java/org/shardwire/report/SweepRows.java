package org.shardwire.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardwire.boards.MemoryKind;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Plan;

/** sweep.csv: rows built from plans (and sim.json files), written and read with Jackson's CSV module. */
public final class SweepRows {
  private static final CsvMapper CSV = CsvMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      // Quote a value only when it needs it (a board list with commas), not by its length.
      .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .build();
  private static final CsvSchema SCHEMA = CSV.schemaFor(SweepRow.class).withHeader().withLineSeparator("\n");

  private SweepRows() {}

  /** The column names, in file order. */
  public static List<String> columns() {
    List<String> c = new ArrayList<>();
    SCHEMA.forEach(col -> c.add(col.getName()));
    return c;
  }

  /** A planned point; {@code sim} is null when it was not simulated. */
  public static SweepRow planned(SweepSpec.Point p, Plan plan, SimFile sim) {
    PlanFile f = PlanFile.of(plan);
    double fps = plan.estFps();
    double mulShare = 0;
    double memShare = 0;
    double logicShare = 0;
    int available = 0;
    long lutsAvailable = 0;
    Map<String, Double> used = new java.util.TreeMap<>();
    Map<String, Integer> have = new java.util.TreeMap<>();
    int bottleneck = 0;
    for (BoardPlan b : plan.boards()) {
      available += b.multipliersAvailable();
      lutsAvailable += b.logicAvailable();
      mulShare = Math.max(mulShare, (double) b.multipliers() / b.multipliersAvailable());
      logicShare = Math.max(logicShare, (double) b.lutsEstimate() / b.logicAvailable());
      for (Map.Entry<MemoryKind, Integer> m : b.memBlocksAvailable().entrySet()) {
        double u = b.memBlocks().getOrDefault(m.getKey(), 0.0);
        used.merge(m.getKey().name(), u, Double::sum);
        have.merge(m.getKey().name(), m.getValue(), Integer::sum);
        if (m.getValue() > 0) {
          memShare = Math.max(memShare, u / m.getValue());
        }
      }
      if (b.cyclesPerFrame() > plan.boards().get(bottleneck).cyclesPerFrame()) {
        bottleneck = b.index();
      }
    }
    long linkBytes = 0;
    double linkLoad = 0;
    for (LinkPlan l : plan.links()) {
      linkBytes += l.bytesPerFrame();
      linkLoad = Math.max(linkLoad, l.utilisation(fps));
    }
    List<String> usedText = new ArrayList<>();
    used.forEach((k, v) -> usedText.add(k + "=" + JsonFiles.fixed(v, 1).toPlainString()));
    List<String> haveText = new ArrayList<>();
    have.forEach((k, v) -> haveText.add(k + "=" + v));
    long lutsUsed = plan.boards().stream().mapToLong(BoardPlan::lutsEstimate).sum();
    return new SweepRow(p.index(), p.model(), plan.boardsSpec(), plan.boards().size(), plan.strategy().label(),
        f.clockMhz(), p.cap(), SweepRow.OK, "", f.estCyclesPerFrame(), f.estFps(), f.estMultiplierEfficiency(),
        f.macsPerFrame(), f.multipliers(), available, JsonFiles.fixed(mulShare, 4), String.join(" ", usedText),
        String.join(" ", haveText), JsonFiles.fixed(memShare, 4), lutsUsed, lutsAvailable,
        JsonFiles.fixed(logicShare, 4), bottleneck, linkBytes, JsonFiles.fixed(linkLoad, 4), sim != null,
        sim == null ? null : sim.bitExact(), sim == null ? null : sim.cyclesPerFrame(),
        sim == null ? null : sim.measuredVsEst(), sim == null ? null : sim.latencyCycles());
  }

  /** A point that could not be planned (or generated, or simulated): {@code status} and why. */
  public static SweepRow failed(SweepSpec.Point p, String status, String reason, int boardCount) {
    return new SweepRow(p.index(), p.model(), p.boards(), boardCount, p.strategy(),
        p.clockMhz() == null ? null : JsonFiles.fixed(p.clockMhz(), 3), p.cap(), status, reason, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, false, null, null, null, null);
  }

  public static void write(List<SweepRow> rows, Path file) {
    try {
      CSV.writer(SCHEMA).writeValue(file.toFile(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static List<SweepRow> read(Path file) {
    try (MappingIterator<SweepRow> it = CSV.readerFor(SweepRow.class).with(SCHEMA).readValues(file.toFile())) {
      return it.readAll();
    } catch (IOException e) {
      throw new JsonFileException(file + ": not a sweep.csv (" + e.getMessage() + ")", e);
    }
  }

}

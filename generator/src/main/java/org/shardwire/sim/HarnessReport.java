package org.shardwire.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * result.json, what a Verilator driver (templates/verilator/*.vm, sim/shardwire_tb.h) writes
 * when its run ends: cycles, mismatch count and the first mismatches, problems (missing beats,
 * a stuck input), per checked stream its beats and frame ends, frame starts, the final status
 * counters, per-lane channel counts and per simulated DDR its traffic. Read with Jackson; nothing is recovered from the log.
 */
public record HarnessReport(long cycles, long mismatches, boolean timedOut, double loopSeconds,
    List<Mismatch> firstMismatches, List<String> problems, List<Port> ports, List<Long> frameStarts,
    Map<String, Long> status, List<Channel> channels, List<Memory> axi) {
  static final String FILE = "result.json";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .build();

  public HarnessReport {
    firstMismatches = List.copyOf(firstMismatches);
    problems = List.copyOf(problems);
    ports = List.copyOf(ports);
    frameStarts = List.copyOf(frameStarts);
    status = Map.copyOf(status);
    channels = List.copyOf(channels);
    axi = List.copyOf(axi);
  }

  /** One wrong beat: where, which field, what was expected and what came. */
  public record Mismatch(long cycle, String port, long beat, String field, String expected, String actual) {
    /** The line the driver also printed. */
    public String line() {
      return "MISMATCH cycle=" + cycle + " port=" + port + " beat=" + beat + " field=" + field + " expected="
          + expected + " actual=" + actual;
    }
  }

  /** A checked output stream: beats seen and expected, first and last beat's cycle, each frame's last beat. */
  public record Port(String name, long beats, long expected, long firstCycle, long lastCycle, List<Long> frameEnds) {
    public Port {
      frameEnds = List.copyOf(frameEnds);
    }
  }

  /** One lane of the channel model: words carried, words it corrupted, and of those the idle blocks. */
  public record Channel(int link, String lane, long carried, long corrupted, long idleCorrupted) {}

  /**
   * A simulated DDR behind an AXI4 read port: bursts accepted, beats returned, cycles a beat was
   * offered and not taken (rready low), and the most bursts it held at once.
   */
  public record Memory(String name, long bursts, long beats, long rStallCycles, long maxOutstanding) {}

  static HarnessReport read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), HarnessReport.class);
  }
}

package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * Runs a {@link LinkSoakTop} through the C++ channel model ({@code sim/shardwire_channel.h}):
 * {@code words} 64-bit payload beats, each a splitmix64 of its index, sent as fast as the link
 * takes them, checked in order at the receiver (a lost, duplicated or corrupted word is a
 * mismatch, counted by kind), on lanes of any latency with seeded word errors.
 */
final class LinkSoak {
  private LinkSoak() {}

  /** What one soak measured. */
  record Result(long cycles, long delivered, long lost, long duplicated, long corrupted, long firstCycle,
      long lastCycle, Map<String, Long> stats, String log) {
    /** Payload words per cycle from the first delivered word to the last. */
    double throughput() {
      return delivered / (double) Math.max(1, lastCycle - firstCycle + 1);
    }

    long stat(String name) {
      Long v = stats.get(name);
      if (v == null) {
        throw new AssertionError("no status " + name + " in:\n" + log);
      }
      return v;
    }

    String summary() {
      return String.format(Locale.ROOT, "%d words in %d cycles (%.4f words/cycle), lost %d, duplicated %d, "
          + "corrupted %d; frames sent %d, resent %d, NAKs %d, timeouts %d, CRC errors %d, round trip %d cycles",
          delivered, cycles, throughput(), lost, duplicated, corrupted, stat("stat_tx_frames_sent"),
          stat("stat_tx_frames_retransmitted"), stat("stat_tx_naks_received"), stat("stat_tx_ack_timeouts"),
          stat("stat_rx_crc_errors"), stat("stat_tx_round_trip_cycles"));
    }
  }

  static Result run(String name, LinkConfig c, int latency, double errorRate, long words, long seed) {
    if (c.beatBits() != 64) {
      throw new IllegalArgumentException("the soak driver sends 64-bit beats (lanes = 8)");
    }
    LinkSoakTop[] top = new LinkSoakTop[1];
    EmittedDesign design = new VerilogEmitter(Vendor.XILINX, GeneratorStamp.header("link soak", c.toString()))
        .emit(() -> top[0] = new LinkSoakTop(c), TestPaths.freshDir("link-soak/" + name + "/rtl"));
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir("link-soak/" + name + "/run"),
        seed);
    VerilatorBuilder.Build build = new VerilatorBuilder(ctx, new TemplateRenderer())
        .build(design, driver(design.topModule(), top[0].statusPorts()));
    long maxCycles = 400 * words + 50L * latency + 1_000_000;
    try {
      Process p = new ProcessBuilder(build.executable().toString(), String.valueOf(latency), String.valueOf(errorRate),
          String.valueOf(seed), String.valueOf(words), String.valueOf(maxCycles))
          .directory(ctx.workDir().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), "soak driver failed:\n" + text);
      return parse(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static final Pattern RESULT = Pattern.compile(
      "^SOAK cycles=(\\d+) delivered=(\\d+) lost=(\\d+) duplicated=(\\d+) corrupted=(\\d+) first=(\\d+) last=(\\d+)$");
  private static final Pattern STAT = Pattern.compile("^STAT (\\w+)=([0-9a-f]+)$");

  private static Result parse(String log) {
    Map<String, Long> stats = new LinkedHashMap<>();
    Matcher r = null;
    for (String line : log.split("\n")) {
      Matcher s = STAT.matcher(line);
      if (s.matches()) {
        stats.put(s.group(1), Long.parseLong(s.group(2), 16));
      }
      Matcher m = RESULT.matcher(line);
      if (m.matches()) {
        r = m;
      }
    }
    if (r == null) {
      throw new AssertionError("no SOAK line in:\n" + log);
    }
    return new Result(Long.parseLong(r.group(1)), Long.parseLong(r.group(2)), Long.parseLong(r.group(3)),
        Long.parseLong(r.group(4)), Long.parseLong(r.group(5)), Long.parseLong(r.group(6)),
        Long.parseLong(r.group(7)), stats, log);
  }

  private static String driver(String topModule, List<String> statusPorts) {
    List<String> prints = new ArrayList<>();
    for (String p : statusPorts) {
      prints.add("  printf(\"STAT " + p + "=%llx\\n\", (unsigned long long)top->" + p + ");");
    }
    return """
        // Link soak driver (test code, LinkSoak.java): source -> LinkTx -> channel -> LinkRx -> checker.
        #include <cstdio>
        #include <cstdlib>
        #include <memory>
        #include "V%1$s.h"
        #include "shardwire_channel.h"
        #include "verilated.h"

        static uint64_t pattern(uint64_t i) {
          uint64_t z = i * 0x9E3779B97F4A7C15ull + 0x1234567ull;
          z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
          z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
          return z ^ (z >> 31);
        }

        int main(int argc, char** argv) {
          if (argc != 6) { fprintf(stderr, "usage: latency error_rate seed words max_cycles\\n"); return 2; }
          const unsigned latency = (unsigned)strtoul(argv[1], nullptr, 10);
          const double error_rate = strtod(argv[2], nullptr);
          const uint64_t seed = strtoull(argv[3], nullptr, 10);
          const uint64_t words = strtoull(argv[4], nullptr, 10);
          const uint64_t max_cycles = strtoull(argv[5], nullptr, 10);
          auto ctx = std::make_unique<VerilatedContext>();
          auto top = std::make_unique<V%1$s>(ctx.get());
          shardwire::LaneChannel data(latency, error_rate, seed * 2 + 1);
          shardwire::LaneChannel ctrl(latency, error_rate, seed * 2 + 2);
          top->rst = 1;
          top->s_axis_tvalid = 0;
          top->m_axis_tready = 1;
          for (int i = 0; i < 8; i++) { top->clk = 0; top->eval(); top->clk = 1; top->eval(); }
          top->clk = 0;
          top->rst = 0;
          top->eval();
          uint64_t cycle = 0, sent = 0, got = 0, lost = 0, dup = 0, bad = 0, first = 0, last = 0;
          while (cycle < max_cycles && got < words) {
            const shardwire::LaneWord& d = data.front();
            top->rx_lane_in_valid = d.valid; top->rx_lane_in_ctrl = d.control; top->rx_lane_in_data = d.data;
            const shardwire::LaneWord& k = ctrl.front();
            top->tx_lane_in_valid = k.valid; top->tx_lane_in_ctrl = k.control; top->tx_lane_in_data = k.data;
            top->s_axis_tvalid = sent < words;
            top->s_axis_tdata = pattern(sent);
            top->s_axis_tlast = (sent %% 4096) == 4095 || sent + 1 == words;
            top->eval();
            const bool in_fire = top->s_axis_tvalid && top->s_axis_tready;
            if (top->m_axis_tvalid && top->m_axis_tready) {
              const uint64_t w = top->m_axis_tdata;
              if (got == 0) first = cycle;
              last = cycle;
              if (w != pattern(got)) {
                // Classify against the neighbourhood: an earlier word again, a later one (gap), or garbage.
                bool classified = false;
                for (uint64_t back = 1; back <= 4096 && back <= got && !classified; back++) {
                  if (w == pattern(got - back)) { dup++; classified = true; }
                }
                for (uint64_t ahead = 1; ahead <= 4096 && !classified; ahead++) {
                  if (w == pattern(got + ahead)) { lost += ahead; got += ahead; classified = true; }
                }
                if (!classified) bad++;
              }
              got++;
            }
            data.push(top->tx_lane_out_valid, top->tx_lane_out_ctrl, top->tx_lane_out_data);
            ctrl.push(top->rx_lane_out_valid, top->rx_lane_out_ctrl, top->rx_lane_out_data);
            top->clk = 1; top->eval(); top->clk = 0; top->eval();
            cycle++;
            if (in_fire) sent++;
            if (cycle %% 10000000 == 0) { fprintf(stderr, "PROGRESS cycle=%%llu words=%%llu\\n", (unsigned long long)cycle, (unsigned long long)got); }
          }
          if (got < words) lost += words - got;
        %2$s
          printf("CHANNEL data corrupted=%%llu idle_corrupted=%%llu ctrl corrupted=%%llu\\n",
                 (unsigned long long)data.words_corrupted(), (unsigned long long)data.idle_words_corrupted(),
                 (unsigned long long)ctrl.words_corrupted());
          printf("SOAK cycles=%%llu delivered=%%llu lost=%%llu duplicated=%%llu corrupted=%%llu first=%%llu last=%%llu\\n",
                 (unsigned long long)cycle, (unsigned long long)got, (unsigned long long)lost, (unsigned long long)dup,
                 (unsigned long long)bad, (unsigned long long)first, (unsigned long long)last);
          top->final();
          return 0;
        }
        """.formatted(topModule, String.join("\n", prints));
  }
}

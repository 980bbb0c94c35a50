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
      long lastCycle, Map<String, Long> stats, String log, double wallSeconds) {
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
          + "corrupted %d; frames sent %d, resent %d (selectively %d), NAKs %d, timeouts %d, CRC errors %d, "
          + "round trip %d cycles; %.0f s wall, %.0f k cycles/s",
          delivered, cycles, throughput(), lost, duplicated, corrupted, stat("stat_tx_frames_sent"),
          stat("stat_tx_frames_retransmitted"), stat("stat_tx_selective_resends"), stat("stat_tx_naks_received"),
          stat("stat_tx_ack_timeouts"), stat("stat_rx_crc_errors"), stat("stat_tx_round_trip_cycles"), wallSeconds,
          cycles / Math.max(wallSeconds, 1e-9) / 1e3);
    }
  }

  static Result run(String name, LinkConfig c, int latency, double errorRate, long words, long seed) {
    return run(name, c, latency, errorRate, words, seed, List.of());
  }

  /**
   * A link reset of one end ({@code tx}, {@code rx} or {@code both}), raised when the receiver
   * has delivered {@code atWord} words and held for {@code holdCycles} cycles.
   */
  record LinkReset(String end, long atWord, long holdCycles) {
    LinkReset {
      if (!List.of("tx", "rx", "both").contains(end) || atWord < 0 || holdCycles < 1) {
        throw new IllegalArgumentException("link reset: end tx|rx|both, atWord >= 0, holdCycles >= 1; got "
            + end + "@" + atWord + ":" + holdCycles);
      }
    }

    String arg() {
      return end + "@" + atWord + ":" + holdCycles;
    }
  }

  static Result run(String name, LinkConfig c, int latency, double errorRate, long words, long seed,
      List<LinkReset> resets) {
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
    String schedule = resets.isEmpty() ? "none"
        : String.join(",", resets.stream().map(LinkReset::arg).toList());
    try {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(build.executable().toString(), String.valueOf(latency), String.valueOf(errorRate),
          String.valueOf(seed), String.valueOf(words), String.valueOf(maxCycles), schedule)
          .directory(ctx.workDir().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), "soak driver failed:\n" + text);
      return parse(text, (System.nanoTime() - start) / 1e9);
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

  private static Result parse(String log, double wallSeconds) {
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
        Long.parseLong(r.group(7)), stats, log, wallSeconds);
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
        #include <cstring>
        #include <vector>
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
          if (argc != 7) { fprintf(stderr, "usage: latency error_rate seed words max_cycles resets|none\\n"); return 2; }
          const unsigned latency = (unsigned)strtoul(argv[1], nullptr, 10);
          const double error_rate = strtod(argv[2], nullptr);
          const uint64_t seed = strtoull(argv[3], nullptr, 10);
          const uint64_t words = strtoull(argv[4], nullptr, 10);
          const uint64_t max_cycles = strtoull(argv[5], nullptr, 10);
          // Link resets "end@word:hold,...": raise the end's link_rst once `word` words were delivered.
          struct Reset { char end[8]; unsigned long long at, hold; };
          std::vector<Reset> resets;
          for (const char* s = argv[6]; strcmp(argv[6], "none") != 0 && *s;) {
            Reset r{};
            int used = 0;
            if (sscanf(s, "%%7[a-z]@%%llu:%%llu%%n", r.end, &r.at, &r.hold, &used) != 3) {
              fprintf(stderr, "bad reset list %%s\\n", argv[6]); return 2;
            }
            resets.push_back(r);
            s += used;
            if (*s == ',') s++;
          }
          size_t next_reset = 0;
          uint64_t hold_left = 0;
          bool reset_tx = false, reset_rx = false;
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
          top->tx_link_rst = 0;
          top->rx_link_rst = 0;
          uint64_t cycle = 0, sent = 0, got = 0, lost = 0, dup = 0, bad = 0, first = 0, last = 0;
          while (cycle < max_cycles && got < words) {
            const shardwire::LaneWord& d = data.front();
            top->rx_lane_in_valid = d.valid; top->rx_lane_in_ctrl = d.control; top->rx_lane_in_data = d.data;
            const shardwire::LaneWord& k = ctrl.front();
            top->tx_lane_in_valid = k.valid; top->tx_lane_in_ctrl = k.control; top->tx_lane_in_data = k.data;
            top->s_axis_tvalid = sent < words;
            top->s_axis_tdata = pattern(sent);
            top->s_axis_tlast = (sent %% 4096) == 4095 || sent + 1 == words;
            if (hold_left == 0 && next_reset < resets.size() && got >= resets[next_reset].at) {
              const Reset& r = resets[next_reset++];
              reset_tx = strcmp(r.end, "rx") != 0;
              reset_rx = strcmp(r.end, "tx") != 0;
              hold_left = r.hold;
              fprintf(stderr, "LINK RESET %%s at cycle %%llu, %%llu words delivered, for %%llu cycles\\n", r.end,
                      (unsigned long long)cycle, (unsigned long long)got, r.hold);
            }
            top->tx_link_rst = hold_left > 0 && reset_tx;
            top->rx_link_rst = hold_left > 0 && reset_rx;
            if (hold_left > 0) hold_left--;
            // One eval for the inputs and one for the rising edge: no logic runs on the falling edge.
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
            top->clk = 1; top->eval(); top->clk = 0;
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

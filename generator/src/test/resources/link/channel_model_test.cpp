// Checks sim/shardwire_channel.h; compiled and run by ChannelModelTest. Prints one line per
// check ("OK name" or "FAIL name: why") and exits 1 if any check failed.
#include <cmath>
#include <cstdio>
#include <string>

#include "shardwire_channel.h"

using shardwire::LaneChannel;
using shardwire::LaneWord;

static int failures = 0;

static void check(bool ok, const std::string& name, const std::string& why) {
  if (ok) {
    printf("OK %s\n", name.c_str());
  } else {
    printf("FAIL %s: %s\n", name.c_str(), why.c_str());
    failures++;
  }
}

// Drives `cycles` words (data = cycle number, valid on odd-numbered gaps) and records arrivals.
static bool latency_holds(unsigned latency) {
  LaneChannel ch(latency, 0.0, 1);
  for (uint64_t t = 0; t < 1000; t++) {
    const LaneWord& w = ch.front();
    bool should_be_valid = t >= latency && ((t - latency) % 3 != 1);
    if (w.valid != should_be_valid) return false;
    if (w.valid && (w.data != t - latency || w.control != ((t - latency) % 2 == 0))) return false;
    ch.push(t % 3 != 1, t % 2 == 0, t);
  }
  return true;
}

int main() {
  check(latency_holds(1) && latency_holds(2) && latency_holds(37), "latency",
        "words must arrive exactly `latency` cycles after push, unchanged, gaps kept");

  {
    LaneChannel ch(5, 0.0, 9);
    for (int t = 0; t < 100000; t++) ch.push(true, false, 0x0123456789abcdefull);
    check(ch.words_carried() == 100000 && ch.words_corrupted() == 0, "no errors at rate 0",
          "carried " + std::to_string(ch.words_carried()) + ", corrupted " + std::to_string(ch.words_corrupted()));
  }

  {
    const double rate = 0.01;
    const int n = 1000000;
    LaneChannel ch(3, rate, 42);
    uint64_t seen_corrupt = 0, control_changed = 0, invalid_touched = 0, zero_flip = 0;
    for (int t = 0; t < n + 3; t++) {
      const LaneWord& w = ch.front();
      if (t >= 3) {
        int sent = t - 3;
        bool valid = sent % 10 != 0;
        bool control = sent % 7 == 0;
        if (w.valid != valid) invalid_touched++;
        if (w.control != control) control_changed++;
        if (!valid && w.data != 0) invalid_touched++;
        if (valid && w.data != 0) seen_corrupt++;
      }
      if (t < n) ch.push(t % 10 != 0, t % 7 == 0, 0);
      else ch.push(false, false, 0);  // keep the clock going until the last word arrives
    }
    if (seen_corrupt != ch.words_corrupted()) zero_flip++;
    double expected = rate * ch.words_carried();
    double measured = (double)ch.words_corrupted();
    printf("MEASURED carried=%llu corrupted=%llu bits_flipped=%llu expected_corrupted=%.0f\n",
           (unsigned long long)ch.words_carried(), (unsigned long long)ch.words_corrupted(),
           (unsigned long long)ch.bits_flipped(), expected);
    check(ch.words_carried() == 900000, "counts valid words only", std::to_string(ch.words_carried()));
    check(std::fabs(measured - expected) < 4 * std::sqrt(expected), "error rate",
          "corrupted " + std::to_string(measured) + " vs expected " + std::to_string(expected));
    check(zero_flip == 0, "every counted corruption changes the word", "arrived changed " +
          std::to_string(seen_corrupt) + ", counted " + std::to_string(ch.words_corrupted()));
    check(control_changed == 0 && invalid_touched == 0, "control flag and invalid words untouched",
          std::to_string(control_changed) + " control flags, " + std::to_string(invalid_touched) + " invalid words");
    double mean_flips = (double)ch.bits_flipped() / ch.words_corrupted();
    check(mean_flips > 1.8 && mean_flips < 2.2, "one or more bits per error (mean about 2)",
          "mean flips " + std::to_string(mean_flips));
  }

  {
    LaneChannel a(2, 0.05, 7), b(2, 0.05, 7), c(2, 0.05, 8);
    bool same = true, differs = false;
    for (uint64_t t = 0; t < 20000; t++) {
      same = same && a.front().data == b.front().data;
      differs = differs || a.front().data != c.front().data;
      a.push(true, false, t);
      b.push(true, false, t);
      c.push(true, false, t);
    }
    check(same, "same seed, same errors", "two channels with seed 7 differed");
    check(differs, "another seed, other errors", "seeds 7 and 8 gave identical streams");
  }

  {
    // Idle blocks (control, type 0x78) are counted apart from frame words when corrupted.
    LaneChannel ch(1, 0.5, 11);
    for (int i = 0; i < 10000; i++) {
      ch.front();
      if (i % 2 == 0) ch.push(true, true, 0x78ull << 56);              // idle
      else ch.push(true, true, (0xD2ull << 56) | (uint64_t)i);        // data header
    }
    uint64_t idle = ch.idle_words_corrupted(), all = ch.words_corrupted();
    check(idle > 2000 && idle < 3000 && all - idle > 2000 && all - idle < 3000, "idle corruptions counted apart",
          std::to_string(idle) + " idle of " + std::to_string(all));
  }

  bool threw = false;
  try {
    LaneChannel bad(0, 0.0, 1);
  } catch (const std::invalid_argument&) {
    threw = true;
  }
  check(threw, "latency 0 rejected", "no exception");
  return failures == 0 ? 0 : 1;
}

// Shardwire serial-lane channel model for Verilator harnesses (hand-written; docs/link.md).
//
// Joins a transmitter's lane output to a receiver's lane input with a fixed latency and seeded
// random bit errors. A lane word is what the link endpoints exchange each cycle: valid, a
// control flag standing for the 64b/66b sync header, and 64 data bits. Errors flip data bits
// only: a damaged sync header (00 or 11) is caught by the transceiver's PCS, not passed on.
//
// Use, once per simulated cycle (clock low, before eval):
//   shardwire::LaneChannel ch(/*latency=*/40, /*error_rate=*/1e-4, /*seed=*/7);
//   const shardwire::LaneWord& w = ch.front();          // what arrives this cycle
//   rx->lane_in_valid = w.valid; rx->lane_in_ctrl = w.control; rx->lane_in_data = w.data;
//   ... eval, then after sampling the sender's outputs for this cycle:
//   ch.push(tx->lane_out_valid, tx->lane_out_ctrl, tx->lane_out_data);
// words_corrupted() counts every damaged word; idle_words_corrupted() the idle blocks among them,
// whose damage costs nothing (the receiver drops them), unlike a damaged frame word.
// A word pushed in cycle t is front() in cycle t + latency. Same seed, same errors.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace shardwire {

struct LaneWord {
  bool valid = false;
  bool control = false;
  uint64_t data = 0;
};

class LaneChannel {
 public:
  // latency: cycles from push to front, at least 1. error_rate: chance in [0, 1] that a valid
  // word is corrupted; a corrupted word has one bit flipped, and with chance 1/2 each a second,
  // third, ... distinct bit (at most kMaxFlips).
  LaneChannel(unsigned latency, double error_rate, uint64_t seed)
      : ring_(latency), error_rate_(error_rate), rng_(seed) {
    if (latency < 1) throw std::invalid_argument("LaneChannel: latency must be at least 1 cycle");
    if (!(error_rate >= 0.0 && error_rate <= 1.0)) {
      throw std::invalid_argument("LaneChannel: error_rate must be in [0, 1]");
    }
  }

  static constexpr int kMaxFlips = 8;
  static constexpr uint64_t kIdleType = 0x78;

  // The word reaching the receiver this cycle (invalid until the first pushed word arrives).
  const LaneWord& front() const { return ring_[head_]; }

  // The word the sender drives this cycle. Call exactly once per cycle, after front().
  void push(bool valid, bool control, uint64_t data) {
    LaneWord w{valid, control, data};
    if (valid) {
      carried_++;
      // An idle block (control, type 0x78 in bits 63:56) carries nothing: docs/link.md.
      const bool idle = control && (data >> 56) == kIdleType;
      if (error_rate_ > 0.0 && uniform() < error_rate_) {
        uint64_t mask = 0;
        int flips = 1;
        while (flips < kMaxFlips && (next() & 1)) flips++;
        while (__builtin_popcountll(mask) < flips) mask |= 1ull << (next() & 63);
        w.data ^= mask;
        corrupted_++;
        if (idle) idle_corrupted_++;
        bits_flipped_ += flips;
      }
    }
    ring_[head_] = w;
    head_ = (head_ + 1) % ring_.size();
  }

  unsigned latency() const { return (unsigned)ring_.size(); }
  uint64_t words_carried() const { return carried_; }      // valid words pushed
  uint64_t words_corrupted() const { return corrupted_; }  // of those, words with flipped bits
  uint64_t idle_words_corrupted() const { return idle_corrupted_; }  // of those, idle blocks (no data lost)
  uint64_t bits_flipped() const { return bits_flipped_; }

 private:
  // splitmix64: small, fast, and the same sequence on every platform.
  uint64_t next() {
    uint64_t z = (rng_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (double)(next() >> 11) * (1.0 / 9007199254740992.0); }

  std::vector<LaneWord> ring_;
  size_t head_ = 0;
  double error_rate_;
  uint64_t rng_;
  uint64_t carried_ = 0;
  uint64_t corrupted_ = 0;
  uint64_t idle_corrupted_ = 0;
  uint64_t bits_flipped_ = 0;
};

}  // namespace shardwire

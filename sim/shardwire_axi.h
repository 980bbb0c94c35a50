// Shardwire AXI4 read-only slave for Verilator drivers (hand-written; docs/ddr-weights.md).
//
// Stands in for a board's DDR behind its memory controller: a byte image (the DDR weight image
// that `generate` writes), served to an AXI4 read master with a configurable latency (cycles from
// an accepted AR to its first R beat, drawn per burst from [latency_min, latency_max]), bandwidth
// (bytes per cycle; a beat waits until enough has accrued) and seeded random gaps on AR and R.
// Bursts are answered in order, each with its own ARID echoed on RID (an Axi4ReadOnlyArbiter in
// front of several masters routes R back by the ID bits it adds; in-order answers are legal for
// any mix of IDs). It also checks the master: INCR only, full-width beats,
// aligned addresses, no burst across a 4 KB boundary, reads inside the image, AR held stable until
// accepted; each violation is a mismatch, so the run fails.
//
// Use, once per simulated cycle:
//   before eval:  drive arready, rvalid, rdata, rlast, rresp, rid from ar_ready(), r_valid(), r_data(),
//                 r_last(), 0, r_id()
//   after eval, before the rising edge:  step(cycle, arvalid, araddr, arlen, arsize, arburst, arid, rready, check)
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "shardwire_tb.h"

namespace shardwire {

struct DdrParams {
  unsigned latency_min = 1;     // cycles from AR accepted to the first R beat, at least 1
  unsigned latency_max = 1;
  double bytes_per_cycle = 0;   // sustained bandwidth; 0 = one beat every cycle
  int r_gap_percent = 0;        // chance that a ready beat is held back one more cycle
  int ar_stall_percent = 0;     // chance that arready is low in a cycle
  unsigned max_outstanding = 8; // bursts accepted and not yet fully returned
  uint64_t seed = 1;
  uint64_t image_base = 0;      // the address of image byte 0
};

class AxiReadSlave {
 public:
  AxiReadSlave(std::string name, std::vector<uint8_t> image, unsigned beat_bytes, DdrParams p)
      : name_(std::move(name)), image_(std::move(image)), beat_bytes_(beat_bytes), p_(p), rng_(p.seed) {
    if (p_.latency_min < 1 || p_.latency_max < p_.latency_min) {
      fprintf(stderr, "ERROR %s: latency range %u..%u is not valid (at least 1 cycle)\n", name_.c_str(),
              p_.latency_min, p_.latency_max);
      exit(2);
    }
    tokens_ = beat_bytes_;
    decide();
  }

  // The memory image: a binary file, byte 0 at address 0. Missing: exit 2, like a vector file.
  static std::vector<uint8_t> load_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fprintf(stderr, "ERROR missing memory image: %s\n", path.c_str());
      exit(2);
    }
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  // ---- what the slave drives this cycle
  bool ar_ready() const { return ar_ready_; }
  bool r_valid() const { return r_valid_; }
  bool r_last() const { return r_valid_ && beat_ + 1 == queue_.front().beats; }
  const Word& r_data() const { return r_data_; }
  // The ARID of the burst being answered (0 when none is).
  uint32_t r_id() const { return queue_.empty() ? 0 : queue_.front().id; }

  // ---- the master's signals this cycle (after eval, before the rising edge)
  void step(uint64_t cycle, bool arvalid, uint64_t araddr, unsigned arlen, unsigned arsize, unsigned arburst,
            uint32_t arid, bool rready, Checker& check) {
    // AR must hold still from the cycle it rises until it is accepted.
    if (held_ && (!arvalid || araddr != held_addr_ || arlen != held_len_ || arid != held_id_)) {
      fault(check, cycle, "AR changed or dropped before arready");
    }
    held_ = arvalid && !ar_ready_;
    held_addr_ = araddr;
    held_len_ = arlen;
    held_id_ = arid;
    if (arvalid && ar_ready_) accept(cycle, araddr, arlen, arsize, arburst, arid, check);

    if (r_valid_ && !rready) r_stall_cycles_++;
    if (r_valid_ && rready) {
      beats_++;
      tokens_ -= beat_bytes_;
      if (++beat_ == queue_.front().beats) {
        queue_.pop_front();
        beat_ = 0;
      }
      r_valid_ = false;
    }
    if (p_.bytes_per_cycle > 0) {
      tokens_ += p_.bytes_per_cycle;
      // Idle time banks at most one beat beyond the one being paid for, so a fractional rate
      // (13.6 bytes a cycle for 16-byte beats) averages out instead of rounding down to every other cycle.
      if (tokens_ > 2.0 * beat_bytes_) tokens_ = 2.0 * beat_bytes_;
    } else {
      tokens_ = beat_bytes_;
    }
    now_ = cycle + 1;
    decide();
  }

  const std::string& name() const { return name_; }
  uint64_t bursts() const { return bursts_.size(); }
  uint64_t beats() const { return beats_; }
  uint64_t r_stall_cycles() const { return r_stall_cycles_; }
  uint64_t max_outstanding_seen() const { return max_seen_; }

  // Each accepted AR, one line: byte address (hex) and beats (ARLEN + 1), for the test to compare.
  bool save_requests(const std::string& path) const {
    FILE* f = fopen(path.c_str(), "w");
    if (!f) return false;
    for (const Burst& b : bursts_) fprintf(f, "%llx %u\n", (unsigned long long)b.addr, b.beats);
    return fclose(f) == 0;
  }

  void write_json(JsonWriter& j) const {
    j.begin_object().key("name").str(name_).key("bursts").num(bursts()).key("beats").num(beats_)
        .key("r_stall_cycles").num(r_stall_cycles_).key("max_outstanding").num(max_seen_).end_object();
  }

 private:
  struct Burst {
    uint64_t addr;
    unsigned beats;
    uint64_t first_beat_cycle;
    uint32_t id;
  };

  std::string name_;
  std::vector<uint8_t> image_;
  unsigned beat_bytes_;
  DdrParams p_;
  Rng rng_;
  std::deque<Burst> queue_;
  std::vector<Burst> bursts_;
  unsigned beat_ = 0;
  uint64_t now_ = 0;
  double tokens_ = 0;
  bool ar_ready_ = false, r_valid_ = false;
  Word r_data_;
  bool held_ = false;
  uint64_t held_addr_ = 0;
  unsigned held_len_ = 0;
  uint32_t held_id_ = 0;
  uint64_t beats_ = 0, r_stall_cycles_ = 0, max_seen_ = 0, faults_ = 0;

  void fault(Checker& check, uint64_t cycle, const std::string& what) {
    check.mismatch(cycle, name_.c_str(), (size_t)bursts_.size(), "protocol", "AXI4 rule", what);
    faults_++;
  }

  void accept(uint64_t cycle, uint64_t addr, unsigned len, unsigned size, unsigned burst, uint32_t id,
              Checker& check) {
    unsigned beats = len + 1;
    uint64_t bytes = (uint64_t)beats * beat_bytes_;
    if (burst != 1) fault(check, cycle, format("arburst=%u, expected INCR (1)", burst));
    if ((1u << size) != beat_bytes_) fault(check, cycle, format("arsize=%u, expected full beats of %u bytes", size, beat_bytes_));
    if (addr % beat_bytes_) fault(check, cycle, format("araddr=%llx not aligned to %u bytes", (unsigned long long)addr, beat_bytes_));
    if (addr / 4096 != (addr + bytes - 1) / 4096) {
      fault(check, cycle, format("burst araddr=%llx beats=%u crosses a 4 KB boundary", (unsigned long long)addr, beats));
    }
    if (addr < p_.image_base || addr - p_.image_base + bytes > image_.size()) {
      fault(check, cycle, format("burst araddr=%llx beats=%u reads outside the %zu-byte image at %llx",
                                 (unsigned long long)addr, beats, image_.size(), (unsigned long long)p_.image_base));
    }
    unsigned span = p_.latency_max - p_.latency_min + 1;
    unsigned latency = p_.latency_min + (span > 1 ? rng_.next() % span : 0);
    Burst b{addr, beats, cycle + latency, id};
    queue_.push_back(b);
    bursts_.push_back(b);
    if (queue_.size() > max_seen_) max_seen_ = queue_.size();
  }

  // Chooses what to drive in the coming cycle. A beat already offered stays offered, unchanged.
  void decide() {
    ar_ready_ = queue_.size() < p_.max_outstanding && !rng_.chance(p_.ar_stall_percent);
    if (r_valid_ || queue_.empty()) return;
    const Burst& b = queue_.front();
    if (now_ < b.first_beat_cycle || tokens_ < beat_bytes_ || rng_.chance(p_.r_gap_percent)) return;
    uint64_t at = b.addr - p_.image_base + (uint64_t)beat_ * beat_bytes_;
    r_data_.w.assign((beat_bytes_ + 3) / 4, 0u);
    for (unsigned k = 0; k < beat_bytes_; k++) {
      uint8_t byte = at + k < image_.size() ? image_[at + k] : 0;
      r_data_.w[k / 4] |= (uint32_t)byte << (8 * (k % 4));
    }
    r_valid_ = true;
  }
};

}  // namespace shardwire

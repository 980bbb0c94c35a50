// Shardwire testbench support for Verilator drivers (hand-written; drivers are rendered from
// templates/verilator/*.vm). Streams follow AXI-Stream rules: a beat transfers on a rising edge
// where tvalid and tready are both high; a source holds tvalid and its payload until the beat
// transfers.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "verilated.h"

namespace shardwire {

// An unsigned value of any width, as 32-bit words, least significant first.
struct Word {
  std::vector<uint32_t> w;

  uint32_t get(size_t i) const { return i < w.size() ? w[i] : 0u; }

  static Word parse_hex(const std::string& s) {
    Word v;
    uint64_t acc = 0;
    int bits = 0;
    for (size_t k = s.size(); k-- > 0;) {
      char c = s[k];
      uint32_t d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else throw std::runtime_error("bad hex digit in '" + s + "'");
      acc |= (uint64_t)d << bits;
      bits += 4;
      if (bits == 32) { v.w.push_back((uint32_t)acc); acc = 0; bits = 0; }
    }
    if (bits) v.w.push_back((uint32_t)acc);
    return v;
  }

  // Keeps only the low 'width' bits (a port narrower than the file's value).
  Word masked(int width) const {
    Word v;
    int words = (width + 31) / 32;
    for (int i = 0; i < words; i++) v.w.push_back(get(i));
    if (width % 32) v.w[words - 1] &= (1u << (width % 32)) - 1;
    return v;
  }

  bool equals(const Word& o, int width) const {
    Word a = masked(width), b = o.masked(width);
    return a.w == b.w;
  }

  // The low 64 bits (status counters are at most that wide).
  uint64_t to_u64() const { return ((uint64_t)get(1) << 32) | get(0); }

  std::string hex() const {
    std::string s;
    for (size_t i = w.size(); i-- > 0;) {
      char buf[9];
      snprintf(buf, sizeof buf, "%08x", w[i]);
      s += buf;
    }
    size_t nz = s.find_first_not_of('0');
    return nz == std::string::npos ? "0" : s.substr(nz);
  }
};

// Port assignment and sampling for every Verilator port type.
inline void drive(CData& p, const Word& v) { p = (CData)v.get(0); }
inline void drive(SData& p, const Word& v) { p = (SData)v.get(0); }
inline void drive(IData& p, const Word& v) { p = v.get(0); }
inline void drive(QData& p, const Word& v) { p = ((QData)v.get(1) << 32) | v.get(0); }
template <std::size_t N>
inline void drive(VlWide<N>& p, const Word& v) {
  for (size_t i = 0; i < N; i++) p.at(i) = v.get(i);
}
inline Word sample(CData p) { return Word{{(uint32_t)p}}; }
inline Word sample(SData p) { return Word{{(uint32_t)p}}; }
inline Word sample(IData p) { return Word{{p}}; }
inline Word sample(QData p) { return Word{{(uint32_t)p, (uint32_t)(p >> 32)}}; }
template <std::size_t N>
inline Word sample(const VlWide<N>& p) {
  Word v;
  for (size_t i = 0; i < N; i++) v.w.push_back(p.at(i));
  return v;
}

// One beat: its fields in file order (tdata, then tlast, then tuser where present).
using Beat = std::vector<Word>;

// Reads a vector file (docs/vector-format.md). A missing or malformed file ends the run with
// exit code 2: a testbench without its vectors must fail, never pass vacuously.
inline std::vector<Beat> read_vectors(const std::string& path, size_t fields) {
  std::ifstream in(path);
  if (!in) {
    fprintf(stderr, "ERROR missing vector file: %s\n", path.c_str());
    exit(2);
  }
  std::vector<Beat> beats;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    lineno++;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    Beat b;
    std::string f;
    try {
      while (ls >> f) b.push_back(Word::parse_hex(f));
    } catch (const std::exception& e) {
      fprintf(stderr, "ERROR %s:%d: %s\n", path.c_str(), lineno, e.what());
      exit(2);
    }
    if (b.size() != fields) {
      fprintf(stderr, "ERROR %s:%d: %zu fields, the port has %zu\n", path.c_str(), lineno, b.size(), fields);
      exit(2);
    }
    beats.push_back(b);
  }
  return beats;
}

// Deterministic random source for back-pressure (xorshift64*).
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed ? seed : 0x9E3779B97F4A7C15ull) {}
  uint32_t next() {
    s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
    return (uint32_t)((s * 0x2545F4914F6CDD1Dull) >> 32);
  }
  // True with probability percent/100.
  bool chance(int percent) { return percent > 0 && (int)(next() % 100) < percent; }
};

// Writes JSON text (the run's results file, read on the Java side with Jackson): objects,
// arrays, keys and values in call order, strings escaped.
class JsonWriter {
 public:
  JsonWriter& begin_object() { value_start(); s_ += '{'; first_.push_back(true); return *this; }
  JsonWriter& end_object() { s_ += '}'; first_.pop_back(); return *this; }
  JsonWriter& begin_array() { value_start(); s_ += '['; first_.push_back(true); return *this; }
  JsonWriter& end_array() { s_ += ']'; first_.pop_back(); return *this; }
  JsonWriter& key(const std::string& k) { value_start(); quote(k); s_ += ':'; after_key_ = true; return *this; }
  JsonWriter& str(const std::string& v) { value_start(); quote(v); return *this; }
  JsonWriter& num(uint64_t v) { value_start(); s_ += std::to_string(v); return *this; }
  JsonWriter& real(double v) { value_start(); char b[32]; snprintf(b, sizeof b, "%.6f", v); s_ += b; return *this; }
  JsonWriter& boolean(bool v) { value_start(); s_ += v ? "true" : "false"; return *this; }
  const std::string& text() const { return s_; }

  // Writes the text to a file; false when it cannot.
  bool save(const char* path) const {
    FILE* f = fopen(path, "w");
    if (!f) return false;
    bool ok = fwrite(s_.data(), 1, s_.size(), f) == s_.size();
    ok = fputc('\n', f) != EOF && ok;
    return fclose(f) == 0 && ok;
  }

 private:
  std::string s_;
  std::vector<bool> first_;
  bool after_key_ = false;

  void value_start() {
    if (after_key_) { after_key_ = false; return; }
    if (!first_.empty()) {
      if (!first_.back()) s_ += ',';
      first_.back() = false;
    }
  }
  void quote(const std::string& v) {
    s_ += '"';
    for (unsigned char c : v) {
      if (c == '"' || c == '\\') { s_ += '\\'; s_ += (char)c; }
      else if (c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); s_ += b; }
      else s_ += (char)c;
    }
    s_ += '"';
  }
};

// Collects mismatches and other problems (a missing beat, a stuck input); prints the first few
// mismatches with cycle, port, beat, field, expected and actual, and keeps them for the results.
struct Checker {
  struct Mismatch {
    uint64_t cycle;
    std::string port;
    size_t beat;
    std::string field, expected, actual;
  };
  long mismatches = 0;
  std::vector<Mismatch> first;
  std::vector<std::string> problems;
  static constexpr size_t kShow = 10;

  void mismatch(uint64_t cycle, const char* port, size_t beat, const char* field, const std::string& expected,
                const std::string& actual) {
    mismatches++;
    if (first.size() < kShow) {
      first.push_back({cycle, port, beat, field, expected, actual});
      printf("MISMATCH cycle=%llu port=%s beat=%zu field=%s expected=%s actual=%s\n",
             (unsigned long long)cycle, port, beat, field, expected.c_str(), actual.c_str());
    }
  }

  // A problem that is not a single wrong beat ("MISSING port=... received=... expected=...").
  void problem(const std::string& line) {
    problems.push_back(line);
    printf("%s\n", line.c_str());
  }

  // The common part of the results file: cycles, verdict, mismatches, problems.
  void write(JsonWriter& j, uint64_t cycles, bool timed_out, double loop_seconds) const {
    j.key("cycles").num(cycles);
    j.key("mismatches").num((uint64_t)mismatches);
    j.key("timed_out").boolean(timed_out);
    j.key("loop_seconds").real(loop_seconds);
    j.key("first_mismatches").begin_array();
    for (const Mismatch& m : first) {
      j.begin_object().key("cycle").num(m.cycle).key("port").str(m.port).key("beat").num(m.beat)
          .key("field").str(m.field).key("expected").str(m.expected).key("actual").str(m.actual).end_object();
    }
    j.end_array();
    j.key("problems").begin_array();
    for (const std::string& p : problems) j.str(p);
    j.end_array();
  }
};

// printf into a std::string (for problem lines).
template <typename... A>
inline std::string format(const char* fmt, A... args) {
  char b[512];
  snprintf(b, sizeof b, fmt, args...);
  return b;
}

}  // namespace shardwire

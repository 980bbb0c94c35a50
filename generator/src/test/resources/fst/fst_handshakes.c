/*
 * Where a stream pipeline loses cycles, read from an FST of simulate's harness (docs/waveforms.md,
 * "Where a board loses cycles"): for every pair of one-bit signals <P>valid / <P>ready in one scope
 * (every AXI-Stream port of every module: s_axis_tvalid / s_axis_tready, the engines' inner
 * streams), the cycles of each handshake state, sampled where the harness checks beats (cycle c
 * at time 10c, its inputs applied, before the rising edge):
 *   <scope>.<P> transfer=<valid and ready> stall=<valid, not ready> starve=<ready, not valid>
 *   idle=<neither>
 * one line per pair, in the order the file declares them. A stream whose consumer is the
 * bottleneck stalls; one whose producer is starves. Built against the FST reader Verilator ships:
 *   cc -O2 -w -I. -I/usr/share/verilator/include/gtkwave fst_handshakes.c \
 *      /usr/share/verilator/include/gtkwave/{fstapi,fastlz,lz4}.c -lz -lpthread -o fst_handshakes
 * (with an empty config.h in .). Usage: fst_handshakes FILE.fst [FROM_CYCLE TO_CYCLE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fstapi.h"

typedef struct {
  char* name;
  fstHandle valid, ready;
  unsigned long long transfer, stall, starve, idle;
} Pair;

typedef struct {
  char* name;
  fstHandle handle;
} Var;

static Var* vars;
static size_t nvars, capvars;
static Pair* pairs;
static size_t npairs;
static unsigned char* value; /* current value of each handle: 1 when '1' */
static unsigned long long from_cycle = 0, to_cycle = ~0ull, prev_time = 0;
static int started = 0;

/* Every sample time 10c in [prev_time, until) saw the current values. */
static void account(unsigned long long until) {
  unsigned long long c0 = (prev_time + 9) / 10, c1 = (until + 9) / 10;
  if (c0 < from_cycle) c0 = from_cycle;
  if (to_cycle != ~0ull && c1 > to_cycle + 1) c1 = to_cycle + 1;
  if (c1 <= c0) return;
  unsigned long long n = c1 - c0;
  for (size_t i = 0; i < npairs; i++) {
    int v = value[pairs[i].valid], r = value[pairs[i].ready];
    if (v && r) pairs[i].transfer += n;
    else if (v) pairs[i].stall += n;
    else if (r) pairs[i].starve += n;
    else pairs[i].idle += n;
  }
}

static void change(void* user, uint64_t time, fstHandle handle, const unsigned char* v) {
  (void)user;
  if (!started) {
    prev_time = time;
    started = 1;
  }
  if (time != prev_time) {
    account(time);
    prev_time = time;
  }
  value[handle] = v[0] == '1';
}

static int ends_with(const char* s, const char* suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !strcmp(s + a - b, suffix);
}

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    fprintf(stderr, "usage: %s FILE.fst [FROM_CYCLE TO_CYCLE]\n", argv[0]);
    return 2;
  }
  if (argc == 4) {
    from_cycle = strtoull(argv[2], NULL, 10);
    to_cycle = strtoull(argv[3], NULL, 10);
  }
  void* ctx = fstReaderOpen(argv[1]);
  if (!ctx) {
    fprintf(stderr, "%s: not an FST file\n", argv[1]);
    return 1;
  }
  char scope[16384] = "";
  struct fstHier* h;
  while ((h = fstReaderIterateHier(ctx))) {
    if (h->htyp == FST_HT_SCOPE) {
      if (strlen(scope) + strlen(h->u.scope.name) + 2 >= sizeof scope) return 1;
      if (scope[0]) strcat(scope, ".");
      strcat(scope, h->u.scope.name);
    } else if (h->htyp == FST_HT_UPSCOPE) {
      char* dot = strrchr(scope, '.');
      if (dot) *dot = 0; else scope[0] = 0;
    } else if (h->htyp == FST_HT_VAR && h->u.var.length == 1
               && (ends_with(h->u.var.name, "valid") || ends_with(h->u.var.name, "ready"))) {
      if (nvars == capvars) {
        capvars = capvars ? 2 * capvars : 1024;
        vars = realloc(vars, capvars * sizeof *vars);
      }
      vars[nvars].name = malloc(strlen(scope) + strlen(h->u.var.name) + 2);
      sprintf(vars[nvars].name, "%s.%s", scope, h->u.var.name);
      vars[nvars].handle = h->u.var.handle;
      nvars++;
    }
  }
  pairs = calloc(nvars + 1, sizeof *pairs);
  for (size_t i = 0; i < nvars; i++) {
    if (!ends_with(vars[i].name, "valid")) continue;
    size_t prefix = strlen(vars[i].name) - 5;
    for (size_t j = 0; j < nvars; j++) {
      if (strlen(vars[j].name) == prefix + 5 && !strncmp(vars[j].name, vars[i].name, prefix)
          && ends_with(vars[j].name, "ready")) {
        pairs[npairs].name = strndup(vars[i].name, prefix);
        pairs[npairs].valid = vars[i].handle;
        pairs[npairs].ready = vars[j].handle;
        npairs++;
        break;
      }
    }
  }
  value = calloc(fstReaderGetMaxHandle(ctx) + 2, 1);
  fstReaderSetFacProcessMaskAll(ctx);
  fstReaderIterBlocks(ctx, change, NULL, NULL);
  account(fstReaderGetEndTime(ctx) + 1);
  for (size_t i = 0; i < npairs; i++) {
    printf("%s transfer=%llu stall=%llu starve=%llu idle=%llu\n", pairs[i].name, pairs[i].transfer, pairs[i].stall,
           pairs[i].starve, pairs[i].idle);
  }
  fstReaderClose(ctx);
  return 0;
}

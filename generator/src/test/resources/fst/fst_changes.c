/*
 * Test helper: reads an FST file with the FST reader Verilator ships (include/gtkwave/fstapi.c)
 * and prints what a waveform test needs to know it holds real waveforms, not just a header:
 *   start=<first time> end=<last time> vars=<variables> changes=<value changes after the
 *   first time> times=<distinct times after the first with a change> wide=<changes of signals
 *   wider than one bit after the first time>
 */
#include <stdio.h>
#include <string.h>
#include "fstapi.h"

static unsigned long long start_time, changes, wide, times, last_time = ~0ull;

static void change(void* user, uint64_t time, fstHandle handle, const unsigned char* value) {
  (void)user;
  (void)handle;
  if (time == start_time) return;  // the initial values
  changes++;
  if (strlen((const char*)value) > 1) wide++;
  if (time != last_time) {
    times++;
    last_time = time;
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE.fst\n", argv[0]);
    return 2;
  }
  void* ctx = fstReaderOpen(argv[1]);
  if (!ctx) {
    fprintf(stderr, "%s: not an FST file\n", argv[1]);
    return 1;
  }
  start_time = fstReaderGetStartTime(ctx);
  fstReaderSetFacProcessMaskAll(ctx);
  fstReaderIterBlocks(ctx, change, NULL, NULL);
  printf("start=%llu end=%llu vars=%llu changes=%llu times=%llu wide=%llu\n", start_time,
         (unsigned long long)fstReaderGetEndTime(ctx), (unsigned long long)fstReaderGetVarCount(ctx), changes, times,
         wide);
  fstReaderClose(ctx);
  return 0;
}

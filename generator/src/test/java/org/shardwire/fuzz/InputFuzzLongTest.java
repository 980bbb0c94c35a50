package org.shardwire.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * The long fuzz run, {@code mvn -B -pl generator -Pfuzz-long surefire:test@fuzz}: the same target as
 * {@link InputFuzzTest} for 20 minutes (libFuzzer prints the executions at the end; the recorded
 * run is in bench/RESULTS.md). Jazzer fuzzes one test per JVM, so the profile runs only this one.
 */
@Tag("fuzz-long")
class InputFuzzLongTest {
  @FuzzTest(maxDuration = "20m")
  void readersAcceptOrRefuseButNeverCrash(FuzzedDataProvider data) {
    InputFuzzTarget.run(data);
  }
}

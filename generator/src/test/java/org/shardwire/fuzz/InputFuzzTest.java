package org.shardwire.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The short fuzz run of the default suite (surefire execution "fuzz", in its own JVM, sets
 * JAZZER_FUZZ): a minute of coverage-guided inputs to the ONNX importer, plan.json and source.json
 * readers. Inputs that crashed once are kept under
 * src/test/resources/org/shardwire/fuzz/InputFuzzTestInputs and rerun as regression cases. The
 * long run is {@link InputFuzzLongTest} (mvn -B -pl generator -Pfuzz-long surefire:test@fuzz).
 */
class InputFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void readersAcceptOrRefuseButNeverCrash(FuzzedDataProvider data) {
    InputFuzzTarget.run(data);
  }
}

package org.shardwire.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.onnx.OnnxExporter;
import org.shardwire.model.onnx.OnnxImportException;
import org.shardwire.model.onnx.OnnxImporter;
import org.shardwire.model.onnx.OnnxReader;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.report.JsonFileException;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.report.SourceFile;
import org.shardwire.testing.TestPaths;

/**
 * What the fuzzer drives: the three readers of user files, each of which must either accept its
 * input or refuse it as bad input (the exceptions the CLI turns into exit 2); any other exception
 * or error is a crash and fails the fuzz test. The first input byte picks the reader; then the
 * input either is the whole file, or edits a real seed file (zoo exports and BlazeFace for the
 * importer, a real plan.json and source.json) so the fuzzer starts from valid structure.
 */
final class InputFuzzTarget {
  private InputFuzzTarget() {}

  static void run(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 2)) {
      case 0 -> onnx(input(data, Seeds.ONNX));
      case 1 -> planJson(new String(input(data, Seeds.PLAN), StandardCharsets.UTF_8));
      default -> sourceJson(new String(input(data, Seeds.SOURCE), StandardCharsets.UTF_8));
    }
  }

  static void onnx(byte[] bytes) {
    try {
      Graph g = OnnxImporter.importModel(OnnxReader.parseModel(bytes, "fuzz.onnx"), "fuzz", "fuzz.onnx").graph();
      g.shapes();
    } catch (OnnxImportException expected) {
      // refused with a message: exit 2 in the CLI
    }
  }

  static void planJson(String text) {
    try {
      PlanFile.read("plan.json", text);
    } catch (JsonFileException expected) {
      // refused with a message naming the file and key
    }
  }

  static void sourceJson(String text) {
    try {
      JsonFiles.read("source.json", text, SourceFile.class);
    } catch (JsonFileException expected) {
      // refused with a message naming the file and key
    }
  }

  /** Either the raw input, or one of the seeds with up to 32 byte edits and an optional cut. */
  private static byte[] input(FuzzedDataProvider data, List<byte[]> seeds) {
    int pick = data.consumeInt(0, seeds.size());
    if (pick == seeds.size()) {
      return data.consumeRemainingAsBytes();
    }
    byte[] b = seeds.get(pick).clone();
    int edits = data.consumeInt(0, 32);
    for (int i = 0; i < edits && b.length > 0; i++) {
      b[data.consumeInt(0, b.length - 1)] = data.consumeByte();
    }
    if (data.consumeBoolean() && b.length > 0) {
      b = java.util.Arrays.copyOf(b, data.consumeInt(0, b.length - 1));
    }
    return b;
  }

  /** Real files to start from, made once per JVM. */
  static final class Seeds {
    static final List<byte[]> ONNX = new ArrayList<>();
    static final List<byte[]> PLAN = new ArrayList<>();
    static final List<byte[]> SOURCE = new ArrayList<>();

    static {
      for (String name : List.of("resnet8-cifar", "shufflenet-tiny")) {
        Graph g = ModelZoo.build(name, Shape.of(8, 8, 3), 1);
        ONNX.add(OnnxExporter.export(g).toByteArray());
      }
      Path blazeFace = TestPaths.repoRoot().resolve(".cache/models/face_detection_front_128x128_barracuda.onnx");
      try {
        ONNX.add(Files.readAllBytes(blazeFace));
      } catch (IOException e) {
        throw new UncheckedIOException(blazeFace + " is missing: run scripts/fetch-blazeface.sh", e);
      }
      Graph small = ModelZoo.build("resnet8-cifar", Shape.of(8, 8, 3), 1);
      BoardList boards = BoardList.parse("zcu102:1,f10a-a10gx1150:1", BoardCatalog.builtIn());
      PLAN.add(PlanFile.write(Planner.plan(Quantization.quantize(small, 1), boards, PlanOptions.defaults(boards)))
          .getBytes(StandardCharsets.UTF_8));
      SOURCE.add(JsonFiles.write(new SourceFile("resnet8-cifar", null, null, "8x8", 1))
          .getBytes(StandardCharsets.UTF_8));
      SOURCE.add(JsonFiles.write(new SourceFile(null, "model/m.onnx", "0".repeat(64), null, 7))
          .getBytes(StandardCharsets.UTF_8));
    }
  }
}

package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.emit.FolderChecksums;
import org.shardwire.testing.TestPaths;

/**
 * The bad-input corpus: user mistakes across every command, each run in-process and checked for
 * exit code 2, a message that names what was wrong, no Java class names or stack traces, and
 * nothing written or left behind (the scratch folder and the working folder are unchanged).
 * {@code $S} in an argument is the case's scratch folder; {@code $G} a copy of a generated cluster.
 */
class BadInputCorpusTest {
  private static final String ONNX = "model.onnx";

  /** One mistake: prepare the scratch folder, run the arguments, expect exit 2 and this message part. */
  record Bad(String name, Consumer<Path> setup, String message, String... args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Bad bad(String name, String message, String... args) {
    return new Bad(name, s -> {}, message, args);
  }

  static Bad bad(String name, Consumer<Path> setup, String message, String... args) {
    return new Bad(name, setup, message, args);
  }

  static Stream<Bad> corpus() {
    List<Bad> c = new ArrayList<>();
    // --- generate: where the output goes
    c.add(bad("generate into an existing file", file("afile", "keep me"), "is an existing file",
        "generate", "--model", "resnet8-cifar", "--out", "$S/afile"));
    c.add(bad("generate into a folder that is not ours", nonEmpty("mine"), "not written by Shardwire",
        "generate", "--model", "resnet8-cifar", "--out", "$S/mine"));
    c.add(bad("generate into a folder not ours, plan run", nonEmpty("mine"), "--force",
        "plan", "--model", "resnet8-cifar", "--out", "$S/mine"));
    c.add(bad("generate under a file", file("afile", "x"), "is a file, so no folder can be made under it",
        "generate", "--out", "$S/afile/sub"));
    c.add(bad("generate to the root", "file system root", "generate", "--out", "/"));
    c.add(bad("generate to the root via ..", "file system root", "generate", "--out", "/tmp/../"));
    c.add(bad("generate into a repository", repo("proj"), "is a repository", "generate", "--out", "$S/proj"));
    c.add(bad("generate into .git", repo("proj"), "inside a repository's .git folder",
        "generate", "--out", "$S/proj/.git/out"));
    c.add(bad("generate into a symlink", symlink("link", "real"), "is a symbolic link", "generate", "--out", "$S/link"));
    c.add(bad("generate into a read-only file system", "cannot create folders in /proc",
        "generate", "--out", "/proc/shardwire-corpus"));
    c.add(bad("generate --out without a folder", "Missing required parameter for option '--out'", "generate", "--out"));
    // --- boards, strategy, clock, multipliers
    c.add(bad("zero boards", "zcu102:0", "generate", "--boards", "zcu102:0", "--out", "$S/o"));
    c.add(bad("empty board list", "--boards", "generate", "--boards", "", "--out", "$S/o"));
    c.add(bad("board with two counts", "zcu102", "generate", "--boards", "zcu102:1:2", "--out", "$S/o"));
    c.add(bad("negative board count", "-1", "generate", "--boards", "zcu102:-1", "--out", "$S/o"));
    c.add(bad("board count not a number", "abc", "generate", "--boards", "zcu102:abc", "--out", "$S/o"));
    c.add(bad("board count past int", "99999999999", "generate", "--boards", "zcu102:99999999999", "--out", "$S/o"));
    c.add(bad("1000 boards", "64", "generate", "--boards", "zcu102:1000", "--out", "$S/o"));
    c.add(bad("unknown board", "nosuchboard", "generate", "--boards", "nosuchboard:2", "--out", "$S/o"));
    c.add(bad("board id hostile", "allowed", "generate", "--boards", "../../etc/passwd:1", "--out", "$S/o"));
    c.add(bad("board list with an empty item", "--boards", "generate", "--boards", "zcu102:1,,zcu102:1", "--out", "$S/o"));
    c.add(bad("unknown strategy", "--strategy", "generate", "--strategy", "random", "--out", "$S/o"));
    c.add(bad("generate channel groups the boards cannot share", "layer stage2.0.gconv2", "generate", "--model",
        "shufflenet-tiny", "--boards", "zcu102:3", "--strategy", "channel-group", "--out", "$S/o"));
    c.add(bad("generate channel groups on channels the boards cannot share", "layer conv1.relu: its 16 output "
        + "channels cannot be shared by 3 boards", "generate", "--model", "resnet8-cifar", "--boards", "zcu102:3",
        "--strategy", "channel-group", "--out", "$S/o"));
    c.add(bad("generate channel groups on one board", "channel groups need at least 2 boards", "generate",
        "--boards", "zcu102:1", "--strategy", "channel-group", "--out", "$S/o"));
    c.add(bad("channel groups the boards cannot share", "stage2.0.gconv2", "plan", "--model", "shufflenet-tiny",
        "--boards", "zcu102:3", "--strategy", "channel-group"));
    c.add(bad("clock zero", "--clock-mhz", "generate", "--clock-mhz", "0", "--out", "$S/o"));
    c.add(bad("clock negative", "--clock-mhz", "generate", "--clock-mhz", "-5", "--out", "$S/o"));
    c.add(bad("clock a billionth", "--clock-mhz", "generate", "--clock-mhz", "1e-9", "--out", "$S/o"));
    c.add(bad("clock NaN", "--clock-mhz", "generate", "--clock-mhz", "NaN", "--out", "$S/o"));
    c.add(bad("clock infinite", "--clock-mhz", "generate", "--clock-mhz", "Infinity", "--out", "$S/o"));
    c.add(bad("clock a GHz", "--clock-mhz", "generate", "--clock-mhz", "1e9", "--out", "$S/o"));
    c.add(bad("clock not a number", "--clock-mhz", "generate", "--clock-mhz", "fast", "--out", "$S/o"));
    c.add(bad("multiplier cap zero", "--max-multipliers-per-engine", "generate", "--max-multipliers-per-engine", "0",
        "--out", "$S/o"));
    c.add(bad("multiplier cap negative", "--max-multipliers-per-engine", "generate", "--max-multipliers-per-engine",
        "-5", "--out", "$S/o"));
    c.add(bad("multiplier cap past int", "--max-multipliers-per-engine", "generate", "--max-multipliers-per-engine",
        "99999999999", "--out", "$S/o"));
    // --- which model
    c.add(bad("unknown model", "nosuchnet", "generate", "--model", "nosuchnet", "--out", "$S/o"));
    c.add(bad("empty model name", "--model", "generate", "--model", "", "--out", "$S/o"));
    c.add(bad("model name is a path", "--model", "generate", "--model", "../../etc/passwd", "--out", "$S/o"));
    c.add(bad("model name with a newline", "--model", "generate", "--model", "resnet8\ncifar", "--out", "$S/o"));
    c.add(bad("model and onnx together", onnxExport(), "cannot be combined", "generate", "--model", "resnet8-cifar",
        "--onnx", "$S/" + ONNX, "--out", "$S/o"));
    c.add(bad("onnx file missing", "--onnx", "generate", "--onnx", "$S/none.onnx", "--out", "$S/o"));
    c.add(bad("onnx is a folder", "--onnx", "generate", "--onnx", "$S", "--out", "$S/o"));
    c.add(bad("onnx empty file", file("e.onnx", ""), "--onnx", "generate", "--onnx", "$S/e.onnx", "--out", "$S/o"));
    c.add(bad("onnx is text", file("t.onnx", "hello, I am not a model\n"), "--onnx", "generate", "--onnx",
        "$S/t.onnx", "--out", "$S/o"));
    c.add(bad("onnx random bytes", randomBytes("r.onnx", 4096), "--onnx", "generate", "--onnx", "$S/r.onnx",
        "--out", "$S/o"));
    c.add(bad("onnx truncated", onnxEdited(b -> Arrays.copyOf(b, b.length / 2)), "--onnx", "generate", "--onnx",
        "$S/" + ONNX, "--out", "$S/o"));
    c.add(bad("onnx with a NaN weight", onnxWeight(Float.NaN), "is NaN", "generate", "--onnx", "$S/" + ONNX,
        "--out", "$S/o"));
    c.add(bad("onnx with an infinite weight", onnxWeight(Float.POSITIVE_INFINITY), "is Infinity", "generate",
        "--onnx", "$S/" + ONNX, "--out", "$S/o"));
    c.add(bad("onnx with a NaN weight, plan", onnxWeight(Float.NaN), "must be finite", "plan", "--onnx",
        "$S/" + ONNX));
    c.add(bad("onnx with a NaN weight, model", onnxWeight(Float.NaN), "must be finite", "model", "--onnx",
        "$S/" + ONNX));
    c.add(bad("onnx and input size together", onnxExport(), "cannot be combined", "generate", "--onnx",
        "$S/" + ONNX, "--input-size", "16x16", "--out", "$S/o"));
    // --- input size
    c.add(bad("input size that overflows", "--input-size", "generate", "--model", "resnet8-cifar", "--input-size",
        "99999x99999", "--out", "$S/o"));
    c.add(bad("input size zero", "--input-size", "generate", "--model", "resnet8-cifar", "--input-size", "0x32",
        "--out", "$S/o"));
    c.add(bad("input size negative", "--input-size", "generate", "--model", "resnet8-cifar", "--input-size", "-3x32",
        "--out", "$S/o"));
    c.add(bad("input size one number", "expected HxW", "generate", "--model", "resnet8-cifar", "--input-size", "32",
        "--out", "$S/o"));
    c.add(bad("input size four numbers", "expected HxW", "generate", "--model", "resnet8-cifar", "--input-size",
        "32x32x3x3", "--out", "$S/o"));
    c.add(bad("input size words", "not a whole number", "generate", "--model", "resnet8-cifar", "--input-size", "axb",
        "--out", "$S/o"));
    c.add(bad("input size zero channels", "--input-size", "generate", "--model", "resnet8-cifar", "--input-size",
        "32x32x0", "--out", "$S/o"));
    c.add(bad("input size past int", "--input-size", "generate", "--model", "resnet8-cifar", "--input-size",
        "99999999999x32", "--out", "$S/o"));
    c.add(bad("seed not a number", "--seed", "generate", "--seed", "abc", "--out", "$S/o"));
    c.add(bad("seed past long", "--seed", "generate", "--seed", "99999999999999999999", "--out", "$S/o"));
    // --- options mixed up
    c.add(bad("unknown option", "--frobnicate", "generate", "--frobnicate", "--out", "$S/o"));
    c.add(bad("stray argument", "extra", "generate", "extra", "--out", "$S/o"));
    c.add(bad("simulate option on generate", "--frames", "generate", "--frames", "2", "--out", "$S/o"));
    c.add(bad("unknown command", "nosuchcommand", "nosuchcommand"));
    c.add(bad("boolean option with a value", "--engines", "plan", "--engines=maybe"));
    // --- plan
    c.add(bad("plan into an existing file", file("afile", "x"), "is an existing file", "plan", "--out", "$S/afile",
        "--model", "resnet8-cifar"));
    c.add(bad("plan unknown model", "nosuchnet", "plan", "--model", "nosuchnet"));
    c.add(bad("plan unknown board", "nosuchboard", "plan", "--model", "resnet8-cifar", "--boards", "nosuchboard:1"));
    c.add(bad("plan clock zero", "--clock-mhz", "plan", "--model", "resnet8-cifar", "--clock-mhz", "0"));
    c.add(bad("plan onnx folder", "--onnx", "plan", "--onnx", "$S"));
    c.add(bad("plan input size overflow", "--input-size", "plan", "--model", "resnet8-cifar", "--input-size",
        "99999x99999"));
    c.add(bad("plan without a model", "--model NAME is required", "plan"));
    // --- blocks
    c.add(bad("blocks huge weight depth", "depth", "blocks", "--weight-depth", "2000000000", "--out", "$S/o"));
    c.add(bad("blocks negative weight depth", "depth", "blocks", "--weight-depth", "-5", "--out", "$S/o"));
    c.add(bad("blocks weights is a folder", "--weights", "blocks", "--weights", "$S", "--out", "$S/o"));
    c.add(bad("blocks weights binary", randomBytes("w.bin", 512), "w.bin", "blocks", "--weights", "$S/w.bin",
        "--out", "$S/o"));
    c.add(bad("blocks weights empty", file("w.hex", ""), "w.hex", "blocks", "--weights", "$S/w.hex", "--out", "$S/o"));
    c.add(bad("blocks weights bad hex", file("w.hex", "zz\n"), "w.hex", "blocks", "--weights", "$S/w.hex", "--out",
        "$S/o"));
    c.add(bad("blocks simd 3", "simd must be one of 1, 2, 4, 8, 16", "blocks", "--simd", "3", "--out", "$S/o"));
    c.add(bad("blocks pe 65", "pe must be in 1..64", "blocks", "--pe", "65", "--out", "$S/o"));
    c.add(bad("blocks vendor empty", "--vendor", "blocks", "--vendor", "", "--out", "$S/o"));
    c.add(bad("blocks into a file", file("afile", "x"), "is an existing file", "blocks", "--out", "$S/afile"));
    c.add(bad("blocks into the root", "file system root", "blocks", "--out", "/"));
    c.add(bad("blocks seed not a number", "--seed", "blocks", "--seed", "x", "--out", "$S/o"));
    // --- model
    c.add(bad("model unknown", "nosuchnet", "model", "--model", "nosuchnet"));
    c.add(bad("model onnx garbage", randomBytes("r.onnx", 100), "--onnx", "model", "--onnx", "$S/r.onnx"));
    c.add(bad("model export into a folder", "--export-onnx", "model", "--model", "resnet8-cifar", "--export-onnx",
        "$S"));
    c.add(bad("model export under a file", file("afile", "x"), "--export-onnx", "model", "--model", "resnet8-cifar",
        "--export-onnx", "$S/afile/m.onnx"));
    // --- simulate: options
    c.add(bad("simulate without a folder", "Missing required parameter", "simulate"));
    c.add(bad("simulate a missing folder", "is not a folder", "simulate", "$S/none"));
    c.add(bad("simulate a file", file("afile", "x"), "is not a folder", "simulate", "$S/afile"));
    c.add(bad("simulate an empty folder", "is not a generated cluster", "simulate", "$S"));
    c.add(bad("simulate zero frames", generated(), "--frames", "simulate", "$G", "--frames", "0"));
    c.add(bad("simulate negative frames", generated(), "--frames", "simulate", "$G", "--frames", "-1"));
    c.add(bad("simulate too many frames", generated(), "--frames", "simulate", "$G", "--frames", "100000"));
    c.add(bad("simulate a trace window without a colon", generated(), "--trace-window: trace window must be "
        + "BEFORE:AFTER", "simulate", "$G", "--trace", "--trace-window", "1000"));
    c.add(bad("simulate a negative trace window", generated(), "each in 0..100000000", "simulate", "$G", "--trace",
        "--trace-window", "-5:10"));
    c.add(bad("simulate negative latency", generated(), "latency", "simulate", "$G", "--latency", "-1"));
    c.add(bad("simulate huge latency", generated(), "latency", "simulate", "$G", "--latency", "2000000000"));
    c.add(bad("simulate bit error rate 2", generated(), "bit error rate", "simulate", "$G", "--bit-error-rate", "2"));
    c.add(bad("simulate bit error rate NaN", generated(), "bit error rate", "simulate", "$G", "--bit-error-rate",
        "NaN"));
    c.add(bad("simulate negative bit error rate", generated(), "bit error rate", "simulate", "$G",
        "--bit-error-rate", "-0.1"));
    c.add(bad("simulate zero DDR latency", generated(), "--ddr-latency must be", "simulate", "$G", "--ddr-latency", "0"));
    c.add(bad("simulate a DDR latency range backwards", generated(), "--ddr-latency must be", "simulate", "$G",
        "--ddr-latency", "90..20"));
    c.add(bad("simulate zero DDR bandwidth", generated(), "--ddr-bytes-per-cycle must be", "simulate", "$G",
        "--ddr-bytes-per-cycle", "0"));
    c.add(bad("simulate zero max cycles", generated(), "cycles", "simulate", "$G", "--max-cycles", "0"));
    c.add(bad("simulate build cache is a file", generated().andThen(file("afile", "x")), "--build-cache",
        "simulate", "$G", "--build-cache", "$S/afile"));
    c.add(bad("simulate a board past the last", generated(), "--board 2: ", "simulate", "$G", "--board", "2"));
    c.add(bad("simulate a negative board", generated(), "so --board must be in 0..1", "simulate", "$G", "--board",
        "-1"));
    c.add(bad("simulate trace cycles without --trace", generated(), "--trace-cycles needs --trace", "simulate",
        "$G", "--board", "1", "--trace-cycles", "10:20"));
    c.add(bad("simulate trace cycles backwards", generated(), "--trace-cycles: trace cycles must be FROM:TO with",
        "simulate", "$G", "--trace", "--trace-cycles", "20:10"));
    c.add(bad("simulate trace cycles not numbers", generated(), "--trace-cycles: trace cycles must be FROM:TO (e.g.",
        "simulate", "$G", "--trace", "--trace-cycles", "a:b"));
    // --- simulate: a folder that changed since generate
    c.add(bad("simulate after the seed was edited", generated().andThen(edit("source.json", s -> s.replace(
        "\"seed\": 1", "\"seed\": 2"))), "source.json changed since generate", "simulate", "$G"));
    c.add(bad("simulate with a model field of 42", generated().andThen(edit("source.json", s -> s.replaceFirst(
        "\"model\": [^,]*", "\"model\": 42"))), "source.json changed", "simulate", "$G"));
    c.add(bad("simulate after plan.json was edited", generated().andThen(edit("plan.json", s -> s + " ")),
        "plan.json changed", "simulate", "$G"));
    c.add(bad("simulate after a board RTL file was deleted", generated().andThen(g -> delete(g.resolve(
        "gen/board0/rtl/board0_top.v"))), "board0/rtl/board0_top.v is missing", "simulate", "$G"));
    c.add(bad("simulate after a weight file was edited", generated().andThen(g -> editFirst(g.resolve(
        "gen/board1/weights"))), "changed since generate", "simulate", "$G"));
    c.add(bad("simulate after the folder's model copy was rewritten", generated().andThen(g -> rewrite(g.resolve(
        "gen/model/" + ONNX))), "model/" + ONNX + " changed since generate", "simulate", "$G"));
    c.add(bad("simulate after the folder's model copy was deleted", generated().andThen(g -> delete(g.resolve(
        "gen/model/" + ONNX))), "model/" + ONNX + " is missing", "simulate", "$G"));
    c.add(bad("simulate without checksums", generated().andThen(g -> delete(g.resolve("gen/" + FolderChecksums.FILE))),
        FolderChecksums.FILE + " is missing", "simulate", "$G"));
    c.add(bad("simulate with garbage checksums", generated().andThen(edit(FolderChecksums.FILE, s -> "garbage\n")),
        "malformed line", "simulate", "$G"));
    c.add(bad("simulate with a harness file removed", generated().andThen(g -> delete(g.resolve(
        "gen/sim/cluster_driver.cpp"))), "sim/cluster_driver.cpp is missing", "simulate", "$G"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void exitsTwoWithAClearMessageAndWritesNothing(Bad bad) {
    Path scratch = TestPaths.freshDir("corpus/" + bad.name().replaceAll("[^A-Za-z0-9]+", "-"));
    bad.setup().accept(scratch);
    String[] args = Arrays.stream(bad.args()).map(a -> a.replace("$G", scratch.resolve("gen").toString())
        .replace("$S", scratch.toString())).toArray(String[]::new);
    Path cwd = Path.of("").toAbsolutePath();
    Map<String, String> before = CliRun.snapshot(scratch);
    List<String> cwdBefore = list(cwd);
    CliRun r = CliRun.of(args);
    String all = r.out() + r.err();
    assertEquals(2, r.exitCode(), bad.name() + ": " + all);
    assertTrue(r.err().contains(bad.message()), "the message should say '" + bad.message() + "', got: " + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().matches("(?s).*\\bjava\\.\\w.*"),
        "no Java class names or stack traces for a user mistake: " + r.err());
    assertTrue(r.err().length() < 1200, "a short message, not an echo of the input: " + r.err().length() + " chars");
    assertEquals(before, CliRun.snapshot(scratch), "nothing written or left behind in " + scratch);
    assertEquals(cwdBefore, list(cwd), "nothing written in the working folder");
  }

  @Test
  void theCorpusHasAtLeastEightyCases() {
    assertTrue(corpus().count() >= 80, "corpus has " + corpus().count() + " cases");
  }

  // ---- setups

  private static Consumer<Path> file(String name, String text) {
    return s -> write(s.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  private static Consumer<Path> nonEmpty(String dir) {
    return s -> write(s.resolve(dir).resolve("notes.txt"), "my notes".getBytes(StandardCharsets.UTF_8));
  }

  private static Consumer<Path> repo(String dir) {
    return s -> write(s.resolve(dir).resolve(".git/HEAD"), "ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8));
  }

  private static Consumer<Path> symlink(String link, String target) {
    return s -> {
      try {
        Files.createDirectories(s.resolve(target));
        Files.createSymbolicLink(s.resolve(link), s.resolve(target));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static Consumer<Path> randomBytes(String name, int n) {
    return s -> {
      byte[] b = new byte[n];
      new Random(n).nextBytes(b);
      write(s.resolve(name), b);
    };
  }

  /** resnet8-cifar exported as ONNX, at 16x16 so it imports and plans quickly. */
  private static Consumer<Path> onnxExport() {
    return s -> write(s.resolve(ONNX), baseOnnx());
  }

  private static Consumer<Path> onnxEdited(java.util.function.UnaryOperator<byte[]> edit) {
    return s -> write(s.resolve(ONNX), edit.apply(baseOnnx()));
  }

  /** The exported model with its first 4-D weight's first value replaced. */
  private static Consumer<Path> onnxWeight(float value) {
    return onnxEdited(bytes -> {
      try {
        ModelProto m = ModelProto.parseFrom(bytes);
        ModelProto.Builder b = m.toBuilder();
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
          TensorProto t = m.getGraph().getInitializer(i);
          if (t.getDimsCount() == 4 && !t.getRawData().isEmpty()) {
            byte[] raw = t.getRawData().toByteArray();
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value);
            b.getGraphBuilder().setInitializer(i, t.toBuilder().setRawData(ByteString.copyFrom(raw)));
            return b.build().toByteArray();
          }
        }
        throw new AssertionError("the exported model has no 4-D raw initializer");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static byte[] cachedOnnx;

  private static synchronized byte[] baseOnnx() {
    if (cachedOnnx == null) {
      Path dir = TestPaths.freshDir("corpus-base/onnx");
      CliRun r = CliRun.of("model", "--model", "resnet8-cifar", "--input-size", "16x16", "--export-onnx",
          dir.resolve(ONNX).toString());
      assertEquals(0, r.exitCode(), r.err());
      try {
        cachedOnnx = Files.readAllBytes(dir.resolve(ONNX));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cachedOnnx;
  }

  private static Path cachedCluster;

  /** A cluster generated from the exported ONNX (one generate for the whole corpus), copied to $S/gen. */
  private static Consumer<Path> generated() {
    return s -> {
      Path base = baseCluster();
      copyTree(base.resolve("gen"), s.resolve("gen"));
      write(s.resolve(ONNX), baseOnnx());
      // source.json names the ONNX file by absolute path, so each copy must point at its own.
      String src = read(s.resolve("gen/source.json")).replace(base.resolve(ONNX).toString(), s.resolve(ONNX).toString());
      write(s.resolve("gen/source.json"), src.getBytes(StandardCharsets.UTF_8));
      String sums = read(s.resolve("gen/" + FolderChecksums.FILE)).replace(base.resolve(ONNX).toString(),
          s.resolve(ONNX).toString());
      write(s.resolve("gen/" + FolderChecksums.FILE), sums.getBytes(StandardCharsets.UTF_8));
      try {
        // Re-record the edited source.json: the copy is as generate would have written it there.
        String hash = sha256(s.resolve("gen/source.json"));
        String fixed = sums.replaceAll("(?m)^[0-9a-f]{64}  source\\.json$", hash + "  source.json");
        write(s.resolve("gen/" + FolderChecksums.FILE), fixed.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static synchronized Path baseCluster() {
    if (cachedCluster == null) {
      Path dir = TestPaths.freshDir("corpus-base/cluster");
      write(dir.resolve(ONNX), baseOnnx());
      CliRun r = CliRun.of("generate", "--onnx", dir.resolve(ONNX).toString(), "--max-multipliers-per-engine", "16",
          "--out", dir.resolve("gen").toString());
      assertEquals(0, r.exitCode(), r.err());
      cachedCluster = dir;
    }
    return cachedCluster;
  }

  private static Consumer<Path> edit(String file, java.util.function.UnaryOperator<String> change) {
    return s -> {
      Path p = s.resolve("gen").resolve(file);
      write(p, change.apply(read(p)).getBytes(StandardCharsets.UTF_8));
    };
  }

  private static void editFirst(Path dir) {
    try (var list = Files.list(dir)) {
      Path f = list.sorted().findFirst().orElseThrow();
      write(f, (read(f) + "00\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rewrite(Path onnx) {
    byte[] b = baseOnnx().clone();
    b[b.length - 1] ^= 1;
    write(onnx, b);
  }

  private static String sha256(Path p) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(p)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, byte[] bytes) {
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      AtomicOutput.deleteTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> list(Path dir) {
    try (var l = Files.list(dir)) {
      return l.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.shardwire.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.onnx.OnnxExporter;
import org.shardwire.model.onnx.OnnxImporter;
import org.shardwire.model.onnx.TensorLayout;
import org.shardwire.model.onnx.ValueBinding;

/**
 * The float model's ranking from ONNX Runtime, an engine independent of Shardwire's, shown by
 * {@code simulate --image} beside the golden model's and the cluster's. An ONNX folder runs its
 * own copy of the model file; a built-in (zoo) net has no ONNX file, so it runs the net as
 * {@code model --export-onnx} writes it, and says so ({@link #source()}).
 */
final class OrtRanking implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final String input;
  private final TensorLayout layout;
  private final String source;

  private OrtRanking(byte[] model, String input, TensorLayout layout, String source) {
    this.input = input;
    this.layout = layout;
    this.source = source;
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1); // one thread: the same sums in the same order on every run
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      session = env.createSession(model, options);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load " + source + ": " + e.getMessage(), e);
    }
  }

  /** ONNX Runtime on what the folder was generated from: its ONNX copy, or the zoo net exported. */
  static OrtRanking of(ModelOptions options, Graph graph) {
    try {
      if (options.onnx != null) {
        ValueBinding in = OnnxImporter.importFile(options.onnx).inputs().get(0);
        return new OrtRanking(Files.readAllBytes(options.onnx), in.onnxName(), in.layout(),
            "the folder's copy of " + options.onnx.getFileName());
      }
      int[] hwc = {graph.inputShape().h(), graph.inputShape().w(), graph.inputShape().c()};
      return new OrtRanking(OnnxExporter.export(graph).toByteArray(), graph.inputs().get(0).name(),
          TensorLayout.nchw(new int[] {1, hwc[2], hwc[0], hwc[1]}),
          "the built-in net exported to ONNX, as model --export-onnx writes it: a zoo net has no ONNX file");
    } catch (java.io.IOException e) {
      throw new UserInputException("cannot read " + options.onnx + ": " + e.getMessage(), e);
    }
  }

  /** What ran: the model file, or the exported zoo net. */
  String source() {
    return source;
  }

  /** The top {@code k} classes of a picture (the IR's HWC tensor, laid out as the ONNX input wants). */
  List<TopClasses.Ranked> top(FloatTensor image, int k) {
    int[] toOnnx = layout.irToOnnx();
    float[] onnx = new float[toOnnx.length];
    for (int i = 0; i < toOnnx.length; i++) {
      onnx[toOnnx[i]] = image.data()[i];
    }
    long[] dims = java.util.Arrays.stream(layout.onnxDims()).asLongStream().toArray();
    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(onnx), dims);
        OrtSession.Result r = session.run(java.util.Map.of(input, t))) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] scores = new float[fb.remaining()];
      fb.get(scores);
      return TopClasses.top(scores, k);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}

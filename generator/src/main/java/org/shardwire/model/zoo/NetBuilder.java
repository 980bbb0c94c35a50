package org.shardwire.model.zoo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;

/**
 * Builds zoo networks layer by layer, tracking channel counts so weights get the right size.
 * Naming: a conv is "x", its BatchNorm "x.bn", its ReLU "x.relu"; after folding and fusing, the
 * node keeps the last name ("x.relu"), which still starts with the conv's name.
 */
final class NetBuilder {
  private final GraphBuilder graph;
  private final WeightInit init;
  private final Map<String, Integer> channels = new HashMap<>();

  NetBuilder(String name, WeightInit init) {
    this.graph = new GraphBuilder(name);
    this.init = init;
  }

  String input(String name, Shape shape) {
    channels.put(name, shape.c());
    return graph.input(name, shape);
  }

  int channels(String tensor) {
    return channels.get(tensor);
  }

  private String add(String name, org.shardwire.model.Layer layer, int outChannels, String... inputs) {
    channels.put(name, outChannels);
    return graph.add(name, layer, inputs);
  }

  /** Conv without bias, then BatchNorm (gamma scaled by {@code gammaScale}), then optionally ReLU. */
  String convBn(String name, String in, int out, int kernel, int stride, int pad, int groups, boolean relu,
                float gammaScale) {
    int inC = channels(in);
    if (inC % groups != 0) {
      throw new IllegalStateException(name + ": " + inC + " input channels do not split into " + groups + " groups");
    }
    Conv conv = Conv.of(init.conv(name, out, kernel, kernel, inC / groups), stride, Padding.uniform(pad), groups);
    String t = add(name, conv, out, in);
    t = add(name + ".bn", init.batchNorm(name + ".bn", out, gammaScale), out, t);
    return relu ? relu(name + ".relu", t) : t;
  }

  String relu(String name, String in) {
    return add(name, new Relu(), channels(in), in);
  }

  String maxPool(String name, String in, int kernel, int stride, int pad) {
    return add(name, MaxPool.of(kernel, stride, Padding.uniform(pad)), channels(in), in);
  }

  String avgPool(String name, String in, int kernel, int stride, int pad) {
    return add(name, AvgPool.of(kernel, stride, Padding.uniform(pad), true), channels(in), in);
  }

  String globalAvgPool(String name, String in) {
    return add(name, new GlobalAvgPool(), channels(in), in);
  }

  String addTensors(String name, String a, String b, boolean relu) {
    String t = add(name, Add.plain(), channels(a), a, b);
    return relu ? relu(name + ".relu", t) : t;
  }

  String concat(String name, String... ins) {
    int c = 0;
    for (String i : ins) {
      c += channels(i);
    }
    return add(name, new Concat(), c, ins);
  }

  String shuffle(String name, String in, int groups) {
    return add(name, new ChannelShuffle(groups), channels(in), in);
  }

  /** Fully connected with a small bias; the input must be a 1x1xC vector (after global pooling). */
  String fullyConnected(String name, String in, int out) {
    int inC = channels(in);
    FullyConnected fc = new FullyConnected(init.fullyConnected(name, out, inC),
        Optional.of(init.bias(name, out, 0.1f)), Activation.NONE);
    return add(name, fc, out, in);
  }

  Graph build(String output) {
    return graph.output(output).build();
  }
}

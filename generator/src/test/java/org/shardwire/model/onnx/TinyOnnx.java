package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Builds small ONNX models in tests. */
final class TinyOnnx {
  private final GraphProto.Builder g = GraphProto.newBuilder().setName("tiny");

  TinyOnnx input(String name, long... dims) {
    g.addInput(info(name, dims));
    return this;
  }

  TinyOnnx output(String name, long... dims) {
    g.addOutput(info(name, dims));
    return this;
  }

  TinyOnnx weight(String name, float[] values, int... dims) {
    g.addInitializer(OnnxTensor.ofFloats(name, dims, values).encode());
    return this;
  }

  TinyOnnx longs(String name, long... values) {
    g.addInitializer(OnnxTensor.ofLongs(name, ElementType.INT64, new int[] {values.length}, values).encode());
    return this;
  }

  TinyOnnx node(String op, String name, String[] inputs, String output, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
    for (String in : inputs) {
      n.addInput(in);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    g.addNode(n);
    return this;
  }

  TinyOnnx tensor(OnnxTensor t) {
    g.addInitializer(t.encode());
    return this;
  }

  TinyOnnx node(String op, String name, String[] inputs, String[] outputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
    for (String in : inputs) {
      n.addInput(in);
    }
    for (String out : outputs) {
      n.addOutput(out);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    g.addNode(n);
    return this;
  }

  static AttributeProto floatAttr(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
  }

  static AttributeProto stringAttr(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
  }

  ModelProto build() {
    return ModelProto.newBuilder().setIrVersion(7)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    return b.build();
  }

  static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static ValueInfoProto info(String name, long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
  }

  static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 7) * 0.25f - 0.5f;
    }
    return v;
  }
}

package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/** One ONNX node with checked attribute access; every message names the node and its op type. */
public record OnnxNode(NodeProto proto, String name) {

  /** Nodes may be unnamed in ONNX: such a node is named after its position and first output. */
  public static OnnxNode of(NodeProto proto, int index) {
    String name = proto.getName().isEmpty()
        ? "#" + index + (proto.getOutputCount() > 0 ? " (output " + proto.getOutput(0) + ")" : "")
        : proto.getName();
    return new OnnxNode(proto, name);
  }

  public String opType() {
    return proto.getOpType();
  }

  public String label() {
    return opType() + " node '" + name + "'";
  }

  /** Input i, or "" when absent (ONNX marks skipped optional inputs by an empty name). */
  public String input(int i) {
    return i < proto.getInputCount() ? proto.getInput(i) : "";
  }

  public int inputCount() {
    return proto.getInputCount();
  }

  /** Output i; a node without it is refused by name (a model file may hold any node). */
  public String output(int i) {
    if (i >= proto.getOutputCount()) {
      throw error("has " + proto.getOutputCount() + " output(s), needs output " + i + " (every node this importer "
          + "reads produces a tensor)");
    }
    return proto.getOutput(i);
  }

  public List<String> outputs() {
    return proto.getOutputList();
  }

  public OnnxImportException error(String what) {
    return new OnnxImportException(label() + ": " + what);
  }

  private AttributeProto find(String attr) {
    for (AttributeProto a : proto.getAttributeList()) {
      if (a.getName().equals(attr)) {
        return a;
      }
    }
    return null;
  }

  public boolean has(String attr) {
    return find(attr) != null;
  }

  public long getInt(String attr, long fallback) {
    AttributeProto a = find(attr);
    if (a == null) {
      return fallback;
    }
    if (a.getType() != AttributeProto.AttributeType.INT) {
      throw error("attribute " + attr + " must be an INT, found " + a.getType());
    }
    return a.getI();
  }

  public float getFloat(String attr, float fallback) {
    AttributeProto a = find(attr);
    if (a == null) {
      return fallback;
    }
    if (a.getType() != AttributeProto.AttributeType.FLOAT) {
      throw error("attribute " + attr + " must be a FLOAT, found " + a.getType());
    }
    return a.getF();
  }

  public String getString(String attr, String fallback) {
    AttributeProto a = find(attr);
    if (a == null) {
      return fallback;
    }
    if (a.getType() != AttributeProto.AttributeType.STRING) {
      throw error("attribute " + attr + " must be a STRING, found " + a.getType());
    }
    return a.getS().toStringUtf8();
  }

  /** An INTS attribute, or null when absent. */
  public long[] getInts(String attr) {
    AttributeProto a = find(attr);
    if (a == null) {
      return null;
    }
    if (a.getType() != AttributeProto.AttributeType.INTS) {
      throw error("attribute " + attr + " must be INTS, found " + a.getType());
    }
    long[] v = new long[a.getIntsCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.getInts(i);
    }
    return v;
  }

  /** A TENSOR attribute (Constant's value), or null when absent. */
  public OnnxTensor getTensor(String attr) {
    AttributeProto a = find(attr);
    if (a == null) {
      return null;
    }
    if (a.getType() != AttributeProto.AttributeType.TENSOR) {
      throw error("attribute " + attr + " must be a TENSOR, found " + a.getType());
    }
    return OnnxTensor.decode(a.getT(), label());
  }

  /** Names of all attributes (to refuse ones the importer does not implement). */
  public List<String> attributeNames() {
    return proto.getAttributeList().stream().map(AttributeProto::getName).toList();
  }
}

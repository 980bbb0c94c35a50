package org.shardwire.model.onnx;

/**
 * How a graph input or output of the ONNX model maps onto the imported IR graph: the ONNX name,
 * the IR tensor, and the layout that converts between ONNX's row-major order and the IR's HWC
 * order ({@link TensorLayout#toIr}, {@link TensorLayout#toOnnx}).
 */
public record ValueBinding(String onnxName, String irTensor, TensorLayout layout, ElementType type) {
  public int[] onnxDims() {
    return layout.onnxDims();
  }
}

package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorLayoutTest {

  /** ONNX NCHW element (n=0, c, h, w) must land at IR index (h*W + w)*C + c. */
  @Test
  void nchwMapsToHwc() {
    int c = 2;
    int h = 3;
    int w = 4;
    TensorLayout l = TensorLayout.nchw(new int[] {1, c, h, w});
    assertArrayEquals(new int[] {h, w, c}, l.irShape());
    int[] map = l.irToOnnx();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          int ir = (y * w + x) * c + ch;
          int onnx = (ch * h + y) * w + x;
          assertTrue(map[ir] == onnx, "ir " + ir);
        }
      }
    }
    float[] data = new float[c * h * w];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    assertArrayEquals(data, l.toOnnx(l.toIr(data)));
  }

  /** NHWC input transposed to NCHW (BlazeFace's first node) is exactly the IR's NCHW view. */
  @Test
  void transposeOfNhwcIsNchw() {
    TensorLayout nhwc = TensorLayout.standard(new int[] {1, 5, 6, 3}, 3);
    assertTrue(nhwc.isIdentityOrder());
    TensorLayout t = nhwc.transpose(new int[] {0, 3, 1, 2});
    assertArrayEquals(new int[] {1, 3, 5, 6}, t.onnxDims());
    assertTrue(t.sameMapping(TensorLayout.nchw(new int[] {1, 3, 5, 6})));
    // And back: NCHW conv output transposed to NHWC is the IR order itself.
    TensorLayout back = TensorLayout.nchw(new int[] {1, 3, 5, 6}).transpose(new int[] {0, 2, 3, 1});
    assertTrue(back.isIdentityOrder());
  }

  /** Flatten of NCHW keeps ONNX's CHW element order: the IR order differs, the mapping records it. */
  @Test
  void flattenOfNchwKeepsOnnxOrder() {
    TensorLayout l = TensorLayout.nchw(new int[] {1, 2, 3, 4});
    TensorLayout flat = l.reshape(new int[] {1, 24});
    assertArrayEquals(new int[] {1, 24}, flat.onnxDims());
    assertArrayEquals(l.irToOnnx(), flat.irToOnnx());
    assertArrayEquals(l.irShape(), flat.irShape());
    assertFalse(flat.isIdentityOrder());
    // Split again into the original dims: the same mapping comes back.
    assertTrue(flat.reshape(new int[] {1, 2, 3, 4}).sameMapping(l));
  }

  @Test
  void reshapeAcrossPermutedAxesIsRefused() {
    TensorLayout l = TensorLayout.nchw(new int[] {1, 6, 1, 4});
    // [6,4] -> [4,6] cuts 6 into pieces that do not divide: no relabelling can express it.
    assertNull(l.reshape(new int[] {4, 6}));
    TensorLayout id = TensorLayout.standard(new int[] {2, 3, 4}, -1);
    TensorLayout r = id.reshape(new int[] {4, 2, 3});
    // Identity order stays identity whatever the dims, when pieces divide (2*3*4 -> 4*2*3 does not).
    assertNull(r);
    TensorLayout r2 = id.reshape(new int[] {2, 12});
    assertTrue(r2.isIdentityOrder());
    assertArrayEquals(new int[] {2, 12}, r2.onnxDims());
  }
}

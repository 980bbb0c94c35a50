package org.shardwire.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the elements of an ONNX value sit in the IR's HWC tensor (batch 1, channels innermost).
 *
 * <p>ONNX tensors are row-major over their dims; the IR tensor is row-major over (H, W, C). The
 * ONNX dims are split into "virtual" axes ({@code virtualDims}; ONNX axis i is virtual axes
 * {@code axisStart[i]..axisStart[i+1]}), the IR stores the virtual axes in the order {@code perm},
 * and the first {@code hCount} of those make up H, the next {@code wCount} W, the rest C.
 * This lets Transpose, Flatten and Reshape be pure relabelling (no data moves in the IR), and
 * lets a fully connected layer after a flatten of an NCHW tensor take ONNX's CHW element order
 * by permuting its weight rows instead of moving data.
 */
public record TensorLayout(int[] virtualDims, int[] axisStart, int[] perm, int hCount, int wCount) {

  public TensorLayout {
    int v = virtualDims.length;
    if (perm.length != v || hCount < 0 || wCount < 0 || hCount + wCount > v) {
      throw new IllegalArgumentException("inconsistent layout: dims " + Arrays.toString(virtualDims)
          + " perm " + Arrays.toString(perm) + " h " + hCount + " w " + wCount);
    }
    boolean[] seen = new boolean[v];
    for (int p : perm) {
      if (p < 0 || p >= v || seen[p]) {
        throw new IllegalArgumentException("perm is not a permutation: " + Arrays.toString(perm));
      }
      seen[p] = true;
    }
    if (axisStart.length < 1 || axisStart[0] != 0 || axisStart[axisStart.length - 1] != v) {
      throw new IllegalArgumentException("axisStart must run from 0 to " + v + ": " + Arrays.toString(axisStart));
    }
    for (int i = 1; i < axisStart.length; i++) {
      if (axisStart[i] < axisStart[i - 1]) {
        throw new IllegalArgumentException("axisStart must not decrease: " + Arrays.toString(axisStart));
      }
    }
  }

  /**
   * The plain layout of ONNX dims with {@code channelAxis} as the IR's C: the other axes keep
   * their order, the last of them is W and the rest (batch included) H. For NCHW and channel
   * axis 1 this is the usual NCHW-to-NHWC mapping. A negative channel axis means "no channel
   * axis": everything in the ONNX order, the last axis as C.
   */
  public static TensorLayout standard(int[] dims, int channelAxis) {
    int r = dims.length;
    int c = channelAxis < 0 ? r - 1 : channelAxis;
    int[] starts = new int[r + 1];
    for (int i = 0; i <= r; i++) {
      starts[i] = i;
    }
    if (r == 0) {
      return new TensorLayout(new int[0], starts, new int[0], 0, 0);
    }
    int[] perm = new int[r];
    int k = 0;
    for (int i = 0; i < r; i++) {
      if (i != c) {
        perm[k++] = i;
      }
    }
    perm[k] = c;
    int others = r - 1;
    int w = others >= 1 ? 1 : 0;
    return new TensorLayout(dims.clone(), starts, perm, others - w, w);
  }

  /** NCHW (or any rank >= 2 with channels at axis 1) mapped onto the IR's HWC. */
  public static TensorLayout nchw(int[] dims) {
    return standard(dims, 1);
  }

  public int rank() {
    return axisStart.length - 1;
  }

  public int[] onnxDims() {
    int[] d = new int[rank()];
    for (int i = 0; i < d.length; i++) {
      int n = 1;
      for (int j = axisStart[i]; j < axisStart[i + 1]; j++) {
        n *= virtualDims[j];
      }
      d[i] = n;
    }
    return d;
  }

  public int size() {
    int n = 1;
    for (int d : virtualDims) {
      n *= d;
    }
    return n;
  }

  /** The IR tensor shape {H, W, C}. */
  public int[] irShape() {
    int h = 1;
    int w = 1;
    int c = 1;
    for (int i = 0; i < perm.length; i++) {
      int d = virtualDims[perm[i]];
      if (i < hCount) {
        h *= d;
      } else if (i < hCount + wCount) {
        w *= d;
      } else {
        c *= d;
      }
    }
    return new int[] {h, w, c};
  }

  /** For each IR element (row-major H, W, C) the index of the same element in ONNX row-major order. */
  public int[] irToOnnx() {
    int v = virtualDims.length;
    int[] stride = new int[v];
    int s = 1;
    for (int i = v - 1; i >= 0; i--) {
      stride[i] = s;
      s *= virtualDims[i];
    }
    int n = s;
    int[] map = new int[n];
    int[] coord = new int[v];
    int onnx = 0;
    for (int ir = 0; ir < n; ir++) {
      map[ir] = onnx;
      // Advance the IR-order odometer: last axis of perm fastest.
      for (int k = v - 1; k >= 0; k--) {
        int ax = perm[k];
        coord[ax]++;
        onnx += stride[ax];
        if (coord[ax] < virtualDims[ax]) {
          break;
        }
        onnx -= stride[ax] * coord[ax];
        coord[ax] = 0;
      }
    }
    return map;
  }

  public boolean isIdentityOrder() {
    int[] m = irToOnnx();
    for (int i = 0; i < m.length; i++) {
      if (m[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** True when both put every element at the same IR index and give the same IR shape. */
  public boolean sameMapping(TensorLayout other) {
    return Arrays.equals(onnxDims(), other.onnxDims()) && Arrays.equals(irShape(), other.irShape())
        && Arrays.equals(irToOnnx(), other.irToOnnx());
  }

  public float[] toIr(float[] onnx) {
    int[] m = irToOnnx();
    float[] ir = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      ir[i] = onnx[m[i]];
    }
    return ir;
  }

  public float[] toOnnx(float[] ir) {
    int[] m = irToOnnx();
    float[] onnx = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      onnx[m[i]] = ir[i];
    }
    return onnx;
  }

  public long[] toIr(long[] onnx) {
    int[] m = irToOnnx();
    long[] ir = new long[m.length];
    for (int i = 0; i < m.length; i++) {
      ir[i] = onnx[m[i]];
    }
    return ir;
  }

  public long[] toOnnx(long[] ir) {
    int[] m = irToOnnx();
    long[] onnx = new long[m.length];
    for (int i = 0; i < m.length; i++) {
      onnx[m[i]] = ir[i];
    }
    return onnx;
  }

  /** The layout of Transpose(perm = q) of this value: the same IR data, ONNX axes reordered. */
  public TensorLayout transpose(int[] q) {
    int r = rank();
    if (q.length != r) {
      throw new IllegalArgumentException("perm has " + q.length + " axes, tensor has " + r);
    }
    // New virtual axes: the old axis groups in the order q; remember old -> new virtual index.
    int[] oldToNew = new int[virtualDims.length];
    int[] dims = new int[virtualDims.length];
    int[] starts = new int[r + 1];
    int k = 0;
    for (int i = 0; i < r; i++) {
      starts[i] = k;
      for (int j = axisStart[q[i]]; j < axisStart[q[i] + 1]; j++) {
        oldToNew[j] = k;
        dims[k++] = virtualDims[j];
      }
    }
    starts[r] = k;
    int[] p = new int[perm.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = oldToNew[perm[i]];
    }
    return new TensorLayout(dims, starts, p, hCount, wCount);
  }

  /**
   * The layout of Reshape to {@code newDims} (same element count, ONNX row-major order kept) with
   * the IR tensor unchanged, or null when the new dims cut across a virtual axis in a way that
   * cannot be expressed without moving data. Virtual axes are split where needed; the IR groups
   * are kept, so the IR shape does not change.
   */
  public TensorLayout reshape(int[] newDims) {
    // Work on non-unit virtual axes only; unit axes carry no order.
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < virtualDims.length; i++) {
      if (virtualDims[i] != 1) {
        keep.add(i);
      }
    }
    // Common refinement of the kept virtual dims and the new ONNX dims (both row-major factorisations).
    List<Integer> pieces = new ArrayList<>(); // sizes of refined virtual axes
    List<Integer> pieceOwner = new ArrayList<>(); // old virtual axis of each piece
    List<Integer> pieceNewAxis = new ArrayList<>(); // new ONNX axis of each piece
    int vi = 0;
    int remV = keep.isEmpty() ? 1 : virtualDims[keep.get(0)];
    int ni = 0;
    while (ni < newDims.length && newDims[ni] == 1) {
      ni++;
    }
    int remN = ni < newDims.length ? newDims[ni] : 1;
    while (vi < keep.size()) {
      if (ni >= newDims.length) {
        return null;
      }
      int piece;
      if (remV == remN) {
        piece = remV;
      } else if (remV % remN == 0 && remN < remV) {
        piece = remN;
      } else if (remN % remV == 0 && remV < remN) {
        piece = remV;
      } else {
        return null;
      }
      pieces.add(piece);
      pieceOwner.add(keep.get(vi));
      pieceNewAxis.add(ni);
      remV /= piece;
      remN /= piece;
      if (remV == 1) {
        vi++;
        remV = vi < keep.size() ? virtualDims[keep.get(vi)] : 1;
      }
      if (remN == 1) {
        ni++;
        while (ni < newDims.length && newDims[ni] == 1) {
          ni++;
        }
        remN = ni < newDims.length ? newDims[ni] : 1;
      }
    }
    if (ni < newDims.length) {
      return null;
    }
    // Build the new virtual axes: pieces, plus one unit axis per unit ONNX dim.
    int r = newDims.length;
    List<Integer> dims = new ArrayList<>();
    int[] starts = new int[r + 1];
    List<Integer> pieceIndex = new ArrayList<>(); // new virtual index of each piece
    int p = 0;
    for (int a = 0; a < r; a++) {
      starts[a] = dims.size();
      if (newDims[a] == 1) {
        dims.add(1);
        continue;
      }
      while (p < pieces.size() && pieceNewAxis.get(p) == a) {
        pieceIndex.add(dims.size());
        dims.add(pieces.get(p));
        p++;
      }
    }
    starts[r] = dims.size();
    // New perm: walk the old perm; each old non-unit axis becomes its pieces in row-major order.
    // Unit axes (old and new) go to the front of H, where they change nothing.
    List<Integer> order = new ArrayList<>();
    int h = 0;
    int w = 0;
    for (int d = 0; d < dims.size(); d++) {
      if (dims.get(d) == 1) {
        order.add(d);
        h++;
      }
    }
    for (int k = 0; k < perm.length; k++) {
      int old = perm[k];
      if (virtualDims[old] == 1) {
        continue;
      }
      for (int q = 0; q < pieces.size(); q++) {
        if (pieceOwner.get(q) == old) {
          order.add(pieceIndex.get(q));
          if (k < hCount) {
            h++;
          } else if (k < hCount + wCount) {
            w++;
          }
        }
      }
    }
    int[] dimArr = dims.stream().mapToInt(Integer::intValue).toArray();
    int[] permArr = order.stream().mapToInt(Integer::intValue).toArray();
    return new TensorLayout(dimArr, starts, permArr, h, w);
  }

  /** True when the IR's C holds exactly ONNX axis {@code axis}, in order (unit axes ignored). */
  public boolean channelIsAxis(int axis) {
    List<Integer> c = new ArrayList<>();
    for (int k = hCount + wCount; k < perm.length; k++) {
      if (virtualDims[perm[k]] != 1) {
        c.add(perm[k]);
      }
    }
    List<Integer> a = new ArrayList<>();
    for (int j = axisStart[axis]; j < axisStart[axis + 1]; j++) {
      if (virtualDims[j] != 1) {
        a.add(j);
      }
    }
    return c.equals(a);
  }

  /**
   * The layout after an op that keeps every other axis and replaces ONNX axis {@code axis} (which
   * must be the IR's C, see {@link #channelIsAxis}) by one of {@code newSize} (conv output
   * channels, concat, matmul columns).
   */
  public TensorLayout withChannelAxis(int axis, int newSize) {
    int from = axisStart[axis];
    int to = axisStart[axis + 1];
    int removed = to - from;
    int[] dims = new int[virtualDims.length - removed + 1];
    int[] oldToNew = new int[virtualDims.length];
    int k = 0;
    for (int j = 0; j < virtualDims.length; j++) {
      if (j == from) {
        dims[k++] = newSize;
      }
      if (j >= from && j < to) {
        oldToNew[j] = -1;
        continue;
      }
      oldToNew[j] = k;
      dims[k++] = virtualDims[j];
    }
    if (from == to) {
      throw new IllegalArgumentException("axis " + axis + " has no virtual axes");
    }
    int[] starts = axisStart.clone();
    for (int i = axis + 1; i < starts.length; i++) {
      starts[i] -= removed - 1;
    }
    List<Integer> order = new ArrayList<>();
    int h = 0;
    int w = 0;
    for (int i = 0; i < perm.length; i++) {
      int n = oldToNew[perm[i]];
      if (n < 0) {
        continue;
      }
      order.add(n);
      if (i < hCount) {
        h++;
      } else if (i < hCount + wCount) {
        w++;
      }
    }
    order.add(from);
    return new TensorLayout(dims, starts, order.stream().mapToInt(Integer::intValue).toArray(), h, w);
  }

  /** The layout of the same IR tensor once the IR has flattened it to 1x1x(H*W*C). */
  public TensorLayout flattenedIr() {
    return new TensorLayout(virtualDims, axisStart, perm, 0, 0);
  }

  /** The virtual axes (in IR order) that belong to the C group. */
  public int[] channelVirtualAxes() {
    return Arrays.copyOfRange(perm, hCount + wCount, perm.length);
  }

  /** The ONNX axis a virtual axis belongs to. */
  public int onnxAxisOf(int virtualAxis) {
    for (int i = 0; i < rank(); i++) {
      if (virtualAxis >= axisStart[i] && virtualAxis < axisStart[i + 1]) {
        return i;
      }
    }
    throw new IllegalArgumentException("no virtual axis " + virtualAxis);
  }

  String irShapeString() {
    return Arrays.toString(irShape()) + Arrays.toString(onnxDims());
  }

  @Override
  public String toString() {
    return "layout(onnx " + Arrays.toString(onnxDims()) + " -> ir HWC " + Arrays.toString(irShape()) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorLayout t && Arrays.equals(virtualDims, t.virtualDims)
        && Arrays.equals(axisStart, t.axisStart) && Arrays.equals(perm, t.perm)
        && hCount == t.hCount && wCount == t.wCount;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(virtualDims) * 31 + Arrays.hashCode(perm);
  }
}

package org.shardwire.model;

/**
 * Output size of a sliding window (conv or pool): floor((in + padBefore + padAfter - kernel) / stride) + 1.
 */
final class Window {
  private Window() {}

  static int outputSize(int in, int kernel, int stride, int padBefore, int padAfter) {
    int span = in + padBefore + padAfter - kernel;
    return span < 0 ? 0 : span / stride + 1;
  }

  static Shape output(String node, Layer layer, Shape in, int kh, int kw, int sh, int sw, Padding p, int channels) {
    int oh = outputSize(in.h(), kh, sh, p.top(), p.bottom());
    int ow = outputSize(in.w(), kw, sw, p.left(), p.right());
    if (oh <= 0 || ow <= 0) {
      throw GraphException.at(node, layer, "a " + kh + "x" + kw + " window with padding " + p + " does not fit input "
          + in + " (output would be " + oh + "x" + ow + ")");
    }
    return new Shape(oh, ow, channels);
  }

  static void checkKernel(String what, int kh, int kw, int sh, int sw) {
    if (kh <= 0 || kw <= 0) {
      throw new IllegalArgumentException(what + " kernel must be positive, got " + kh + "x" + kw);
    }
    if (sh <= 0 || sw <= 0) {
      throw new IllegalArgumentException(what + " stride must be positive, got " + sh + "x" + sw);
    }
  }

  static String describe(int kh, int kw, int sh, int sw, Padding p) {
    String s = "k" + kh + "x" + kw + " s" + (sh == sw ? String.valueOf(sh) : sh + "x" + sw);
    return p.isNone() ? s : s + " " + p;
  }
}

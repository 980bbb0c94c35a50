package org.shardwire.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hand-written C++ support every Verilator driver includes ({@code sim/} in the repository,
 * {@code simsupport/} on the classpath): the emitter copies it beside the cluster harness, the
 * simulator beside every build.
 */
public final class SimSupport {
  public static final List<String> HEADERS = List.of("shardwire_tb.h", "shardwire_channel.h", "shardwire_axi.h");

  private SimSupport() {}

  public static String header(String name) {
    try (InputStream in = SimSupport.class.getResourceAsStream("/simsupport/" + name)) {
      if (in == null) {
        throw new IllegalStateException("simsupport/" + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every header back to back: part of what a build's cache key covers. */
  public static String all() {
    StringBuilder all = new StringBuilder();
    for (String h : HEADERS) {
      all.append(header(h));
    }
    return all.toString();
  }
}

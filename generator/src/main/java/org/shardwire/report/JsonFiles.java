package org.shardwire.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The one Jackson setup for Shardwire's JSON files (plan.json, sim.json, source.json, sweep
 * specs): snake_case keys in record-component order, two-space indentation with "\n", strict
 * reading (an unknown key, a missing key, a null number or trailing text is an error). Errors
 * come back as {@link JsonFileException} naming the file, the key path and the problem.
 */
public final class JsonFiles {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .serializationInclusion(JsonInclude.Include.ALWAYS)
      .defaultPrettyPrinter(printer())
      .build();

  private JsonFiles() {}

  /** The same bytes on every machine: two spaces, "\n", "key": value. */
  private static DefaultPrettyPrinter printer() {
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter p = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    p.indentObjectsWith(indent);
    p.indentArraysWith(indent);
    return p;
  }

  /** {@code value} as JSON text ending in a newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Writes {@code value} to {@code file} as JSON. */
  public static void write(Object value, Path file) {
    try {
      Files.writeString(file, write(value), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads {@code json} as a {@code type}; {@code source} names the text in error messages.
   *
   * @throws JsonFileException naming the source, the key path and what is wrong
   */
  public static <T> T read(String source, String json, Class<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new JsonFileException(source + ": expected a JSON object, got null");
      }
      return value;
    } catch (JacksonException e) {
      throw new JsonFileException(source + ": " + describe(e), e);
    } catch (IllegalArgumentException e) {
      // A record's compact constructor rejected a value (Jackson wraps it; unwrap to the message).
      throw new JsonFileException(source + ": " + e.getMessage(), e);
    }
  }

  /** Reads a JSON file; a missing or unreadable file is a {@link JsonFileException} too. */
  public static <T> T read(Path file, Class<T> type) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new JsonFileException(file + ": no such file", e);
    } catch (IOException e) {
      throw new JsonFileException(file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    return read(file.toString(), text, type);
  }

  /** A number with exactly {@code decimals} digits after the point (half-even): fixed bytes in the files. */
  public static BigDecimal fixed(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("JSON has no number for " + v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN);
  }

  /** As {@link #fixed} but null (JSON null) for NaN: a figure that was not measured. */
  public static BigDecimal fixedOrNull(double v, int decimals) {
    return Double.isNaN(v) ? null : fixed(v, decimals);
  }

  /**
   * For records' compact constructors: every (key, value) pair given must have a value. A JSON
   * null or a missing nullable key then fails with the key's name (numbers are primitives, which
   * the reader already refuses as null).
   */
  public static void required(Object... keysAndValues) {
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] == null) {
        throw new IllegalArgumentException("'" + keysAndValues[i] + "' is missing or null");
      }
    }
  }

  /** "boards[1].engines[3].pe: must be a whole number, got \"x\"" or "line 4, column 9: unexpected character". */
  private static String describe(JacksonException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String path = m.getPath().stream()
          .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()).replaceFirst("^\\.", "");
      return path + ": " + problem(m);
    }
    JsonLocation at = e.getLocation();
    return at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
        + firstLine(e.getOriginalMessage()) : firstLine(e.getOriginalMessage());
  }

  /** What is wrong at the path, in the words a user needs (not Jackson's class names). */
  private static String problem(JsonMappingException m) {
    String message = firstLine(m.getOriginalMessage());
    if (m instanceof UnrecognizedPropertyException u) {
      return "unknown key; allowed here: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
          .collect(Collectors.joining(", "));
    }
    if (m.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
      return iae.getMessage();
    }
    // Jackson names the missing key in the path already.
    if (message.startsWith("Missing creator property")) {
      return "missing (a required key)";
    }
    if (m instanceof InvalidFormatException f) {
      return "must be " + kind(f.getTargetType()) + ", got " + f.getValue();
    }
    if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      return "must be " + kind(mi.getTargetType());
    }
    return message;
  }

  private static String kind(Class<?> type) {
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == BigDecimal.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String firstLine(String message) {
    // Jackson's messages may carry a second line of hints; the first says what is wrong.
    int nl = message.indexOf('\n');
    return (nl >= 0 ? message.substring(0, nl) : message).strip();
  }
}

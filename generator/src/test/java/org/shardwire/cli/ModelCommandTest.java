package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModelCommandTest {
  record Result(int exit, String out, String err) {}

  static synchronized Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void resnet50TableHasLayersAndTotals() {
    Result r = run("model", "--model", "resnet50");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("layer4.2.conv3"), "layer rows");
    assertTrue(r.out().matches("(?s).*conv1\\s+Conv\\s+k7x7 s2 p3\\s+112x112x64\\s+118,013,952\\s+9,408\n.*"), r.out());
    assertTrue(r.out().contains("total: 174 layers, 4,089,184,256 MACs (4.089 G), 25,557,032 params (25.557 M)"));
  }

  @Test
  void jsonIsStableAndComplete() throws Exception {
    Result a = run("model", "--model", "shufflenet-tiny", "--json", "--fused");
    Result b = run("model", "--model", "shufflenet-tiny", "--json", "--fused");
    assertEquals(0, a.exit(), a.err());
    assertEquals(a.out(), b.out(), "same input, same bytes");
    assertTrue(a.out().startsWith("{\n  \"model\": \"shufflenet-tiny\",\n"));
    JsonNode root = new ObjectMapper().readTree(a.out());
    assertEquals("{\"name\":\"image\",\"shape\":[32,32,3]}", root.get("inputs").get(0).toString());
    JsonNode concat = null;
    for (JsonNode l : root.get("layers")) {
      concat = l.get("name").asText().equals("stage2.0.concat") ? l : concat;
    }
    assertEquals("{\"name\":\"stage2.0.concat\",\"op\":\"Concat\",\"attributes\":\"\","
        + "\"inputs\":[\"stage2.0.shortcut\",\"stage2.0.gconv2.relu\"],\"output\":[8,8,48],\"macs\":0,\"params\":0}",
        String.valueOf(concat));
    assertFalse(a.out().contains("BatchNorm"), "--fused folds BatchNorm");
    assertEquals(888000, root.get("total_macs").asLong());
  }

  @Test
  void unknownModelExitsTwoListingTheNames() {
    Result r = run("model", "--model", "resnet51");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown model 'resnet51'") && r.err().contains("resnet50") && r.err().contains(
        "shufflenet-tiny"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void zeroSizeInputExitsTwo() {
    Result r = run("model", "--model", "resnet18", "--input-size", "224x0");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--input-size '224x0'") && r.err().contains("224x0x3"), r.err());
    r = run("model", "--model", "resnet18", "--input-size", "big");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("expected HxW or HxWxC"), r.err());
  }

  @Test
  void missingModelAndListing() {
    Result r = run("model");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--model NAME is required"), r.err());
    r = run("model", "--list");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("i-shufflenet-g4-d2") && r.out().contains("224x224x3"), r.out());
  }
}

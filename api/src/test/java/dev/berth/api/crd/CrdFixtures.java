package dev.berth.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.codec.BodyDecoder;
import dev.berth.api.codec.BodyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test objects read through the real decoder. */
final class CrdFixtures {

  private static final BodyDecoder DECODER = new BodyDecoder();

  private CrdFixtures() {}

  /** The CronTab CRD as a client would send it (before defaulting). */
  static ObjectNode cronTabRaw() {
    try (InputStream in = CrdFixtures.class.getResourceAsStream("crontab-crd.yaml")) {
      return (ObjectNode) DECODER.decodeObject(in.readAllBytes(), BodyFormat.YAML).value();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CronTab CRD after the apiserver's defaulting. */
  static ObjectNode cronTab() {
    ObjectNode crd = cronTabRaw();
    CrdDefaults.apply(crd);
    return crd;
  }

  static ObjectNode json(String s) {
    return (ObjectNode) DECODER.decodeObject(s.getBytes(StandardCharsets.UTF_8), BodyFormat.JSON).value();
  }

  static JsonNode yaml(String s) {
    return DECODER.decodeObject(s.getBytes(StandardCharsets.UTF_8), BodyFormat.YAML).value();
  }

  /** The v1 openAPIV3Schema node of the CronTab fixture (mutable). */
  static ObjectNode schemaOf(ObjectNode crd) {
    return (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema");
  }
}

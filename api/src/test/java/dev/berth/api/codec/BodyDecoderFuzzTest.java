package dev.berth.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random mutations of valid bodies must decode or be refused with 400/413, never fail in any other
 * way (no parser exception leaking, no stack overflow, no 500). Seeds are fixed so failures replay.
 */
class BodyDecoderFuzzTest {

  private static final String JSON = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"},
       "annotations":{"a":"b\\u00e9\\n"}},"spec":{"replicas":3,"paused":false,"ratio":1.5e2,
       "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
       "spec":{"containers":[{"name":"c","image":"nginx:1","ports":[{"containerPort":80}],
       "args":["-v",null,true]}]}}}}""";

  private static final String YAML = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: &m
        name: web
        labels: {app: web, tier: "front"}
      spec:
        replicas: 3
        paused: no
        template:
          metadata: *m
          spec:
            containers:
            - name: c
              image: 'nginx:1'
              args: [-v, ~, 0x10]
              <<: {env: [{name: A, value: "1"}]}
            - |
              literal
              text
      """;

  private static final byte[] INTERESTING = "{}[]:,\"'\\&*!|>-#%@`?<\n\t 0e.+~".getBytes(StandardCharsets.UTF_8);

  private final BodyDecoder decoder = new BodyDecoder();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void mutatedJsonNeverEscapesAsAnythingButA400(long seed) {
    fuzz(JSON, BodyFormat.JSON, seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void mutatedYamlNeverEscapesAsAnythingButA400(long seed) {
    fuzz(YAML, BodyFormat.YAML, seed);
  }

  private void fuzz(String valid, BodyFormat format, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] original = valid.getBytes(StandardCharsets.UTF_8);
    assertThat(decoder.decodeObject(original, format).value().isObject()).isTrue();
    int accepted = 0;
    for (int round = 0; round < 1000; round++) {
      byte[] mutated = mutate(original, random);
      try {
        decoder.decodeObject(mutated, format);
        decoder.decode(mutated, format);
        accepted++;
      } catch (ApiException e) {
        assertThat(e.code()).as("status for %s", new String(mutated, StandardCharsets.UTF_8))
            .isIn(400, 413);
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    // the mutations are small: a good share must still be acceptable, or the test checks nothing
    assertThat(accepted).isGreaterThan(10);
  }

  private static byte[] mutate(byte[] in, SplittableRandom random) {
    byte[] out = in.clone();
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      int op = random.nextInt(4);
      int pos = random.nextInt(out.length);
      switch (op) {
        case 0 -> out[pos] = INTERESTING[random.nextInt(INTERESTING.length)];
        case 1 -> out[pos] = (byte) random.nextInt(256);
        case 2 -> { // delete a byte
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, pos);
          System.arraycopy(out, pos + 1, shorter, pos, out.length - pos - 1);
          out = shorter;
        }
        default -> { // duplicate a slice, which often repeats keys
          int len = 1 + random.nextInt(Math.min(40, out.length - pos));
          byte[] longer = new byte[out.length + len];
          System.arraycopy(out, 0, longer, 0, pos + len);
          System.arraycopy(out, pos, longer, pos + len, out.length - pos);
          out = longer;
        }
      }
      if (out.length < 2) {
        return out;
      }
    }
    return out;
  }
}

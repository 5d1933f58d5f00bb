package dev.berth.api.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.status.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated and truncated real bodies, and random garbage: the decoder answers every one with a
 * decoded object or a 400/415 ApiException, never another exception and never a hang.
 */
class ProtobufDecoderFuzzTest {

  private static final ProtobufDecoder DECODER = new ProtobufDecoder();
  private static final GroupVersionKind EXPECTED = new GroupVersionKind("apps", "v1", "Deployment");

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>(ProtobufDecoderTest.sampleBodies());
    for (String label : KubectlFixtures.WITH_JSON) {
      seeds.add(KubectlFixtures.body(label));
    }
    for (String label : KubectlFixtures.PROTOBUF_ONLY) {
      seeds.add(KubectlFixtures.body(label));
    }
    return seeds;
  }

  @Test
  @Timeout(120)
  void everyTruncationOfEveryCapture() {
    int decoded = 0;
    for (byte[] seed : seeds()) {
      for (int length = 0; length < seed.length; length++) {
        decoded += check(Arrays.copyOf(seed, length));
      }
    }
    assertThat(decoded).isPositive(); // some prefixes end on a field boundary and decode
  }

  @Test
  @Timeout(120)
  void randomMutations() {
    SplittableRandom random = new SplittableRandom(20240102L);
    List<byte[]> seeds = seeds();
    for (int i = 0; i < 20_000; i++) {
      byte[] body = seeds.get(random.nextInt(seeds.size())).clone();
      body = mutate(body, random);
      check(body);
    }
  }

  @Test
  @Timeout(60)
  void randomGarbageAfterTheMagic() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 10_000; i++) {
      byte[] body = new byte[4 + random.nextInt(64)];
      random.nextBytes(body);
      System.arraycopy(ProtoBodies.MAGIC, 0, body, 0, 4);
      check(body);
    }
  }

  private static byte[] mutate(byte[] body, SplittableRandom random) {
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && body.length > 5; m++) {
      // Keep the magic most of the time so mutations reach the message decoder.
      int position = 4 + random.nextInt(body.length - 4);
      switch (random.nextInt(5)) {
        case 0 -> body[position] ^= (byte) (1 << random.nextInt(8));
        case 1 -> body[position] = (byte) random.nextInt(256);
        case 2 -> body = Arrays.copyOf(body, position);
        case 3 -> {
          byte[] longer = new byte[body.length + 1];
          System.arraycopy(body, 0, longer, 0, position);
          longer[position] = (byte) random.nextInt(256);
          System.arraycopy(body, position, longer, position + 1, body.length - position);
          body = longer;
        }
        default -> {
          int from = 4 + random.nextInt(body.length - 4);
          int length = Math.min(random.nextInt(16), body.length - Math.max(from, position));
          System.arraycopy(body, from, body, position, Math.max(0, length));
        }
      }
    }
    return body;
  }

  /** Returns 1 when the body decoded, 0 when it was refused properly; fails otherwise. */
  private static int check(byte[] body) {
    long start = System.nanoTime();
    try {
      DECODER.decode(body, EXPECTED);
      return 1;
    } catch (ApiException e) {
      assertThat(e.code()).as(e.getMessage()).isIn(400, 415);
      return 0;
    } catch (RuntimeException | StackOverflowError e) {
      return fail("unexpected " + e + " for " + java.util.HexFormat.of().formatHex(body), e);
    } finally {
      long elapsed = System.nanoTime() - start;
      if (elapsed > Duration.ofSeconds(1).toNanos()) {
        fail("decoding took " + Duration.ofNanos(elapsed) + " for "
            + java.util.HexFormat.of().formatHex(body));
      }
    }
  }
}

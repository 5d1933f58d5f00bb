package dev.berth.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.api.meta.GroupVersionKind;
import io.kubernetes.client.proto.Runtime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Checks the bundled {@code go-omitempty-fields.txt} against the kubectl captures, and (run as a
 * program) regenerates its entries.
 *
 * <p>An observation is a scalar field that kubectl's protobuf carries with a zero value: a Go value
 * field. Whether encoding/json wrote the same field in the dry-run JSON of the same object tells
 * whether it is {@code omitempty}. The populated CronJob behind the {@code job-from-cronjob} capture
 * sets every nested struct and no scalar, so it observes every value field of the pod template.
 */
class ZeroPolicyTableTest {

  /** One value field seen on the wire with a zero value. */
  record Observation(Descriptor type, FieldDescriptor descriptor, FieldPlan.Scalar scalar,
      boolean written) {

    String message() {
      return type.getFullName();
    }

    String field() {
      return descriptor.getName();
    }
  }

  private static final ProtobufDecoder DECODER = new ProtobufDecoder();

  @Test
  void bundledTableMatchesEveryObservationInTheCaptures() {
    PlanCache plans = PlanCache.withBundledTable();
    List<Observation> observations = observeAll(plans);
    assertThat(observations).hasSizeGreaterThan(300);
    for (Observation o : observations) {
      FieldPlan f = fieldPlan(plans, o);
      assertThat(f.omitZero)
          .as("%s.%s: encoding/json %s its zero value", o.message(), o.field(),
              o.written() ? "writes" : "omits")
          .isEqualTo(!o.written());
    }
  }

  @Test
  void observationsNeverDisagreeAboutOneField() {
    Map<String, Boolean> seen = new TreeMap<>();
    for (Observation o : observeAll(PlanCache.withBundledTable())) {
      Boolean before = seen.put(o.message() + "." + o.field(), o.written());
      if (before != null) {
        assertThat(o.written()).as(o.message() + "." + o.field()).isEqualTo(before);
      }
    }
  }

  private static FieldPlan fieldPlan(PlanCache plans, Observation o) {
    return plans.plan(o.type()).field(o.descriptor().getNumber());
  }

  static List<Observation> observeAll(PlanCache plans) {
    List<Observation> out = new ArrayList<>();
    for (String label : KubectlFixtures.WITH_JSON) {
      Descriptor type = typeOf(label);
      DynamicMessage message = parse(type, label);
      observe(plans, type, message, KubectlFixtures.dryRunJson(label), out);
    }
    return out;
  }

  private static Descriptor typeOf(String label) {
    var object = DECODER.decode(KubectlFixtures.body(label));
    GroupVersionKind gvk = GroupVersionKind.of(object.get("apiVersion").asText(),
        object.get("kind").asText());
    return KindIndex.load(ZeroPolicyTableTest.class.getClassLoader())
        .find(gvk.groupVersion(), gvk.kind());
  }

  private static DynamicMessage parse(Descriptor type, String label) {
    byte[] body = KubectlFixtures.body(label);
    try {
      Runtime.Unknown unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, 4, body.length));
      return DynamicMessage.parseFrom(type, unknown.getRaw());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void observe(PlanCache plans, Descriptor type, DynamicMessage message,
      JsonNode json, List<Observation> out) {
    MessagePlan plan = plans.plan(type);
    if (plan.special != MessagePlan.Special.NONE || json == null || !json.isObject()) {
      return;
    }
    for (FieldDescriptor f : type.getFields()) {
      FieldPlan fp = plan.field(f.getNumber());
      if (f.isRepeated()) {
        if (f.isMapField() || f.getType() != FieldDescriptor.Type.MESSAGE) {
          continue; // map values and list elements are always written
        }
        JsonNode list = json.get(fp.jsonName);
        for (int i = 0; i < message.getRepeatedFieldCount(f); i++) {
          observe(plans, f.getMessageType(), (DynamicMessage) message.getRepeatedField(f, i),
              list == null ? null : list.get(i), out);
        }
      } else if (message.hasField(f)) {
        Object value = message.getField(f);
        if (f.getType() == FieldDescriptor.Type.MESSAGE) {
          observe(plans, f.getMessageType(), (DynamicMessage) value,
              fp.inline ? json : json.get(fp.jsonName), out);
        } else if (isZero(value)) {
          out.add(new Observation(type, f, fp.scalar, json.has(fp.jsonName)));
        }
      }
    }
  }

  private static boolean isZero(Object value) {
    return switch (value) {
      case String s -> s.isEmpty();
      case ByteString b -> b.isEmpty();
      case Boolean b -> !b;
      case Number n -> n.doubleValue() == 0;
      default -> false;
    };
  }

  /** Prints the table entries that differ from the type defaults, for go-omitempty-fields.txt. */
  public static void main(String[] args) {
    Map<String, Map<String, String>> entries = new TreeMap<>();
    for (Observation o : observeAll(new PlanCache(Map.of()))) {
      boolean textual = o.scalar() == FieldPlan.Scalar.STRING || o.scalar() == FieldPlan.Scalar.BYTES;
      // Defaults: strings omitted, numbers and booleans written. Record only the exceptions.
      if (textual == o.written()) {
        entries.computeIfAbsent(o.message(), k -> new TreeMap<>())
            .put(o.field(), (o.written() ? "+" : "-") + o.field());
      }
    }
    entries.forEach((message, fields) ->
        System.out.println(message + ": " + String.join(" ", fields.values())));
  }
}

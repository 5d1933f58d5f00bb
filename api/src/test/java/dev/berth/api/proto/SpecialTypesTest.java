package dev.berth.api.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Authorization;
import org.junit.jupiter.api.Test;

/** The message types whose JSON is not an object of their fields, decoded on their own. */
class SpecialTypesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProtobufDecoder DECODER = new ProtobufDecoder();
  private final ProtoJson converter = DECODER.converter();

  private JsonNode decode(Message message) {
    byte[] bytes = message.toByteArray();
    return converter.decodeValue(converter.plans().plan(message.getDescriptorForType()), bytes, 0,
        bytes.length, 0);
  }

  @Test
  void durationIsGoText() {
    assertThat(decode(Meta.Duration.newBuilder().setDuration(3_600_000_000_000L).build()).asText())
        .isEqualTo("1h0m0s");
    assertThat(decode(Meta.Duration.getDefaultInstance()).asText()).isEqualTo("0s");
  }

  @Test
  void quantityIsItsTextAndZeroWhenAbsent() {
    assertThat(decode(Resource.Quantity.newBuilder().setString("1.5Gi").build()).asText())
        .isEqualTo("1.5Gi");
    assertThat(decode(Resource.Quantity.getDefaultInstance()).asText()).isEqualTo("0");
    assertThatThrownBy(() -> decode(Resource.Quantity.newBuilder().setString("").build()))
        .isInstanceOf(MalformedProtobuf.class).hasMessageStartingWith("quantities must match");
  }

  @Test
  void emptyTimeIsNull() {
    assertThat(decode(Meta.Time.getDefaultInstance()).isNull()).isTrue();
    assertThat(decode(Meta.MicroTime.getDefaultInstance()).isNull()).isTrue();
  }

  @Test
  void stringListWrappersAreArraysOrNull() {
    assertThat(decode(V1Authorization.ExtraValue.newBuilder().addItems("a").build()))
        .isEqualTo(JSON.createArrayNode().add("a"));
    assertThat(decode(Meta.Verbs.getDefaultInstance()).isNull()).isTrue();
  }

  @Test
  void fieldsV1WithoutRawIsNull() {
    assertThat(decode(Meta.FieldsV1.getDefaultInstance()).isNull()).isTrue();
  }

  @Test
  void embeddedUnknownCarriesJsonOrAnEnvelope() throws Exception {
    byte[] envelope = ProtoBodies.envelope("v1", "Namespace",
        V1.Namespace.newBuilder().setMetadata(ProtoBodies.meta("n")).build());

    assertThat(decode(Runtime.Unknown.newBuilder()
        .setRaw(ByteString.copyFromUtf8("{\"kind\":\"Pod\"}"))
        .setContentType("application/json").build()))
        .isEqualTo(JSON.readTree("{\"kind\":\"Pod\"}"));
    assertThat(decode(Runtime.Unknown.newBuilder().setRaw(ByteString.copyFrom(envelope)).build()))
        .isEqualTo(JSON.readTree(
            "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"n\"}}"));
    assertThat(decode(Runtime.Unknown.getDefaultInstance()).isNull()).isTrue();
  }

  @Test
  void emptyRawExtensionIsNull() {
    assertThat(decode(Runtime.RawExtension.getDefaultInstance()).isNull()).isTrue();
  }
}

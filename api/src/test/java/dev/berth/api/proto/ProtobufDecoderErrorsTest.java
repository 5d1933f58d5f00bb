package dev.berth.api.proto;

import static dev.berth.api.proto.ProtoBodies.envelope;
import static dev.berth.api.proto.ProtoBodies.meta;
import static dev.berth.api.proto.ProtobufDecoderTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.status.ApiException;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Refusals carry upstream's status codes and texts. */
class ProtobufDecoderErrorsTest {

  private static final ProtobufDecoder DECODER = new ProtobufDecoder();
  private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");

  private static ApiException refuse(byte[] body, GroupVersionKind expected) {
    return catchThrowableOfType(ApiException.class, () -> DECODER.decode(body, expected));
  }

  @Test
  void emptyBody() {
    ApiException e = refuse(new byte[0], DEPLOYMENT);

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.reason()).isEqualTo("BadRequest");
    assertThat(e.getMessage()).isEqualTo(
        "the object provided is unrecognized (must be of type Deployment): empty data (<empty>)");
  }

  @Test
  void jsonSentAsProtobuf() {
    ApiException e = refuse("{\"kind\":\"Deployment\"}".getBytes(StandardCharsets.UTF_8), DEPLOYMENT);

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("the object provided is unrecognized (must be of type "
        + "Deployment): provided data does not appear to be a protobuf message, expected prefix "
        + "[107 56 115 0] ({\"kind\":\"Deployment\"})");
  }

  @Test
  void magicOnly() {
    assertThat(refuse(ProtoBodies.MAGIC, null).getMessage())
        .isEqualTo("the object provided is unrecognized: empty body (6b387300)");
  }

  @Test
  void truncatedEnvelopeSummarizesTheFirstThirtyBytes() {
    byte[] body = envelope("apps/v1", "Deployment",
        V1Apps.Deployment.newBuilder().setMetadata(meta("a-rather-long-name")).build());
    byte[] truncated = Arrays.copyOf(body, body.length - 3);

    ApiException e = refuse(truncated, DEPLOYMENT);

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith(
        "the object provided is unrecognized (must be of type Deployment): unexpected EOF (6b387300")
        .endsWith(" ...)");
  }

  @Test
  void truncatedObjectNamesTheKinds() {
    byte[] raw = V1Apps.Deployment.newBuilder().setMetadata(meta("web")).build().toByteArray();
    byte[] body = envelope("apps/v1", "Deployment",
        ByteString.copyFrom(Arrays.copyOf(raw, raw.length - 1)));

    assertThat(refuse(body, DEPLOYMENT).getMessage())
        .isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: unexpected EOF");
  }

  @Test
  void wrongWireTypeNamesTheGoField() {
    // ObjectMeta.name (field 1) sent as a varint.
    byte[] raw = {0x0a, 0x02, 0x08, 0x01};
    byte[] body = envelope("v1", "Namespace", ByteString.copyFrom(raw));

    assertThat(refuse(body, null).getMessage()).isEqualTo(
        "Namespace in version \"v1\" cannot be handled as a Namespace: "
            + "proto: wrong wireType = 0 for field Name");
  }

  @Test
  void fieldNumberZeroIsAnIllegalTag() {
    byte[] body = envelope("v1", "Namespace", ByteString.copyFrom(new byte[] {0x00, 0x01}));

    assertThat(refuse(body, null).getMessage()).endsWith("proto: Namespace: illegal tag 0 (wire type 0)");
  }

  @Test
  void unregisteredKindInAKnownGroupIsABadRequest() {
    byte[] body = envelope("apps/v1", "Frobnicator", ByteString.EMPTY);

    ApiException e = refuse(body, DEPLOYMENT);

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Frobnicator in version \"v1\" cannot be handled as a "
        + "Deployment: no kind \"Frobnicator\" is registered for version \"apps/v1\" in scheme "
        + "\"pkg/api/legacyscheme/scheme.go:30\"");
  }

  @Test
  void groupVersionsWithoutProtobufTypesAreUnsupportedMediaTypes() {
    for (String apiVersion : new String[] {"example.com/v1", "discovery.k8s.io/v1",
        "apps/v9"}) {
      ApiException e = refuse(envelope(apiVersion, "Thing", ByteString.EMPTY), null);

      assertThat(e.code()).as(apiVersion).isEqualTo(415);
      assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
    }
  }

  @Test
  void missingKindWithoutAnEndpointKind() {
    byte[] body = envelope("v1", "", ByteString.EMPTY);

    assertThat(refuse(body, null).getMessage()).startsWith("the object provided is unrecognized: "
        + "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}' (6b387300");
  }

  @Test
  void missingApiVersionWithoutAnEndpointKind() {
    byte[] body = envelope("", "Pod", ByteString.EMPTY);

    assertThat(refuse(body, null).getMessage()).contains("Object 'apiVersion' is missing in "
        + "'runtime.TypeMeta{APIVersion:\"\", Kind:\"Pod\"}'");
  }

  @Test
  void contentEncodingIsRefused() {
    Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Namespace"))
        .setRaw(ByteString.copyFromUtf8("gzipped")).setContentEncoding("gzip").build();

    assertThat(refuse(ProtoBodies.withMagic(unknown.toByteArray()), null).getMessage())
        .isEqualTo("Namespace in version \"v1\" cannot be handled as a Namespace: "
            + "unsupported content encoding \"gzip\"");
  }

  @Test
  void impossibleIntOrStringType() {
    byte[] body = envelope("v1", "Service", V1.Service.newBuilder()
        .setSpec(V1.ServiceSpec.newBuilder().addPorts(V1.ServicePort.newBuilder()
            .setTargetPort(IntStr.IntOrString.newBuilder().setType(7))))
        .build());

    assertThat(refuse(body, null).getMessage()).endsWith(": impossible IntOrString.Type");
  }

  @Test
  void timeBeyondYear9999() {
    byte[] body = envelope("v1", "Event", V1.Event.newBuilder()
        .setFirstTimestamp(ProtoBodies.time(253_402_300_800L, 0)).build());

    assertThat(refuse(body, null).getMessage())
        .endsWith(": Time.MarshalJSON: year outside of range [0,9999]");
  }

  @Test
  void invalidEmbeddedJson() {
    byte[] body = envelope("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
        .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"a\":1} x")))
        .build());

    ApiException e = refuse(body, null);

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).contains("invalid embedded JSON");
  }

  @Test
  void deeplyNestedEnvelopesAreCutOff() {
    byte[] body = envelope("v1", "ConfigMap", V1.ConfigMap.getDefaultInstance());
    for (int i = 0; i < 200; i++) {
      body = envelope("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
          .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(body))).build());
    }

    ApiException e = refuse(body, null);

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).contains("exceeded maximum nesting depth");
  }

  @Test
  void hugeLengthPrefixIsUnexpectedEof() {
    // metadata with a length of 2^62
    byte[] raw = concat(new byte[] {0x0a}, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x40});

    assertThat(refuse(envelope("v1", "Namespace", ByteString.copyFrom(raw)), null).getMessage())
        .endsWith("unexpected EOF");
  }

  @Test
  void overlongVarintIsAnIntegerOverflow() {
    byte[] raw = new byte[12];
    Arrays.fill(raw, (byte) 0xff);
    raw[0] = (byte) 0xa0; // unknown varint field 900 whose value never ends
    raw[1] = 0x38;

    assertThat(refuse(envelope("v1", "Namespace", ByteString.copyFrom(raw)), null).getMessage())
        .endsWith("proto: integer overflow");
  }
}

package dev.berth.api.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;

/** Builds protobuf request bodies the way client-go frames them, from the generated builders. */
final class ProtoBodies {

  static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

  private ProtoBodies() {}

  /** The magic, then a runtime.Unknown with the type and the message, as kubectl sends it. */
  static byte[] envelope(String apiVersion, String kind, Message object) {
    return envelope(apiVersion, kind, object.toByteString());
  }

  static byte[] envelope(String apiVersion, String kind, ByteString raw) {
    Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(raw)
        .setContentEncoding("")
        .setContentType("")
        .build();
    return withMagic(unknown.toByteArray());
  }

  static byte[] withMagic(byte[] unknown) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.writeBytes(unknown);
    return out.toByteArray();
  }

  static ObjectMeta.Builder meta(String name) {
    return ObjectMeta.newBuilder().setName(name);
  }

  static Quantity quantity(String text) {
    return Quantity.newBuilder().setString(text).build();
  }

  static IntOrString intValue(int value) {
    return IntOrString.newBuilder().setType(0).setIntVal(value).build();
  }

  static IntOrString stringValue(String value) {
    return IntOrString.newBuilder().setType(1).setStrVal(value).build();
  }

  static Time time(long seconds, int nanos) {
    return Time.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }
}

package dev.berth.api.proto;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;

/**
 * Protobuf types client-java-proto 24 does not ship but client-go writes as protobuf: Lease
 * ({@code coordination.k8s.io/v1}), which every Go controller's leader election creates and renews
 * through the typed client. Described here by field numbers and types (facts of the Kubernetes API),
 * linked against client-java-proto's meta types.
 */
final class SupplementalTypes {

  private static final String META = ".k8s.io.apimachinery.pkg.apis.meta.v1.";

  private SupplementalTypes() {}

  static List<FileDescriptor> load(FileDescriptor meta) {
    try {
      return List.of(coordinationV1(meta));
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("invalid supplemental protobuf descriptor", e);
    }
  }

  private static FileDescriptor coordinationV1(FileDescriptor meta)
      throws DescriptorValidationException {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("berth/k8s.io/api/coordination/v1/generated.proto")
        .setPackage("k8s.io.api.coordination.v1")
        .setSyntax("proto2")
        .addDependency(meta.getName())
        .addMessageType(DescriptorProto.newBuilder().setName("Lease")
            .addField(message("metadata", 1, META + "ObjectMeta"))
            .addField(message("spec", 2, ".k8s.io.api.coordination.v1.LeaseSpec")))
        .addMessageType(DescriptorProto.newBuilder().setName("LeaseList")
            .addField(message("metadata", 1, META + "ListMeta"))
            .addField(message("items", 2, ".k8s.io.api.coordination.v1.Lease")
                .setLabel(Label.LABEL_REPEATED)))
        .addMessageType(DescriptorProto.newBuilder().setName("LeaseSpec")
            .addField(scalar("holderIdentity", 1, Type.TYPE_STRING))
            .addField(scalar("leaseDurationSeconds", 2, Type.TYPE_INT32))
            .addField(message("acquireTime", 3, META + "MicroTime"))
            .addField(message("renewTime", 4, META + "MicroTime"))
            .addField(scalar("leaseTransitions", 5, Type.TYPE_INT32))
            .addField(scalar("strategy", 6, Type.TYPE_STRING))
            .addField(scalar("preferredHolder", 7, Type.TYPE_STRING)))
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[] {meta});
  }

  private static FieldDescriptorProto.Builder scalar(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(Label.LABEL_OPTIONAL);
  }

  private static FieldDescriptorProto.Builder message(String name, int number, String typeName) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
        .setType(Type.TYPE_MESSAGE).setTypeName(typeName).setLabel(Label.LABEL_OPTIONAL);
  }
}

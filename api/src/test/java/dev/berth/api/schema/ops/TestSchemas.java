package dev.berth.api.schema.ops;

import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;

/** Small hand-built schemas shaped like the built-in kinds' (named components, Go-like formats). */
final class TestSchemas {

  private TestSchemas() {}

  static Schema deployment() {
    Schema quantity = new Schema(Type.INT_OR_STRING).name("io.k8s.apimachinery.pkg.api.resource.Quantity");
    Schema intOrString = new Schema(Type.INT_OR_STRING).name("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    Schema port = Schema.object().name("io.k8s.api.core.v1.ContainerPort")
        .property("containerPort", new Schema(Type.INTEGER).format("int32"))
        .property("name", Schema.string());
    Schema resources = Schema.object().name("io.k8s.api.core.v1.ResourceRequirements")
        .property("limits", Schema.mapOf(quantity))
        .property("requests", Schema.mapOf(quantity));
    Schema probe = Schema.object().name("io.k8s.api.core.v1.HTTPGetAction")
        .property("port", intOrString).property("path", Schema.string());
    Schema container = Schema.object().name("io.k8s.api.core.v1.Container")
        .property("name", Schema.string())
        .property("image", Schema.string())
        .property("imagePullPolicy", Schema.string())
        .property("args", Schema.array(Schema.string()))
        .property("ports", Schema.array(port))
        .property("resources", resources)
        .property("httpGet", probe)
        .property("tty", new Schema(Type.BOOLEAN));
    Schema podSpec = Schema.object().name("io.k8s.api.core.v1.PodSpec")
        .property("containers", Schema.array(container))
        .property("terminationGracePeriodSeconds", new Schema(Type.INTEGER).format("int64"))
        .property("priority", new Schema(Type.INTEGER).format("int32"));
    Schema template = Schema.object().name("io.k8s.api.core.v1.PodTemplateSpec")
        .property("metadata", ObjectMetaSchema.create())
        .property("spec", podSpec);
    Schema selector = Schema.object().name("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")
        .property("matchLabels", Schema.mapOf(Schema.string()));
    Schema spec = Schema.object().name("io.k8s.api.apps.v1.DeploymentSpec")
        .property("replicas", new Schema(Type.INTEGER).format("int32"))
        .property("paused", new Schema(Type.BOOLEAN))
        .property("selector", selector)
        .property("template", template)
        .property("ratio", new Schema(Type.NUMBER).format("double"))
        .property("extension", new Schema(Type.ANY).name("io.k8s.apimachinery.pkg.runtime.RawExtension"));
    return Schema.object().name("io.k8s.api.apps.v1.Deployment")
        .property("apiVersion", Schema.string())
        .property("kind", Schema.string())
        .property("metadata", ObjectMetaSchema.create())
        .property("spec", spec)
        .property("status", Schema.object().name("io.k8s.api.apps.v1.DeploymentStatus")
            .property("replicas", new Schema(Type.INTEGER).format("int32")));
  }

  static Schema secret() {
    return Schema.object().name("io.k8s.api.core.v1.Secret")
        .property("data", Schema.mapOf(Schema.string().format("byte")))
        .property("stringData", Schema.mapOf(Schema.string()))
        .property("type", Schema.string());
  }
}

package dev.berth.api.proto;

import static dev.berth.api.proto.ProtoBodies.envelope;
import static dev.berth.api.proto.ProtoBodies.intValue;
import static dev.berth.api.proto.ProtoBodies.meta;
import static dev.berth.api.proto.ProtoBodies.quantity;
import static dev.berth.api.proto.ProtoBodies.stringValue;
import static dev.berth.api.proto.ProtoBodies.time;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds real protobuf messages with client-java-proto's generated builders, wraps them as kubectl
 * does, and compares the decoded tree with hand-written Kubernetes JSON.
 */
class ProtobufDecoderTest {

  private static final ProtobufDecoder DECODER = new ProtobufDecoder();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void namespace() {
    byte[] body = envelope("v1", "Namespace", V1.Namespace.newBuilder()
        .setMetadata(meta("team-a").putLabels("owner", "a").putAnnotations("note", "x y"))
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"Namespace","apiVersion":"v1",
         "metadata":{"name":"team-a","labels":{"owner":"a"},"annotations":{"note":"x y"}}}"""));
  }

  @Test
  void deploymentWithPodTemplateResourcesProbesAndPointerZeroes() {
    V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
        .setMetadata(meta("web").setNamespace("default").putLabels("app", "web")
            .putAnnotations("deployment.kubernetes.io/revision", "1"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(0)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
            .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                    .setMaxSurge(intValue(2)).setMaxUnavailable(stringValue("25%"))))
            .setTemplate(V1.PodTemplateSpec.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().putLabels("app", "web"))
                .setSpec(V1.PodSpec.newBuilder()
                    .setTerminationGracePeriodSeconds(0)
                    .setAutomountServiceAccountToken(false)
                    .setSecurityContext(V1.PodSecurityContext.newBuilder()
                        .setRunAsUser(0).setRunAsNonRoot(false)
                        .addSupplementalGroups(1000).addSupplementalGroups(5_000_000_000L))
                    .addContainers(V1.Container.newBuilder().setName("web").setImage("nginx:1.27")
                        .addArgs("--port=80")
                        .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80)
                            .setProtocol("TCP"))
                        .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValueFrom(
                            V1.EnvVarSource.newBuilder().setConfigMapKeyRef(
                                V1.ConfigMapKeySelector.newBuilder()
                                    .setLocalObjectReference(
                                        V1.LocalObjectReference.newBuilder().setName("cfg"))
                                    .setKey("mode"))))
                        .setResources(V1.ResourceRequirements.newBuilder()
                            .putLimits("cpu", quantity("500m"))
                            .putRequests("memory", quantity("64Mi")))
                        .setLivenessProbe(V1.Probe.newBuilder()
                            .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(
                                V1.HTTPGetAction.newBuilder().setPath("/healthz")
                                    .setPort(stringValue("http"))))
                            .setPeriodSeconds(5))))))
        .build();

    assertThat(DECODER.decode(envelope("apps/v1", "Deployment", deployment))).isEqualTo(json("""
        {"kind":"Deployment","apiVersion":"apps/v1",
         "metadata":{"name":"web","namespace":"default","labels":{"app":"web"},
                     "annotations":{"deployment.kubernetes.io/revision":"1"}},
         "spec":{"replicas":0,
                 "selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.27","args":["--port=80"],
                             "ports":[{"containerPort":80,"protocol":"TCP"}],
                             "env":[{"name":"MODE","valueFrom":{"configMapKeyRef":
                                        {"name":"cfg","key":"mode"}}}],
                             "resources":{"limits":{"cpu":"500m"},"requests":{"memory":"64Mi"}},
                             "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},
                                              "periodSeconds":5}}],
                           "terminationGracePeriodSeconds":0,
                           "automountServiceAccountToken":false,
                           "securityContext":{"runAsUser":0,"runAsNonRoot":false,
                                              "supplementalGroups":[1000,5000000000]}}},
                 "strategy":{"type":"RollingUpdate",
                             "rollingUpdate":{"maxUnavailable":"25%","maxSurge":2}}}}"""));
  }

  @Test
  void intOrStringTakesEitherForm() {
    V1Apps.RollingUpdateDeployment.Builder rolling = V1Apps.RollingUpdateDeployment.newBuilder()
        .setMaxSurge(stringValue("50%")).setMaxUnavailable(intValue(0));
    byte[] body = envelope("apps/v1", "Deployment", V1Apps.Deployment.newBuilder()
        .setMetadata(meta("d"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setStrategy(
            V1Apps.DeploymentStrategy.newBuilder().setRollingUpdate(rolling)))
        .build());

    assertThat(DECODER.decode(body).at("/spec/strategy/rollingUpdate"))
        .isEqualTo(json("{\"maxUnavailable\":0,\"maxSurge\":\"50%\"}"));
  }

  @Test
  void configMapDataAndBinaryDataAsBase64() {
    byte[] body = envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder()
        .setMetadata(meta("cm").setNamespace("ns"))
        .putData("app.properties", "a=1\nb=2\n")
        .putData("empty", "")
        .putBinaryData("blob", ByteString.copyFrom(new byte[] {0, (byte) 0xff, 0x10}))
        .setImmutable(false)
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"ns"},
         "immutable":false,"data":{"app.properties":"a=1\\nb=2\\n","empty":""},
         "binaryData":{"blob":"AP8Q"}}"""));
  }

  @Test
  void secretDataIsBase64() {
    byte[] body = envelope("v1", "Secret", V1.Secret.newBuilder()
        .setMetadata(meta("s"))
        .putData("password", ByteString.copyFromUtf8("s3cr3t"))
        .putStringData("user", "admin")
        .setType("Opaque")
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},
         "data":{"password":"czNjcjN0"},"stringData":{"user":"admin"},"type":"Opaque"}"""));
  }

  @Test
  void serviceWithNumericAndNamedTargetPorts() {
    byte[] body = envelope("v1", "Service", V1.Service.newBuilder()
        .setMetadata(meta("svc"))
        .setSpec(V1.ServiceSpec.newBuilder()
            .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                .setTargetPort(intValue(8080)))
            .addPorts(V1.ServicePort.newBuilder().setName("https").setPort(443)
                .setTargetPort(stringValue("tls")))
            .putSelector("app", "web")
            .setType("ClusterIP")
            .addIpFamilies("IPv4"))
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"Service","apiVersion":"v1","metadata":{"name":"svc"},
         "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},
                          {"name":"https","port":443,"targetPort":"tls"}],
                 "selector":{"app":"web"},"type":"ClusterIP","ipFamilies":["IPv4"]}}"""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "meta.k8s.io/v1", "apps/v1", "batch/v1"})
  void deleteOptionsUnderAnyGroupVersion(String apiVersion) {
    byte[] body = envelope(apiVersion, "DeleteOptions", Meta.DeleteOptions.newBuilder()
        .setGracePeriodSeconds(0)
        .setPropagationPolicy("Foreground")
        .setPreconditions(Meta.Preconditions.newBuilder().setUid("u-1"))
        .addDryRun("All")
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"DeleteOptions","apiVersion":"%s","gracePeriodSeconds":0,
         "preconditions":{"uid":"u-1"},"propagationPolicy":"Foreground","dryRun":["All"]}"""
        .formatted(apiVersion)));
  }

  @Test
  void selfSubjectAccessReview() {
    byte[] body = envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview",
        V1Authorization.SelfSubjectAccessReview.newBuilder()
            .setMetadata(ObjectMeta.newBuilder())
            .setSpec(V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                .setResourceAttributes(V1Authorization.ResourceAttributes.newBuilder()
                    .setNamespace("default").setVerb("create").setGroup("apps")
                    .setResource("deployments")))
            .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{},
         "spec":{"resourceAttributes":{"namespace":"default","verb":"create","group":"apps",
                                       "resource":"deployments"}}}"""));
  }

  @Test
  void subjectAccessReviewExtraValuesAreArrays() {
    byte[] body = envelope("authorization.k8s.io/v1", "SubjectAccessReview",
        V1Authorization.SubjectAccessReview.newBuilder()
            .setSpec(V1Authorization.SubjectAccessReviewSpec.newBuilder().setUser("alice")
                .putExtra("scopes", V1Authorization.ExtraValue.newBuilder()
                    .addItems("read").addItems("write").build())
                .putExtra("none", V1Authorization.ExtraValue.getDefaultInstance()))
            .build());

    assertThat(DECODER.decode(body).get("spec"))
        .isEqualTo(json("{\"user\":\"alice\",\"extra\":{\"none\":null,\"scopes\":[\"read\",\"write\"]}}"));
  }

  @Test
  void tokenRequest() {
    byte[] body = envelope("authentication.k8s.io/v1", "TokenRequest",
        V1Authentication.TokenRequest.newBuilder()
            .setMetadata(meta("build-robot").setNamespace("ci"))
            .setSpec(V1Authentication.TokenRequestSpec.newBuilder()
                .addAudiences("https://kubernetes.default.svc")
                .setExpirationSeconds(600)
                .setBoundObjectRef(V1Authentication.BoundObjectReference.newBuilder()
                    .setKind("Pod").setApiVersion("v1").setName("p").setUID("uid-7")))
            .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1",
         "metadata":{"name":"build-robot","namespace":"ci"},
         "spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":600,
                 "boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p","uid":"uid-7"}}}"""));
  }

  @Test
  void eviction() {
    byte[] body = envelope("policy/v1", "Eviction", V1Policy.Eviction.newBuilder()
        .setMetadata(meta("p1").setNamespace("default"))
        .setDeleteOptions(Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(30))
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"Eviction","apiVersion":"policy/v1",
         "metadata":{"name":"p1","namespace":"default"},
         "deleteOptions":{"gracePeriodSeconds":30}}"""));
  }

  @Test
  void cronJob() {
    byte[] body = envelope("batch/v1", "CronJob", V1Batch.CronJob.newBuilder()
        .setMetadata(meta("nightly"))
        .setSpec(V1Batch.CronJobSpec.newBuilder()
            .setSchedule("0 3 * * *").setTimeZone("Etc/UTC").setSuspend(false)
            .setSuccessfulJobsHistoryLimit(0)
            .setJobTemplate(V1Batch.JobTemplateSpec.newBuilder()
                .setSpec(V1Batch.JobSpec.newBuilder().setBackoffLimit(0)
                    .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder()
                        .setRestartPolicy("Never")
                        .addContainers(V1.Container.newBuilder().setName("c").setImage("busybox")
                            .addCommand("date")))))))
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"nightly"},
         "spec":{"schedule":"0 3 * * *","timeZone":"Etc/UTC","suspend":false,
                 "jobTemplate":{"spec":{"backoffLimit":0,"template":{"spec":{
                     "containers":[{"name":"c","image":"busybox","command":["date"]}],
                     "restartPolicy":"Never"}}}},
                 "successfulJobsHistoryLimit":0}}"""));
  }

  @Test
  void timesAndMicroTimes() {
    byte[] body = envelope("v1", "Event", V1.Event.newBuilder()
        .setMetadata(meta("e").setCreationTimestamp(Meta.Time.getDefaultInstance()))
        .setFirstTimestamp(time(1_704_164_645L, 999_999_999))
        .setLastTimestamp(time(0, 0))
        .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1_704_164_645L).setNanos(123_456_789))
        .setCount(0)
        .build());

    assertThat(DECODER.decode(body)).isEqualTo(json("""
        {"kind":"Event","apiVersion":"v1",
         "metadata":{"name":"e","creationTimestamp":null},
         "firstTimestamp":"2024-01-02T03:04:05Z","lastTimestamp":"1970-01-01T00:00:00Z",
         "count":0,"eventTime":"2024-01-02T03:04:05.123456Z"}"""));
  }

  @Test
  void rawExtensionEmbedsJsonOrANestedEnvelope() {
    byte[] nested = envelope("v1", "ConfigMap",
        V1.ConfigMap.newBuilder().setMetadata(meta("inner")).putData("k", "v").build());
    byte[] jsonData = envelope("apps/v1", "ControllerRevision",
        V1Apps.ControllerRevision.newBuilder().setMetadata(meta("r1")).setRevision(3)
            .setData(Runtime.RawExtension.newBuilder()
                .setRaw(ByteString.copyFromUtf8("{\"spec\":{\"template\":{\"x\":[1,true]}}}")))
            .build());
    byte[] protoData = envelope("apps/v1", "ControllerRevision",
        V1Apps.ControllerRevision.newBuilder().setMetadata(meta("r2"))
            .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(nested)))
            .build());

    assertThat(DECODER.decode(jsonData).get("data"))
        .isEqualTo(json("{\"spec\":{\"template\":{\"x\":[1,true]}}}"));
    assertThat(DECODER.decode(protoData).get("data")).isEqualTo(json(
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"inner\"},"
            + "\"data\":{\"k\":\"v\"}}"));
  }

  @Test
  void managedFieldsEmbedFieldsV1() {
    byte[] body = envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder()
        .setMetadata(meta("cm").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
            .setManager("kubectl").setOperation("Apply").setApiVersion("v1")
            .setTime(time(1_704_164_645L, 0)).setFieldsType("FieldsV1")
            .setFieldsV1(Meta.FieldsV1.newBuilder()
                .setRaw(ByteString.copyFromUtf8("{\"f:data\":{\"f:k\":{}}}")))))
        .build());

    assertThat(DECODER.decode(body).at("/metadata/managedFields/0")).isEqualTo(json("""
        {"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-01-02T03:04:05Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}}}}"""));
  }

  @Test
  void ingressRuleValueIsFlattened() {
    byte[] body = envelope("networking.k8s.io/v1", "Ingress", V1Networking.Ingress.newBuilder()
        .setMetadata(meta("ing"))
        .setSpec(V1Networking.IngressSpec.newBuilder().setIngressClassName("nginx")
            .addRules(V1Networking.IngressRule.newBuilder().setHost("foo.com")
                .setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder().setHttp(
                    V1Networking.HTTPIngressRuleValue.newBuilder().addPaths(
                        V1Networking.HTTPIngressPath.newBuilder().setPath("/").setPathType("Prefix")
                            .setBackend(V1Networking.IngressBackend.newBuilder().setService(
                                V1Networking.IngressServiceBackend.newBuilder().setName("web")
                                    .setPort(V1Networking.ServiceBackendPort.newBuilder()
                                        .setNumber(80)))))))))
        .build());

    assertThat(DECODER.decode(body).get("spec")).isEqualTo(json("""
        {"ingressClassName":"nginx","rules":[{"host":"foo.com","http":{"paths":[
          {"path":"/","pathType":"Prefix",
           "backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}"""));
  }

  @Test
  void webhookConfigurationUsesJsonNamesNotProtoNames() {
    byte[] body = envelope("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration",
        V1Admissionregistration.ValidatingWebhookConfiguration.newBuilder()
            .setMetadata(meta("w"))
            .addWebhooks(V1Admissionregistration.ValidatingWebhook.newBuilder().setName("a.b.c")
                .addRules(V1Admissionregistration.RuleWithOperations.newBuilder()
                    .addOperations("CREATE")
                    .setRule(V1Admissionregistration.Rule.newBuilder().addApiGroups("")
                        .addApiVersions("v1").addResources("pods"))))
            .build());

    assertThat(DECODER.decode(body).get("webhooks")).isEqualTo(json("""
        [{"name":"a.b.c","rules":[{"operations":["CREATE"],"apiGroups":[""],
          "apiVersions":["v1"],"resources":["pods"]}]}]"""));
  }

  @Test
  void expectedKindFillsAnEmptyTypeMeta() {
    byte[] body = envelope("", "", V1.Namespace.newBuilder().setMetadata(meta("n")).build());

    ObjectNode decoded = DECODER.decode(body,
        new GroupVersionKind("", "v1", "Namespace"));

    assertThat(decoded).isEqualTo(json(
        "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"n\"}}"));
  }

  @Test
  void bodyKindIsReportedEvenWhenItDiffersFromTheEndpoint() {
    byte[] body = envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("c")).build());

    ObjectNode decoded = DECODER.decode(body,
        new GroupVersionKind("apps", "v1", "Deployment"));

    assertThat(decoded.get("kind").asText()).isEqualTo("ConfigMap");
    assertThat(decoded.get("apiVersion").asText()).isEqualTo("v1");
  }

  @Test
  void unknownFieldsFromNewerClientsAreSkipped() {
    byte[] raw = V1.Namespace.newBuilder().setMetadata(meta("n")).build().toByteArray();
    byte[] withExtras = concat(raw,
        // field 900 varint 1, field 901 fixed64, field 902 bytes "xy", field 903 group {} end
        new byte[] {(byte) 0xa0, 0x38, 0x01},
        new byte[] {(byte) 0xa9, 0x38, 1, 2, 3, 4, 5, 6, 7, 8},
        new byte[] {(byte) 0xb2, 0x38, 0x02, 'x', 'y'},
        new byte[] {(byte) 0xbb, 0x38, 0x08, 0x01, (byte) 0xbc, 0x38});

    ObjectNode decoded = DECODER.decode(envelope("v1", "Namespace", ByteString.copyFrom(withExtras)));

    assertThat(decoded).isEqualTo(json(
        "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"n\"}}"));
  }

  @Test
  void repeatedOccurrencesOfAMessageFieldMerge() {
    byte[] first = V1.Namespace.newBuilder().setMetadata(meta("n").putLabels("a", "1"))
        .build().toByteArray();
    byte[] second = V1.Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder()
        .setNamespace("ns").putLabels("b", "2")).build().toByteArray();

    ObjectNode decoded = DECODER.decode(
        envelope("v1", "Namespace", ByteString.copyFrom(concat(first, second))));

    assertThat(decoded.get("metadata")).isEqualTo(
        json("{\"name\":\"n\",\"namespace\":\"ns\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}"));
  }

  @Test
  void packedRepeatedNumbersAreAccepted() {
    // PodSecurityContext.supplementalGroups (field 4) as one packed record: 1, 300.
    byte[] securityContext = {0x22, 0x03, 0x01, (byte) 0xac, 0x02};
    byte[] podSpec = concat(new byte[] {0x72, (byte) securityContext.length}, securityContext);
    byte[] pod = concat(new byte[] {0x12, (byte) podSpec.length}, podSpec);

    ObjectNode decoded = DECODER.decode(envelope("v1", "Pod", ByteString.copyFrom(pod)));

    assertThat(decoded.at("/spec/securityContext/supplementalGroups")).isEqualTo(json("[1,300]"));
  }

  @Test
  void nodeStatusCarriesTheWholeTreeOfQuantitiesAndTimes() {
    byte[] body = envelope("v1", "Node", V1.Node.newBuilder()
        .setMetadata(meta("n1"))
        .setStatus(V1.NodeStatus.newBuilder()
            .putCapacity("cpu", quantity("4")).putCapacity("memory", quantity("8Gi"))
            .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True")
                .setLastHeartbeatTime(time(1_704_164_645L, 0))))
        .build());

    assertThat(DECODER.decode(body).get("status")).isEqualTo(json("""
        {"capacity":{"cpu":"4","memory":"8Gi"},
         "conditions":[{"type":"Ready","status":"True",
                        "lastHeartbeatTime":"2024-01-02T03:04:05Z"}]}"""));
  }

  @Test
  void leaseFromLeaderElection() {
    // client-java-proto has no coordination types; the decoder supplies Lease itself.
    Descriptor lease = KindIndex.load(getClass().getClassLoader())
        .find(new GroupVersion("coordination.k8s.io", "v1"), "Lease");
    Descriptor spec = lease.findFieldByName("spec").getMessageType();
    DynamicMessage message = DynamicMessage.newBuilder(lease)
        .setField(lease.findFieldByName("metadata"),
            meta("controller-leader").setNamespace("kube-system").build())
        .setField(lease.findFieldByName("spec"), DynamicMessage.newBuilder(spec)
            .setField(spec.findFieldByName("holderIdentity"), "")
            .setField(spec.findFieldByName("leaseDurationSeconds"), 15)
            .setField(spec.findFieldByName("renewTime"), Meta.MicroTime.newBuilder()
                .setSeconds(1_704_164_645L).setNanos(123_456_000).build())
            .setField(spec.findFieldByName("leaseTransitions"), 0)
            .build())
        .build();

    assertThat(DECODER.decode(envelope("coordination.k8s.io/v1", "Lease", message)))
        .isEqualTo(json("""
            {"kind":"Lease","apiVersion":"coordination.k8s.io/v1",
             "metadata":{"name":"controller-leader","namespace":"kube-system"},
             "spec":{"holderIdentity":"","leaseDurationSeconds":15,
                     "renewTime":"2024-01-02T03:04:05.123456Z","leaseTransitions":0}}"""));
  }

  @Test
  void isProtobufChecksTheMagic() {
    assertThat(ProtobufDecoder.isProtobuf(new byte[] {0x6b, 0x38, 0x73, 0x00, 0x0a})).isTrue();
    assertThat(ProtobufDecoder.isProtobuf("{\"kind\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(ProtobufDecoder.isProtobuf(new byte[] {0x6b, 0x38})).isFalse();
    assertThat(ProtobufDecoder.isProtobuf(null)).isFalse();
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static List<byte[]> sampleBodies() {
    return List.of(
        envelope("v1", "Namespace", V1.Namespace.newBuilder().setMetadata(meta("n")).build()),
        envelope("v1", "Event", V1.Event.newBuilder().setMetadata(meta("e"))
            .setFirstTimestamp(time(5, 6))
            .setEventTime(Meta.MicroTime.newBuilder().setSeconds(7)).build()),
        envelope("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
            .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"a\":[1]}")))
            .build()));
  }
}

package dev.berth.api.apply;

import static dev.berth.api.apply.TestSchemas.json;
import static dev.berth.api.apply.TestSchemas.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One Deployment through a realistic life: created by {@code kubectl apply --server-side}, defaulted
 * by the server, reconciled by the deployment controller (status and an annotation), scaled by an
 * autoscaler, re-applied by kubectl with a new image and without replicas.
 */
class RealisticDeploymentTest {

  private final TestClock clock = new TestClock("2024-06-01T08:00:00Z");
  private final FieldManager fm = new FieldManager(clock);
  private final Schema schema = TestSchemas.deployment();
  private static final FieldSet STATUS = FieldSet.of(FieldPath.fields("status"));
  private static final FieldSet NOT_STATUS = FieldSet.of(FieldPath.fields("spec"),
      FieldPath.fields("metadata", "labels"), FieldPath.fields("metadata", "annotations"));

  private static final String CONFIG = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
      + "'namespace':'shop','labels':{'app':'web','tier':'frontend'}},'spec':{'replicas':3,'selector':"
      + "{'matchLabels':{'app':'web'}},'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%',"
      + "'maxUnavailable':0}},'template':{'metadata':{'labels':{'app':'web'},'annotations':"
      + "{'prometheus.io/scrape':'true'}},'spec':{'containers':[{'name':'web','image':'registry.local/web:1.4.2',"
      + "'args':['--port=8080'],'env':[{'name':'MODE','value':'prod'},{'name':'POD_IP','valueFrom':{'fieldRef':"
      + "{'fieldPath':'status.podIP'}}}],'ports':[{'name':'http','containerPort':8080}],'resources':{'requests':"
      + "{'cpu':'100m','memory':'128Mi'},'limits':{'memory':'256Mi'}},'volumeMounts':[{'name':'config',"
      + "'mountPath':'/etc/web'}]}],'volumes':[{'name':'config','configMap':{'name':'web-config'}}]}}}}";

  private static final String KUBECTL_FIELDS = "{'f:metadata':{'f:labels':{'f:app':{},'f:tier':{}}},'f:spec':{"
      + "%s'f:selector':{},'f:strategy':{'f:rollingUpdate':{'f:maxSurge':{},'f:maxUnavailable':{}},'f:type':{}},"
      + "'f:template':{'f:metadata':{'f:annotations':{'f:prometheus.io/scrape':{}},'f:labels':{'f:app':{}}},"
      + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'web\\'}':{'.':{},'f:args':{},'f:env':{"
      + "'k:{\\'name\\':\\'MODE\\'}':{'.':{},'f:name':{},'f:value':{}},'k:{\\'name\\':\\'POD_IP\\'}':{'.':{},"
      + "'f:name':{},'f:valueFrom':{'f:fieldRef':{}}}},'f:image':{},'f:name':{},'f:ports':{"
      + "'k:{\\'containerPort\\':8080,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{},'f:name':{}}},"
      + "'f:resources':{'f:limits':{'f:memory':{}},'f:requests':{'f:cpu':{},'f:memory':{}}},'f:volumeMounts':{"
      + "'k:{\\'mountPath\\':\\'/etc/web\\'}':{'.':{},'f:mountPath':{},'f:name':{}}}}},'f:volumes':{"
      + "'k:{\\'name\\':\\'config\\'}':{'.':{},'f:configMap':{'f:name':{}},'f:name':{}}}}}}}";

  private static String q(String s) {
    return s.replace('\'', '"');
  }

  private static ObjectNode store(ObjectNode o, int rv) {
    ObjectNode meta = (ObjectNode) o.get("metadata");
    meta.put("uid", "6f1c").put("resourceVersion", String.valueOf(rv));
    return o;
  }

  @Test
  void aDeploymentsLife() {
    // 1. kubectl apply --server-side creates it; the server then defaults it (defaults are nobody's).
    ObjectNode live = ((ApplyResult.Applied) fm.apply(null, obj(CONFIG), "kubectl", "", false, "apps/v1",
        schema, STATUS)).object();
    live = store(live, 1);
    ((ObjectNode) live.get("spec")).put("progressDeadlineSeconds", 600).put("revisionHistoryLimit", 10);
    ((ObjectNode) live.at("/spec/template/spec")).put("restartPolicy", "Always").put("dnsPolicy", "ClusterFirst");
    ((ObjectNode) live.at("/spec/template/spec/containers/0/ports/0")).put("protocol", "TCP");
    assertThat(live.at("/metadata/managedFields/0/fieldsV1"))
        .isEqualTo(json(String.format(KUBECTL_FIELDS, "'f:replicas':{},")));

    // 2. The deployment controller: an annotation on the object, then the status subresource.
    clock.advance(Duration.ofSeconds(2));
    ObjectNode next = live.deepCopy();
    ((ObjectNode) next.get("metadata")).set("annotations", json("{'deployment.kubernetes.io/revision':'1'}"));
    live = store(fm.update(live, next, "kube-controller-manager", "", "apps/v1", schema, STATUS), 2);
    next = live.deepCopy();
    next.set("status", json("{'observedGeneration':1,'replicas':3,'updatedReplicas':3,'readyReplicas':3,"
        + "'availableReplicas':3,'conditions':[{'type':'Available','status':'True','reason':'MinimumReplicasAvailable'},"
        + "{'type':'Progressing','status':'True','reason':'NewReplicaSetAvailable'}]}"));
    live = store(fm.update(live, next, "kube-controller-manager", "status", "apps/v1", schema, NOT_STATUS), 3);

    // 3. An autoscaler scales it.
    clock.advance(Duration.ofMinutes(10));
    next = live.deepCopy();
    ((ObjectNode) next.get("spec")).put("replicas", 5);
    live = store(fm.update(live, next, "hpa", "", "apps/v1", schema, STATUS), 4);

    // 4. kubectl re-applies: a new image, replicas left to the autoscaler.
    clock.advance(Duration.ofMinutes(1));
    ObjectNode config = obj(CONFIG);
    ((ObjectNode) config.get("spec")).remove("replicas");
    ((ObjectNode) config.at("/spec/template/spec/containers/0")).put("image", "registry.local/web:1.5.0");
    ApplyResult r = fm.apply(live, config, "kubectl", "", false, "apps/v1", schema, STATUS);
    assertThat(r).isInstanceOf(ApplyResult.Applied.class);
    ObjectNode o = ((ApplyResult.Applied) r).object();

    assertThat(o.at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(o.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.local/web:1.5.0");
    assertThat(o.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(o.at("/spec/template/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(o.at("/status/replicas").asInt()).isEqualTo(3);
    assertThat(o.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");

    JsonNode mf = o.at("/metadata/managedFields");
    assertThat(mf).hasSize(4);
    assertThat(strip(mf.get(0))).isEqualTo(json("{'manager':'kubectl','operation':'Apply','apiVersion':'apps/v1',"
        + "'time':'2024-06-01T08:11:02Z','fieldsType':'FieldsV1'}"));
    assertThat(FieldSet.fromJson(mf.get(0).get("fieldsV1")).toJsonString())
        .isEqualTo(q(String.format(KUBECTL_FIELDS, "")));
    assertThat(mf.get(1)).isEqualTo(json("{'manager':'kube-controller-manager','operation':'Update',"
        + "'apiVersion':'apps/v1','time':'2024-06-01T08:00:02Z','fieldsType':'FieldsV1','fieldsV1':{'f:metadata':"
        + "{'f:annotations':{'.':{},'f:deployment.kubernetes.io/revision':{}}}}}"));
    assertThat(mf.get(2)).isEqualTo(json("{'manager':'kube-controller-manager','operation':'Update',"
        + "'apiVersion':'apps/v1','time':'2024-06-01T08:00:02Z','fieldsType':'FieldsV1','fieldsV1':{'f:status':"
        + "{'.':{},'f:availableReplicas':{},'f:conditions':{'.':{},'k:{\\'type\\':\\'Available\\'}':{'.':{},"
        + "'f:reason':{},'f:status':{},'f:type':{}},'k:{\\'type\\':\\'Progressing\\'}':{'.':{},'f:reason':{},"
        + "'f:status':{},'f:type':{}}},'f:observedGeneration':{},'f:readyReplicas':{},'f:replicas':{},"
        + "'f:updatedReplicas':{}}},'subresource':'status'}"));
    assertThat(mf.get(3)).isEqualTo(json("{'manager':'hpa','operation':'Update','apiVersion':'apps/v1',"
        + "'time':'2024-06-01T08:10:02Z','fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}}"));

    // 5. kubectl tries to take replicas back without force: the autoscaler owns it.
    ApplyResult back = fm.apply(o, obj(CONFIG), "kubectl", "", false, "apps/v1", schema, STATUS);
    assertThat(((ApplyResult.Conflicted) back).toApiException().getMessage())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"hpa\" using apps/v1: .spec.replicas");
  }

  private static JsonNode strip(JsonNode entry) {
    ObjectNode e = (ObjectNode) entry.deepCopy();
    e.remove("fieldsV1");
    return e;
  }
}

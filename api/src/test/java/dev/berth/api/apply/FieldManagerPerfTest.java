package dev.berth.api.apply;

import static dev.berth.api.apply.TestSchemas.json;
import static dev.berth.api.apply.TestSchemas.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures what tracking costs per write of a typical Pod (the kubelet's status updates and a label
 * change by a controller), so regressions show. The bound is loose: the machine is shared.
 */
class FieldManagerPerfTest {

  private static final System.Logger LOG = System.getLogger(FieldManagerPerfTest.class.getName());

  static final String POD = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web-7d4b9c-x2k4p',"
      + "'generateName':'web-7d4b9c-','namespace':'shop','uid':'0b7c3f0e-1a2b-4c5d-8e9f-001122334455',"
      + "'resourceVersion':'81234','creationTimestamp':'2024-06-01T08:00:00Z','labels':{'app':'web',"
      + "'pod-template-hash':'7d4b9c','tier':'frontend'},'annotations':{'prometheus.io/scrape':'true'},"
      + "'ownerReferences':[{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'web-7d4b9c',"
      + "'uid':'9a8b7c6d-0000-1111-2222-333344445555','controller':true,'blockOwnerDeletion':true}]},"
      + "'spec':{'containers':[{'name':'web','image':'registry.local/web:1.4.2','args':['--port=8080'],"
      + "'env':[{'name':'MODE','value':'prod'},{'name':'POD_IP','valueFrom':{'fieldRef':{'apiVersion':'v1',"
      + "'fieldPath':'status.podIP'}}}],'ports':[{'name':'http','containerPort':8080,'protocol':'TCP'}],"
      + "'resources':{'requests':{'cpu':'100m','memory':'128Mi'},'limits':{'memory':'256Mi'}},"
      + "'volumeMounts':[{'name':'config','mountPath':'/etc/web'},{'name':'kube-api-access-x1','mountPath':"
      + "'/var/run/secrets/kubernetes.io/serviceaccount','readOnly':true}],'terminationMessagePath':"
      + "'/dev/termination-log','terminationMessagePolicy':'File','imagePullPolicy':'IfNotPresent'},"
      + "{'name':'log','image':'busybox:1.36','args':['tail','-f','/var/log/app.log'],'resources':{},"
      + "'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File','imagePullPolicy':"
      + "'IfNotPresent'}],'volumes':[{'name':'config','configMap':{'name':'web-config'}},{'name':"
      + "'kube-api-access-x1','emptyDir':{}}],'restartPolicy':'Always','terminationGracePeriodSeconds':30,"
      + "'dnsPolicy':'ClusterFirst','serviceAccountName':'default','nodeName':'node-3','securityContext':{},"
      + "'schedulerName':'default-scheduler','tolerations':[{'key':'node.kubernetes.io/not-ready',"
      + "'operator':'Exists','effect':'NoExecute'}]},'status':{'phase':'Pending','conditions':[{'type':"
      + "'PodScheduled','status':'True','lastTransitionTime':'2024-06-01T08:00:00Z'}],'qosClass':'Burstable'}}";

  private static final String RUNNING = "{'phase':'Running','conditions':[{'type':'Initialized','status':'True',"
      + "'lastTransitionTime':'2024-06-01T08:00:01Z'},{'type':'Ready','status':'True','lastTransitionTime':"
      + "'2024-06-01T08:00:05Z'},{'type':'ContainersReady','status':'True','lastTransitionTime':"
      + "'2024-06-01T08:00:05Z'},{'type':'PodScheduled','status':'True','lastTransitionTime':"
      + "'2024-06-01T08:00:00Z'}],'hostIP':'10.0.0.3','podIP':'10.244.3.17','podIPs':[{'ip':'10.244.3.17'}],"
      + "'startTime':'2024-06-01T08:00:00Z','qosClass':'Burstable','containerStatuses':[{'name':'web',"
      + "'ready':true,'restartCount':0,'image':'registry.local/web:1.4.2','imageID':'sha256:abc','containerID':"
      + "'containerd://111','started':true,'state':{'running':{'startedAt':'2024-06-01T08:00:03Z'}}},"
      + "{'name':'log','ready':true,'restartCount':0,'image':'busybox:1.36','imageID':'sha256:def',"
      + "'containerID':'containerd://222','started':true,'state':{'running':{'startedAt':'2024-06-01T08:00:04Z'}}}]}";

  private static final FieldSet STATUS = FieldSet.of(FieldPath.fields("status"));
  private static final FieldSet SPEC = FieldSet.of(FieldPath.fields("spec"));

  @Test
  void updateCostOfATypicalPod() {
    TestClock clock = new TestClock("2024-06-01T08:00:00Z");
    FieldManager fm = new FieldManager(clock);
    Schema schema = TestSchemas.pod();

    // A pod as the API has it: created by the ReplicaSet controller, bound, then running.
    ObjectNode pod = fm.update(null, obj(POD), "kube-controller-manager", "", "v1", schema, STATUS);
    ObjectNode running = pod.deepCopy();
    running.set("status", json(RUNNING));
    clock.advance(Duration.ofSeconds(5));
    pod = fm.update(pod, running, "kubelet", "status", "v1", schema, SPEC);
    assertThat(pod.at("/metadata/managedFields")).hasSize(2);

    // The kubelet's next status write: a restart count and a condition time change. A subresource
    // write ignores the request's managedFields, so the same request object can be reused.
    ObjectNode restarted = pod.deepCopy();
    ((ObjectNode) restarted.at("/status/containerStatuses/1")).put("restartCount", 1);
    ((ObjectNode) restarted.at("/status/conditions/1")).put("lastTransitionTime", "2024-06-01T09:00:00Z");
    ObjectNode livePod = pod;
    JsonNode liveManaged = pod.at("/metadata/managedFields");

    // A controller adds a label on the main resource; the request repeats the stored managedFields.
    ObjectNode labelled = pod.deepCopy();
    ((ObjectNode) labelled.at("/metadata/labels")).put("canary", "true");
    ObjectNode unchanged = pod.deepCopy();

    double status = nanosPerOp(() -> fm.update(livePod, restarted, "kubelet", "status", "v1", schema, SPEC));
    double label = nanosPerOp(() -> {
      ((ObjectNode) labelled.get("metadata")).set("managedFields", liveManaged);
      return fm.update(livePod, labelled, "rollouts", "", "v1", schema, STATUS);
    });
    double noop = nanosPerOp(() -> {
      ((ObjectNode) unchanged.get("metadata")).set("managedFields", liveManaged);
      return fm.update(livePod, unchanged, "kube-controller-manager", "", "v1", schema, STATUS);
    });
    ObjectNode fresh = obj(POD);
    double create = nanosPerOp(() -> fm.update(null, fresh, "kube-controller-manager", "", "v1", schema, STATUS));
    String report = String.format("CPU time per update of a Pod: kubelet status %.1f us, label by a controller"
        + " %.1f us, no-op %.1f us, create %.1f us", status / 1000, label / 1000, noop / 1000, create / 1000);
    LOG.log(System.Logger.Level.INFO, report);
    // Loose ceiling, far above the measured cost, to catch accidental quadratic behaviour.
    assertThat(status).isLessThan(500_000);
    assertThat(label).isLessThan(500_000);
  }

  /**
   * Thread CPU time per call, best of several rounds: the machine is shared, so wall time mostly
   * measures the neighbours.
   */
  private static double nanosPerOp(Supplier<?> op) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Object sink = null;
    for (int i = 0; i < 30_000; i++) {
      sink = op.get();
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 9; round++) {
      int n = 5_000;
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink = op.get();
      }
      best = Math.min(best, (double) (threads.getCurrentThreadCpuTime() - start) / n);
    }
    if (sink == null) {
      throw new AssertionError();
    }
    return best;
  }
}

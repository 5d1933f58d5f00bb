package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.ago;
import static dev.berth.api.table.Fixtures.cells;
import static dev.berth.api.table.Fixtures.columnNames;
import static dev.berth.api.table.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorePrintersTest {

  private static final String YEAR_AGO = ago(Duration.ofDays(400));

  static Stream<Arguments> objects() {
    return Stream.of(
        Arguments.of("cluster IP service", "", "Service", """
            {"metadata":{"name":"kubernetes","namespace":"default","creationTimestamp":"%s"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],
               "ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":6443}]}}
            """.formatted(YEAR_AGO),
            List.of("kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "400d", "<none>")),

        Arguments.of("NodePort service", "", "Service", """
            {"metadata":{"name":"web","creationTimestamp":"%s"},
             "spec":{"type":"NodePort","clusterIP":"10.96.12.7","clusterIPs":["10.96.12.7"],
               "selector":{"app":"web","tier":"fe"},
               "ports":[{"name":"http","port":80,"protocol":"TCP","nodePort":30080},
                        {"name":"https","port":443,"protocol":"TCP","nodePort":30443},
                        {"name":"dns","port":53,"protocol":"UDP","nodePort":30053}]}}
            """.formatted(minutesAgo(12)),
            List.of("web", "NodePort", "10.96.12.7", "<none>", "80:30080/TCP,443:30443/TCP,53:30053/UDP",
                "12m", "app=web,tier=fe")),

        Arguments.of("pending load balancer", "", "Service", """
            {"metadata":{"name":"lb","creationTimestamp":"%s"},
             "spec":{"type":"LoadBalancer","clusterIPs":["10.96.3.3"],
               "ports":[{"port":80,"protocol":"TCP","nodePort":31000}]},"status":{"loadBalancer":{}}}
            """.formatted(minutesAgo(12)),
            List.of("lb", "LoadBalancer", "10.96.3.3", "<pending>", "80:31000/TCP", "12m", "<none>")),

        Arguments.of("load balancer with ingress and external IPs", "", "Service", """
            {"metadata":{"name":"lb","creationTimestamp":"%s"},
             "spec":{"type":"LoadBalancer","clusterIPs":["10.96.3.3"],"externalIPs":["198.51.100.7"],
               "ports":[{"port":80,"protocol":"TCP","nodePort":31000}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.20"},{"hostname":"a.elb.example.com"},
               {"ip":"203.0.113.10"}]}}}
            """.formatted(minutesAgo(12)),
            List.of("lb", "LoadBalancer", "10.96.3.3",
                "203.0.113.10,203.0.113.20,a.elb.example.com,198.51.100.7", "80:31000/TCP", "12m", "<none>")),

        Arguments.of("external name service", "", "Service", """
            {"metadata":{"name":"ext","creationTimestamp":"%s"},
             "spec":{"type":"ExternalName","externalName":"db.example.com"}}
            """.formatted(minutesAgo(12)),
            List.of("ext", "ExternalName", "<none>", "db.example.com", "<none>", "12m", "<none>")),

        Arguments.of("headless service", "", "Service", """
            {"metadata":{"name":"db","creationTimestamp":"%s"},
             "spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"],"selector":{"app":"db"},
               "ports":[{"port":5432}]}}
            """.formatted(minutesAgo(12)),
            List.of("db", "ClusterIP", "None", "<none>", "5432/TCP", "12m", "app=db")),

        Arguments.of("node NotReady, cordoned, control plane", "", "Node", """
            {"metadata":{"name":"cp-1","creationTimestamp":"%s","labels":{
               "kubernetes.io/hostname":"cp-1","node-role.kubernetes.io/control-plane":"",
               "node-role.kubernetes.io/etcd":"true","node.kubernetes.io/exclude-from-external-load-balancers":""}},
             "spec":{"unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule"}]},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},
                 {"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown"}],
               "addresses":[{"type":"Hostname","address":"cp-1"},{"type":"InternalIP","address":"192.168.1.10"}],
               "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12 (bookworm)",
                 "kernelVersion":"6.1.0-18-amd64","containerRuntimeVersion":"containerd://1.7.13"}}}
            """.formatted(ago(Duration.ofDays(30))),
            List.of("cp-1", "NotReady,SchedulingDisabled", "control-plane,etcd", "30d", "v1.32.0",
                "192.168.1.10", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64",
                "containerd://1.7.13")),

        Arguments.of("ready worker with legacy role label", "", "Node", """
            {"metadata":{"name":"w1","creationTimestamp":"%s","labels":{"kubernetes.io/role":"worker"}},
             "status":{"conditions":[{"type":"Ready","status":"True"}],
               "addresses":[{"type":"ExternalIP","address":"203.0.113.5"},{"type":"InternalIP","address":"10.0.0.5"}],
               "nodeInfo":{"kubeletVersion":"v1.32.1"}}}
            """.formatted(ago(Duration.ofHours(5).plusMinutes(3))),
            List.of("w1", "Ready", "worker", "5h3m", "v1.32.1", "10.0.0.5", "203.0.113.5", "<unknown>",
                "<unknown>", "<unknown>")),

        Arguments.of("node without conditions", "", "Node", """
            {"metadata":{"name":"new","creationTimestamp":"%s"}}
            """.formatted(minutesAgo(1)),
            List.of("new", "Unknown", "<none>", "60s", "", "<none>", "<none>", "<unknown>", "<unknown>",
                "<unknown>")),

        Arguments.of("namespace", "", "Namespace", """
            {"metadata":{"name":"kube-system","creationTimestamp":"%s"},"status":{"phase":"Active"}}
            """.formatted(YEAR_AGO),
            List.of("kube-system", "Active", "400d")),

        Arguments.of("terminating namespace", "", "Namespace", """
            {"metadata":{"name":"old","creationTimestamp":"%s","deletionTimestamp":"%s"},
             "status":{"phase":"Terminating"}}
            """.formatted(YEAR_AGO, minutesAgo(1)),
            List.of("old", "Terminating", "400d")),

        Arguments.of("config map", "", "ConfigMap", """
            {"metadata":{"name":"kube-root-ca.crt","creationTimestamp":"%s"},
             "data":{"ca.crt":"..."},"binaryData":{"blob":"AAE="}}
            """.formatted(YEAR_AGO),
            List.of("kube-root-ca.crt", 2L, "400d")),

        Arguments.of("secret", "", "Secret", """
            {"metadata":{"name":"tls","creationTimestamp":"%s"},"type":"kubernetes.io/tls",
             "data":{"tls.crt":"Y3J0","tls.key":"a2V5"},"stringData":{"tls.key":"k","extra":"x"}}
            """.formatted(minutesAgo(2)),
            List.of("tls", "kubernetes.io/tls", 3L, "2m")),

        Arguments.of("service account", "", "ServiceAccount", """
            {"metadata":{"name":"default","creationTimestamp":"%s"}}
            """.formatted(minutesAgo(2)),
            List.of("default", 0L, "2m")),

        Arguments.of("endpoints with more than three addresses", "", "Endpoints", """
            {"metadata":{"name":"web","creationTimestamp":"%s"},
             "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],
                         "ports":[{"name":"http","port":8080},{"name":"metrics","port":9090}]},
                        {"addresses":[{"ip":"fd00::1"}],"ports":[{"port":8080}]}]}
            """.formatted(minutesAgo(2)),
            List.of("web", "10.0.0.1:8080,10.0.0.2:8080,10.0.0.1:9090 + 2 more...", "2m")),

        Arguments.of("endpoints of a headless service without ports", "", "Endpoints", """
            {"metadata":{"name":"db","creationTimestamp":"%s"},
             "subsets":[{"addresses":[{"ip":"fd00::1"}]}]}
            """.formatted(minutesAgo(2)),
            List.of("db", "fd00::1", "2m")),

        Arguments.of("endpoints without subsets", "", "Endpoints", """
            {"metadata":{"name":"none","creationTimestamp":"%s"}}
            """.formatted(minutesAgo(2)),
            List.of("none", "<none>", "2m")),

        Arguments.of("bound persistent volume", "", "PersistentVolume", """
            {"metadata":{"name":"pv-1","creationTimestamp":"%s"},
             "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce","ReadWriteOnce"],
               "persistentVolumeReclaimPolicy":"Retain","storageClassName":"standard","volumeMode":"Filesystem",
               "claimRef":{"namespace":"default","name":"data"}},
             "status":{"phase":"Bound"}}
            """.formatted(minutesAgo(2)),
            List.of("pv-1", "10Gi", "RWO,RWX", "Retain", "Bound", "default/data", "standard", "<unset>", "",
                "2m", "Filesystem")),

        Arguments.of("terminating persistent volume with beta class annotation", "", "PersistentVolume", """
            {"metadata":{"name":"pv-2","creationTimestamp":"%s","deletionTimestamp":"%s",
               "annotations":{"volume.beta.kubernetes.io/storage-class":"legacy"}},
             "spec":{"persistentVolumeReclaimPolicy":"Delete","storageClassName":"ignored"},
             "status":{"phase":"Released","reason":"gone"}}
            """.formatted(minutesAgo(2), minutesAgo(1)),
            List.of("pv-2", "0", "", "Delete", "Terminating", "", "legacy", "<unset>", "gone", "2m",
                "<unset>")),

        Arguments.of("bound claim", "", "PersistentVolumeClaim", """
            {"metadata":{"name":"data","creationTimestamp":"%s"},
             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}},
               "storageClassName":"standard","volumeName":"pv-1","volumeMode":"Filesystem"},
             "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"10Gi"}}}
            """.formatted(minutesAgo(2)),
            List.of("data", "Bound", "pv-1", "10Gi", "RWO", "standard", "<unset>", "2m", "Filesystem")),

        Arguments.of("pending claim", "", "PersistentVolumeClaim", """
            {"metadata":{"name":"data","creationTimestamp":"%s"},
             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}}},
             "status":{"phase":"Pending"}}
            """.formatted(minutesAgo(2)),
            List.of("data", "Pending", "", "", "", "", "<unset>", "2m", "<unset>")),

        Arguments.of("resource quota", "", "ResourceQuota", """
            {"metadata":{"name":"q","creationTimestamp":"%s"},
             "status":{"hard":{"pods":"10","limits.memory":"2Gi","requests.cpu":"1","limits.cpu":"2"},
                       "used":{"pods":"3","requests.cpu":"500m","limits.cpu":"1"}}}
            """.formatted(minutesAgo(2)),
            List.of("q", "pods: 3/10, requests.cpu: 500m/1", "limits.cpu: 1/2, limits.memory: 0/2Gi", "2m")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void printsTheCellsKubectlShows(String description, String group, String kind, String json,
      List<Object> expected) {
    assertThat(cells(group, kind, json)).containsExactlyElementsOf(expected);
  }

  @Test
  void nodeAndServiceColumns() {
    assertThat(columnNames("", "Node")).containsExactly("Name", "Status", "Roles", "Age", "Version",
        "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
    assertThat(columnNames("", "Service")).containsExactly(
        "Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
    assertThat(columnNames("", "PersistentVolume")).containsExactly("Name", "Capacity", "Access Modes",
        "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age",
        "VolumeMode");
  }
}

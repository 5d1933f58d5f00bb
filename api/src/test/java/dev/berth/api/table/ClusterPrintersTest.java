package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.NOW;
import static dev.berth.api.table.Fixtures.cells;
import static dev.berth.api.table.Fixtures.json;
import static dev.berth.api.table.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.table.TablePrinters.PrinterColumn;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterPrintersTest {

  static Stream<Arguments> objects() {
    return Stream.of(
        Arguments.of("ingress with TLS", "networking.k8s.io", "Ingress", """
            {"metadata":{"name":"shop","creationTimestamp":"%s"},
             "spec":{"ingressClassName":"nginx","tls":[{"hosts":["shop.example.com"]}],
               "rules":[{"host":"shop.example.com"},{"host":"api.example.com"},{},{"host":"c.example.com"},
                 {"host":"d.example.com"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"}]}}}
            """.formatted(minutesAgo(8)),
            List.of("shop", "nginx", "shop.example.com,api.example.com,c.example.com + 2 more...",
                "203.0.113.9", "80, 443", "8m")),

        Arguments.of("ingress without class and hosts", "networking.k8s.io", "Ingress", """
            {"metadata":{"name":"all","creationTimestamp":"%s"},"spec":{"defaultBackend":{}}}
            """.formatted(minutesAgo(8)),
            List.of("all", "<none>", "*", "", "80", "8m")),

        Arguments.of("ingress class", "networking.k8s.io", "IngressClass", """
            {"metadata":{"name":"nginx","creationTimestamp":"%s"},
             "spec":{"controller":"k8s.io/ingress-nginx","parameters":{"apiGroup":"k8s.example.com",
               "kind":"IngressParameters","name":"external-lb"}}}
            """.formatted(minutesAgo(8)),
            List.of("nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "8m")),

        Arguments.of("network policy", "networking.k8s.io", "NetworkPolicy", """
            {"metadata":{"name":"deny-all","creationTimestamp":"%s"},"spec":{"podSelector":{}}}
            """.formatted(minutesAgo(8)),
            List.of("deny-all", "<none>", "8m")),

        Arguments.of("endpoint slice", "discovery.k8s.io", "EndpointSlice", """
            {"metadata":{"name":"web-abc12","creationTimestamp":"%s"},"addressType":"IPv4",
             "ports":[{"name":"http","port":8080,"protocol":"TCP"},{"name":"named"},{}],
             "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2","10.0.0.3"]},
               {"addresses":["10.0.0.4"]}]}
            """.formatted(minutesAgo(8)),
            List.of("web-abc12", "IPv4", "8080,named,*", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "8m")),

        Arguments.of("empty endpoint slice", "discovery.k8s.io", "EndpointSlice", """
            {"metadata":{"name":"e","creationTimestamp":"%s"},"addressType":"IPv6"}
            """.formatted(minutesAgo(8)),
            List.of("e", "IPv6", "<unset>", "<unset>", "8m")),

        Arguments.of("role binding", "rbac.authorization.k8s.io", "RoleBinding", """
            {"metadata":{"name":"read-pods","creationTimestamp":"%s"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"pod-reader"},
             "subjects":[{"kind":"User","name":"jane"},{"kind":"Group","name":"devs"},
               {"kind":"ServiceAccount","namespace":"ci","name":"runner"},{"kind":"User","name":"joe"}]}
            """.formatted(minutesAgo(8)),
            List.of("read-pods", "Role/pod-reader", "8m", "jane, joe", "devs", "ci/runner")),

        Arguments.of("default storage class", "storage.k8s.io", "StorageClass", """
            {"metadata":{"name":"standard","creationTimestamp":"%s",
               "annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
             "provisioner":"rancher.io/local-path","volumeBindingMode":"WaitForFirstConsumer"}
            """.formatted(minutesAgo(8)),
            List.of("standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", false, "8m")),

        Arguments.of("csr", "certificates.k8s.io", "CertificateSigningRequest", """
            {"metadata":{"name":"csr-abc","creationTimestamp":"%s"},
             "spec":{"signerName":"kubernetes.io/kube-apiserver-client","username":"system:admin",
               "expirationSeconds":86400},
             "status":{"conditions":[{"type":"Approved","status":"True"}],"certificate":"LS0t"}}
            """.formatted(minutesAgo(8)),
            List.of("csr-abc", "8m", "kubernetes.io/kube-apiserver-client", "system:admin", "24h",
                "Approved,Issued")),

        Arguments.of("lease", "coordination.k8s.io", "Lease", """
            {"metadata":{"name":"kube-scheduler","creationTimestamp":"%s"},
             "spec":{"holderIdentity":"cp-1_8c2e","leaseDurationSeconds":15}}
            """.formatted(minutesAgo(8)),
            List.of("kube-scheduler", "cp-1_8c2e", "8m")),

        Arguments.of("priority class", "scheduling.k8s.io", "PriorityClass", """
            {"metadata":{"name":"system-cluster-critical","creationTimestamp":"%s"},
             "value":2000000000,"globalDefault":false,"preemptionPolicy":"PreemptLowerPriority"}
            """.formatted(minutesAgo(8)),
            List.of("system-cluster-critical", 2000000000L, false, "8m", "PreemptLowerPriority")),

        Arguments.of("validating webhook configuration", "admissionregistration.k8s.io",
            "ValidatingWebhookConfiguration", """
            {"metadata":{"name":"policy","creationTimestamp":"%s"},"webhooks":[{"name":"a"},{"name":"b"}]}
            """.formatted(minutesAgo(8)),
            List.of("policy", 2L, "8m")),

        Arguments.of("validating admission policy binding by selector", "admissionregistration.k8s.io",
            "ValidatingAdmissionPolicyBinding", """
            {"metadata":{"name":"b","creationTimestamp":"%s"},
             "spec":{"policyName":"replicas","paramRef":{"selector":{"matchLabels":{"env":"prod"},
               "matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]}}}}
            """.formatted(minutesAgo(8)),
            List.of("b", "replicas", "&LabelSelector{MatchLabels:map[string]string{env: prod,},"
                + "MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,"
                + "Operator:In,Values:[a b],},},}", "8m")),

        Arguments.of("flow schema", "flowcontrol.apiserver.k8s.io", "FlowSchema", """
            {"metadata":{"name":"exempt","creationTimestamp":"%s"},
             "spec":{"priorityLevelConfiguration":{"name":"exempt"},"matchingPrecedence":1},
             "status":{"conditions":[{"type":"Dangling","status":"False"}]}}
            """.formatted(minutesAgo(8)),
            List.of("exempt", "exempt", 1L, "<none>", "8m", "False")),

        Arguments.of("priority level", "flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", """
            {"metadata":{"name":"workload-low","creationTimestamp":"%s"},
             "spec":{"type":"Limited","limited":{"nominalConcurrencyShares":100,
               "limitResponse":{"type":"Queue","queuing":{"queues":128,"handSize":6,"queueLengthLimit":50}}}}}
            """.formatted(minutesAgo(8)),
            List.of("workload-low", "Limited", 100L, 128L, 6L, 50L, "8m")),

        Arguments.of("csi driver defaults", "storage.k8s.io", "CSIDriver", """
            {"metadata":{"name":"hostpath.csi.k8s.io","creationTimestamp":"%s"},
             "spec":{"volumeLifecycleModes":["Persistent","Ephemeral"]}}
            """.formatted(minutesAgo(8)),
            List.of("hostpath.csi.k8s.io", true, false, false, "<unset>", false, "Persistent,Ephemeral", "8m")),

        Arguments.of("API service", "apiregistration.k8s.io", "APIService", """
            {"metadata":{"name":"v1beta1.metrics.k8s.io","creationTimestamp":"%s"},
             "spec":{"service":{"namespace":"kube-system","name":"metrics-server"}},
             "status":{"conditions":[{"type":"Available","status":"False","reason":"MissingEndpoints"}]}}
            """.formatted(minutesAgo(8)),
            List.of("v1beta1.metrics.k8s.io", "kube-system/metrics-server", "False (MissingEndpoints)", "8m")),

        Arguments.of("resource claim", "resource.k8s.io", "ResourceClaim", """
            {"metadata":{"name":"gpu","creationTimestamp":"%s"},
             "status":{"allocation":{},"reservedFor":[{"resource":"pods","name":"p"}]}}
            """.formatted(minutesAgo(8)),
            List.of("gpu", "allocated,reserved", "8m")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void printsTheCellsKubectlShows(String description, String group, String kind, String json,
      List<Object> expected) {
    assertThat(cells(group, kind, json)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}/{1} uses the generic table")
  @CsvSource({
      "rbac.authorization.k8s.io, Role",
      "rbac.authorization.k8s.io, ClusterRole",
      "'', LimitRange",
      "apiextensions.k8s.io, CustomResourceDefinition",
      "example.com, Widget",
  })
  void kindsWithoutPrinterGetNameAndCreatedAt(String group, String kind) {
    TablePrinter printer = TablePrinters.forKind(group, kind);
    assertThat(TablePrinters.hasPrinter(group, kind)).isFalse();
    assertThat(printer.columns()).containsExactly(
        new ColumnDefinition("Name", "string", "name", Descriptions.META_NAME, 0),
        new ColumnDefinition("Created At", "date", "", Descriptions.META_CREATION, 0));
    assertThat(printer.cells(json("""
        {"metadata":{"name":"widgets.example.com","creationTimestamp":"2024-05-30T08:15:00Z"}}
        """), NOW)).containsExactly("widgets.example.com", "2024-05-30T08:15:00Z");
  }

  @Test
  void createdAtIsNormalisedToUtcSeconds() {
    TablePrinter printer = TablePrinters.defaultPrinter();
    assertThat(printer.cells(json("""
        {"metadata":{"name":"a","creationTimestamp":"2024-05-30T10:15:00.75+02:00"}}
        """), NOW)).containsExactly("a", "2024-05-30T08:15:00Z");
    assertThat(printer.cells(json("{\"metadata\":{\"name\":\"b\"}}"), NOW))
        .containsExactly("b", "0001-01-01T00:00:00Z");
  }

  @Test
  void customResourceWithoutColumnsShowsAge() {
    TablePrinter printer = TablePrinters.forCustomResource(List.of());
    assertThat(printer.columns()).extracting(ColumnDefinition::name).containsExactly("Name", "Age");
    assertThat(printer.columns().get(1).type()).isEqualTo("date");
    assertThat(printer.cells(json("""
        {"metadata":{"name":"w1","creationTimestamp":"%s"}}
        """.formatted(minutesAgo(90))), NOW)).containsExactly("w1", "90m");
  }

  @Test
  void customResourceColumnsAreEvaluatedAndTyped() {
    TablePrinter printer = TablePrinters.forCustomResource(List.of(
        new PrinterColumn("Ready", "string", "", "", 0, ".status.conditions[?(@.type==\"Ready\")].status"),
        new PrinterColumn("Replicas", "integer", "", "", 0, ".spec.replicas"),
        new PrinterColumn("Ratio", "number", "", "", 1, ".spec.ratio"),
        new PrinterColumn("Paused", "boolean", "", "", 1, ".spec.paused"),
        new PrinterColumn("Last", "date", "", "", 0, ".status.lastRun"),
        new PrinterColumn("Missing", "string", "", "", 0, ".status.nothing"),
        new PrinterColumn("Tags", "string", "", "", 1, ".spec.tags"),
        new PrinterColumn("First", "string", "", "", 1, ".spec.tags[0]"),
        new PrinterColumn("Wrong", "integer", "", "", 1, ".spec.color")));
    var widget = json("""
        {"metadata":{"name":"w1"},
         "spec":{"replicas":3,"ratio":0.5,"paused":false,"tags":["a","b"],"color":"blue"},
         "status":{"lastRun":"%s","conditions":[{"type":"Synced","status":"True"},
           {"type":"Ready","status":"False"}]}}
        """.formatted(minutesAgo(4)));
    assertThat(printer.cells(widget, NOW)).containsExactlyElementsOf(
        Arrays.asList("w1", "False", 3L, 0.5, false, "4m", null, "[\"a\",\"b\"]", "a", null));
  }

  @Test
  void customResourceWithUnsupportedPathFallsBackToDefault() {
    TablePrinter printer = TablePrinters.forCustomResource(List.of(
        new PrinterColumn("X", "string", "", "", 0, "..recursive")));
    assertThat(printer).isSameAs(TablePrinters.defaultPrinter());
  }
}

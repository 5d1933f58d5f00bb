package dev.berth.apiserver.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Renders a kubeconfig with embedded CA and client credentials, as kubectl and client libraries read it. */
public final class Kubeconfig {

  private Kubeconfig() {}

  /**
   * @param name cluster, user and context name
   * @param server e.g. {@code https://127.0.0.1:6443}
   */
  public static String render(String name, String server, String caPem, IssuedCertificate client) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: " + name + "\n"
        + "  cluster:\n"
        + "    server: " + server + "\n"
        + "    certificate-authority-data: " + b64.encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)) + "\n"
        + "users:\n"
        + "- name: " + name + "-admin\n"
        + "  user:\n"
        + "    client-certificate-data: "
        + b64.encodeToString(client.certificatePem().getBytes(StandardCharsets.US_ASCII)) + "\n"
        + "    client-key-data: "
        + b64.encodeToString(client.privateKeyPem().getBytes(StandardCharsets.US_ASCII)) + "\n"
        + "contexts:\n"
        + "- name: " + name + "\n"
        + "  context:\n"
        + "    cluster: " + name + "\n"
        + "    user: " + name + "-admin\n"
        + "current-context: " + name + "\n"
        + "preferences: {}\n";
  }
}

package dev.berth.apiserver.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A control plane's credentials in one directory: its CA, the API server's serving certificate
 * (reissued when it no longer covers the addresses asked for, or is about to expire) and the admin
 * client certificate. Everything is created on first use and reused afterwards.
 */
public final class ClusterPki {

  private final CertificateAuthority ca;
  private final IssuedCertificate serving;
  private final IssuedCertificate admin;

  private ClusterPki(CertificateAuthority ca, IssuedCertificate serving, IssuedCertificate admin) {
    this.ca = ca;
    this.serving = serving;
    this.admin = admin;
  }

  /**
   * @param extraAddresses IPs or DNS names besides localhost, 127.0.0.1, ::1 and the host name
   */
  public static ClusterPki loadOrCreate(Path dir, List<String> extraAddresses, Clock clock,
      SecureRandom random) {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, "berth-ca", clock, random);
    List<String> dns = CertificateAuthority.localDnsNames();
    List<String> ips = new ArrayList<>(List.of("127.0.0.1", "::1"));
    for (String a : extraAddresses) {
      if (a.equals("0.0.0.0") || a.equals("::")) {
        continue;
      }
      if (isIp(a)) {
        if (!ips.contains(a)) {
          ips.add(a);
        }
      } else if (!dns.contains(a)) {
        dns.add(a);
      }
    }
    IssuedCertificate serving = CertificateAuthority.loadOrIssue(dir, "serving",
        () -> ca.issueServing("kube-apiserver", dns, ips, Duration.ofDays(365)));
    if (!covers(serving.certificate(), dns, ips, clock.instant())) {
      try {
        Files.deleteIfExists(dir.resolve("serving.crt"));
        Files.deleteIfExists(dir.resolve("serving.key"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      serving = CertificateAuthority.loadOrIssue(dir, "serving",
          () -> ca.issueServing("kube-apiserver", dns, ips, Duration.ofDays(365)));
    }
    IssuedCertificate admin = CertificateAuthority.loadOrIssue(dir, "admin",
        () -> ca.issueClient("berth-admin", List.of("system:masters"), Duration.ofDays(3650)));
    return new ClusterPki(ca, serving, admin);
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public IssuedCertificate serving() {
    return serving;
  }

  public IssuedCertificate admin() {
    return admin;
  }

  /** A kubeconfig for the admin identity against {@code server}. */
  public String adminKubeconfig(String name, String server) {
    return Kubeconfig.render(name, server, ca.certificatePem(), admin);
  }

  private static boolean isIp(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }

  private static boolean covers(X509Certificate cert, List<String> dns, List<String> ips,
      Instant now) {
    try {
      if (cert.getNotAfter().toInstant().isBefore(now.plus(Duration.ofDays(7)))) {
        return false;
      }
      Set<String> names = new HashSet<>();
      var sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object v = san.get(1);
          names.add(String.valueOf(v));
          if (Integer.valueOf(7).equals(san.get(0))) {
            names.add(InetAddress.getByName(String.valueOf(v)).getHostAddress());
          }
        }
      }
      for (String d : dns) {
        if (!names.contains(d)) {
          return false;
        }
      }
      for (String ip : ips) {
        if (!names.contains(ip) && !names.contains(InetAddress.getByName(ip).getHostAddress())) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}

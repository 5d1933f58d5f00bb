package dev.berth.apiserver.authn;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Client certificates: the TLS layer has already verified the chain against the cluster CA; the
 * user is the subject's CN and the groups its O values, as in kube-apiserver.
 */
public final class X509Authenticator implements Authenticator {

  @Override
  public Optional<UserInfo> authenticate(List<Certificate> peerCertificates, String authorization) {
    if (peerCertificates.isEmpty() || !(peerCertificates.get(0) instanceof X509Certificate cert)) {
      return Optional.empty();
    }
    String cn = null;
    List<String> groups = new ArrayList<>();
    try {
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = rdn.getValue().toString();
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    if (cn == null || cn.isEmpty()) {
      return Optional.empty();
    }
    // LdapName lists RDNs last-first; keep the certificate's order for the groups
    java.util.Collections.reverse(groups);
    groups.add(UserInfo.AUTHENTICATED);
    return Optional.of(new UserInfo(cn, "", List.copyOf(groups)));
  }
}

package dev.berth.apiserver.authn;

import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;

/** Tries each authenticator in turn; the first that recognises the credentials wins. */
public final class UnionAuthenticator implements Authenticator {

  private final List<Authenticator> delegates;

  public UnionAuthenticator(List<Authenticator> delegates) {
    this.delegates = List.copyOf(delegates);
  }

  @Override
  public Optional<UserInfo> authenticate(List<Certificate> peerCertificates, String authorization) {
    for (Authenticator a : delegates) {
      Optional<UserInfo> u = a.authenticate(peerCertificates, authorization);
      if (u.isPresent()) {
        return u;
      }
    }
    return Optional.empty();
  }
}

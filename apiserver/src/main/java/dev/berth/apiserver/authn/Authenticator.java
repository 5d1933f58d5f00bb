package dev.berth.apiserver.authn;

import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;

/** Establishes who sent a request. An empty result means "these credentials say nothing". */
public interface Authenticator {

  /**
   * @param peerCertificates the verified TLS client chain (empty when none was sent)
   * @param authorization the Authorization header, or null
   */
  Optional<UserInfo> authenticate(List<Certificate> peerCertificates, String authorization);
}

package dev.berth.apiserver.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM encoding of certificates and PKCS#8 private keys (curl and Go reject SEC1 EC keys in places). */
public final class Pem {

  private Pem() {}

  public static String certificate(X509Certificate cert) {
    try {
      return write(new PemObject("CERTIFICATE", cert.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String privateKey(PrivateKey key) {
    return write(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  public static X509Certificate parseCertificate(String pem) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return (X509Certificate) cf.generateCertificate(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a PKCS#8 ("PRIVATE KEY") or SEC1/PKCS#1 key. PKCS#8, what this project writes, is read
   * with the JDK alone, keeping BouncyCastle off the restart path (it costs hundreds of ms to load).
   */
  public static PrivateKey parsePrivateKey(String pem) {
    String pkcs8 = block(pem, "PRIVATE KEY");
    if (pkcs8 != null) {
      byte[] der = java.util.Base64.getMimeDecoder().decode(pkcs8);
      for (String alg : new String[] {"EC", "RSA"}) {
        try {
          return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
          // not this algorithm: try the next
        }
      }
      throw new IllegalArgumentException("unsupported PKCS#8 private key");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      PrivateKeyInfo info;
      if (o instanceof PrivateKeyInfo pki) {
        info = pki;
      } else if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else {
        throw new IllegalArgumentException("not a PEM private key");
      }
      String alg = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
      String jca = switch (alg) {
        case "1.2.840.10045.2.1" -> "EC";
        case "1.2.840.113549.1.1.1" -> "RSA";
        default -> throw new IllegalArgumentException("unsupported key algorithm " + alg);
      };
      return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("bad private key: " + e.getMessage(), e);
    }
  }

  /** The base64 body of the first {@code -----BEGIN <label>-----} block, or null. */
  private static String block(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) {
      return null;
    }
    return pem.substring(b + begin.length(), e).strip();
  }

  private static String write(PemObject obj) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(obj);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }
}

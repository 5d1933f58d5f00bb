package dev.berth.apiserver.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A control plane's certificate authority: it signs the serving certificate and client certificates
 * (whose CN is the user name and O the groups, as kube-apiserver's x509 authenticator reads them).
 * Kept on disk as {@code ca.crt} / {@code ca.key} so identities survive restarts.
 */
public final class CertificateAuthority {

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock,
      SecureRandom random) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.clock = clock;
    this.random = random;
  }

  /** Loads {@code dir/ca.crt} and {@code dir/ca.key}, creating them first if absent. */
  public static CertificateAuthority loadOrCreate(Path dir, String commonName, Clock clock,
      SecureRandom random) {
    Path crt = dir.resolve("ca.crt");
    Path key = dir.resolve("ca.key");
    try {
      if (Files.exists(crt) && Files.exists(key)) {
        return new CertificateAuthority(Pem.parseCertificate(Files.readString(crt)),
            Pem.parsePrivateKey(Files.readString(key)), clock, random);
      }
      CertificateAuthority ca = create(commonName, clock, random);
      Files.createDirectories(dir);
      writePrivate(key, Pem.privateKey(ca.privateKey));
      Files.writeString(crt, Pem.certificate(ca.certificate));
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new in-memory CA. */
  public static CertificateAuthority create(String commonName, Clock clock, SecureRandom random) {
    KeyPair pair = ecKeyPair(random);
    Instant now = clock.instant();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name,
          pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(b, pair.getPrivate());
      return new CertificateAuthority(cert, pair.getPrivate(), clock, random);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create CA", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return Pem.certificate(certificate);
  }

  /** A TLS serving certificate for the given DNS names and IP addresses. */
  public IssuedCertificate issueServing(String commonName, List<String> dnsNames,
      List<String> ipAddresses, Duration validity) {
    List<GeneralName> sans = new ArrayList<>();
    dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
    ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
    KeyPair pair = ecKeyPair(random);
    return issue(pair, subject(commonName, List.of()), sans, KeyPurposeId.id_kp_serverAuth, validity);
  }

  /** A client certificate: CN = user, O = groups. RSA keys, which every client library loads. */
  public IssuedCertificate issueClient(String user, List<String> groups, Duration validity) {
    KeyPair pair = rsaKeyPair(random);
    return issue(pair, subject(user, groups), List.of(), KeyPurposeId.id_kp_clientAuth, validity);
  }

  /** Loads {@code name.crt}/{@code name.key} from dir, or issues and writes them via the supplier. */
  public static IssuedCertificate loadOrIssue(Path dir, String name,
      java.util.function.Supplier<IssuedCertificate> issuer) {
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    try {
      if (Files.exists(crt) && Files.exists(key)) {
        return new IssuedCertificate(Pem.parseCertificate(Files.readString(crt)),
            Pem.parsePrivateKey(Files.readString(key)));
      }
      IssuedCertificate issued = issuer.get();
      Files.createDirectories(dir);
      writePrivate(key, issued.privateKeyPem());
      Files.writeString(crt, issued.certificatePem());
      return issued;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The local host's name and addresses to put in a serving certificate. */
  public static List<String> localDnsNames() {
    List<String> names = new ArrayList<>(List.of("localhost", "kubernetes", "kubernetes.default",
        "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!names.contains(host)) {
        names.add(host);
      }
    } catch (UnknownHostException e) {
      // no resolvable host name: localhost and the IPs still work
    }
    return names;
  }

  private IssuedCertificate issue(KeyPair pair, X500Name subject, List<GeneralName> sans,
      KeyPurposeId purpose, Duration validity) {
    Instant now = clock.instant();
    try {
      X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(random),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject,
          pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      b.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(certificate));
      if (!sans.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      return new IssuedCertificate(sign(b, privateKey), pair.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue certificate", e);
    }
  }

  private static X500Name subject(String cn, List<String> orgs) {
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
    for (String o : orgs) {
      nb.addRDN(BCStyle.O, o);
    }
    nb.addRDN(BCStyle.CN, cn);
    return nb.build();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    try {
      String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      ContentSigner signer = new JcaContentSignerBuilder(alg).build(key);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static KeyPair ecKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsaKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void writePrivate(Path path, String content) throws IOException {
    Files.deleteIfExists(path);
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    }
    Files.writeString(path, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** The public key, for verifying client certificates in tests. */
  public PublicKey publicKey() {
    return certificate.getPublicKey();
  }
}

package dev.berth.apiserver.authn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static bearer tokens, kube-apiserver's {@code --token-auth-file} format: CSV lines
 * {@code token,user,uid[,"group1,group2"]}.
 */
public final class TokenFileAuthenticator implements Authenticator {

  private final Map<String, UserInfo> tokens;

  public TokenFileAuthenticator(Map<String, UserInfo> tokens) {
    this.tokens = Map.copyOf(tokens);
  }

  public static TokenFileAuthenticator load(Path file) {
    try {
      Map<String, UserInfo> tokens = new HashMap<>();
      int lineNo = 0;
      for (String line : Files.readAllLines(file)) {
        lineNo++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        List<String> cols = splitCsv(l);
        if (cols.size() < 3) {
          throw new IllegalArgumentException(file + ":" + lineNo
              + ": expected token,user,uid[,\"groups\"]");
        }
        List<String> groups = new ArrayList<>();
        if (cols.size() > 3 && !cols.get(3).isEmpty()) {
          for (String g : cols.get(3).split(",")) {
            groups.add(g.strip());
          }
        }
        groups.add(UserInfo.AUTHENTICATED);
        tokens.put(cols.get(0), new UserInfo(cols.get(1), cols.get(2), List.copyOf(groups)));
      }
      return new TokenFileAuthenticator(tokens);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<UserInfo> authenticate(List<Certificate> peerCertificates, String authorization) {
    if (authorization == null || authorization.length() < 8
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).strip();
    for (Map.Entry<String, UserInfo> e : tokens.entrySet()) {
      // constant-time comparison: tokens are secrets
      if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8),
          token.getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}

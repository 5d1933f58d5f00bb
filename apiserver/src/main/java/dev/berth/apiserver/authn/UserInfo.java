package dev.berth.apiserver.authn;

import java.util.List;

/** An authenticated identity, as kube-apiserver's user.Info. */
public record UserInfo(String name, String uid, List<String> groups) {

  public static final String AUTHENTICATED = "system:authenticated";
  public static final String MASTERS = "system:masters";

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}

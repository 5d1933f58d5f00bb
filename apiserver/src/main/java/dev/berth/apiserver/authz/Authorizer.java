package dev.berth.apiserver.authz;

import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.http.RequestInfo;

/** Decides whether a user may perform a request. RBAC plugs in here. */
public interface Authorizer {

  /** A decision with the reason shown in a 403 ("" when allowed). */
  record Decision(boolean allowed, String reason) {
    public static final Decision ALLOW = new Decision(true, "");
  }

  Decision authorize(UserInfo user, RequestInfo request);

  /** Every authenticated user may do everything (until RBAC enforcement lands). */
  static Authorizer allowAll() {
    return (user, request) -> Decision.ALLOW;
  }
}

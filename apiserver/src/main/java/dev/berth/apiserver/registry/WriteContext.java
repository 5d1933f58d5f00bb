package dev.berth.apiserver.registry;

import dev.berth.apiserver.authn.UserInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Who writes and how: the caller, its field manager name (for managedFields), dry-run, and a
 * collector for {@code Warning:} headers raised while processing.
 */
public final class WriteContext {

  private final UserInfo user;
  private final String fieldManager;
  private final boolean dryRun;
  private final List<String> warnings = new ArrayList<>();

  public WriteContext(UserInfo user, String fieldManager, boolean dryRun) {
    this.user = user;
    this.fieldManager = fieldManager;
    this.dryRun = dryRun;
  }

  public UserInfo user() {
    return user;
  }

  public String fieldManager() {
    return fieldManager;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public void warn(String warning) {
    if (!warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  public List<String> warnings() {
    return warnings;
  }
}

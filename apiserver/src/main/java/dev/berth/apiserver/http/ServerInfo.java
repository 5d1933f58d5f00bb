package dev.berth.apiserver.http;

/** What {@code /version} reports. kubectl's dispatcher picks its build by major/minor. */
public record ServerInfo(String major, String minor, String gitVersion, String gitCommit,
    String buildDate) {

  public static final ServerInfo DEFAULT = new ServerInfo("1", "32", "v1.32.4-berth",
      "0000000000000000000000000000000000000000", "2026-11-28T00:00:00Z");

  public String json() {
    return "{\n  \"major\": \"" + major + "\",\n  \"minor\": \"" + minor
        + "\",\n  \"gitVersion\": \"" + gitVersion + "\",\n  \"gitCommit\": \"" + gitCommit
        + "\",\n  \"gitTreeState\": \"clean\",\n  \"buildDate\": \"" + buildDate
        + "\",\n  \"goVersion\": \"go1.23.8\",\n  \"compiler\": \"gc\",\n"
        + "  \"platform\": \"linux/amd64\"\n}";
  }
}

package dev.berth.dist;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code berth} command: one distribution, several roles. */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Berth: a self-hosted, Kubernetes-compatible managed Kubernetes service.",
    subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    Logging.configure(System.getenv("BERTH_LOG_LEVEL"));
    int rc = new CommandLine(new Main()).execute(args);
    if (rc != 0) {
      System.exit(rc);
    }
  }

  /** Version text for {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"berth " + (v == null ? "dev" : v) + " (Kubernetes API v1.32)"};
    }
  }
}

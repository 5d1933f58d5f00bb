package dev.berth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code kubectl} binary against a control plane. Each runner has its own HOME, so
 * kubectl's discovery cache never leaks between tests (/usr/bin/kubectl is a dispatcher that picks
 * the build matching the server's minor version).
 */
public final class Kubectl {

  /** What one kubectl invocation produced. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** Fails with both streams in the message unless the command succeeded. */
    public Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl failed (" + exitCode + ")\nstdout:\n" + stdout
            + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  private final Path kubeconfig;
  private final Path home;
  private final String binary;

  public Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
    this.binary = System.getenv().getOrDefault("BERTH_KUBECTL", "/usr/bin/kubectl");
    try {
      this.home = Files.createTempDirectory("kubectl-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path home() {
    return home;
  }

  public Result run(String... args) {
    return run(null, Map.of(), 120, args);
  }

  public Result runWithInput(String stdin, String... args) {
    return run(stdin, Map.of(), 120, args);
  }

  /** Runs kubectl; {@code env} adds environment variables (e.g. KUBE_EDITOR). */
  public Result run(String stdin, Map<String, String> env, int timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().remove("KUBERNETES_SERVICE_HOST");
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " timed out after "
            + timeoutSeconds + "s; stdout so far: " + out.getNow(""));
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS),
          err.get(10, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts kubectl without waiting (for {@code get -w}); the caller destroys the process. */
  public Process start(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    // a thread per stream: a shared pool could starve one pipe and deadlock the child
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (in) {
        in.transferTo(buf);
      } catch (IOException e) {
        // process ended: keep what we have
      }
      f.complete(buf.toString(StandardCharsets.UTF_8));
    }, "kubectl-output");
    t.setDaemon(true);
    t.start();
    return f;
  }
}

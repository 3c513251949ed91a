package io.convgate.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of the CLI with its output captured, as an operator would see it. */
final class CliRun {

  static final String API_KEY = "cgw_ab12cd34ef_Zq8xY7wV6uT5sR4qP3oN2mL1kJ0iH9gF8eD7cB6a";

  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** Runs against {@code url} with the key in CONVGATE_API_KEY, no terminal, empty stdin. */
  static CliRun run(String url, String... args) {
    return run(url, "", Terminal.none(), args);
  }

  static CliRun run(String url, String stdin, Terminal terminal, String... args) {
    Map<String, String> env = new HashMap<>();
    if (url != null) {
      env.put("CONVGATE_URL", url);
    }
    env.put("CONVGATE_API_KEY", API_KEY);
    return run(env, stdin, terminal, args);
  }

  static CliRun run(Map<String, String> env, String stdin, Terminal terminal, String... args) {
    ConvgateCli cli =
        new ConvgateCli(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            terminal,
            Duration.ofMillis(20));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** A terminal that answers every question with these lines, and prompts for keys with one. */
  static Terminal terminal(String line, String password) {
    return new Terminal() {
      @Override
      public String readLine(String prompt) {
        return line;
      }

      @Override
      public char[] readPassword(String prompt) {
        return password == null ? null : password.toCharArray();
      }
    };
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
  }
}

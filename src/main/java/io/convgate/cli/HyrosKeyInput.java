package io.convgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * Where a Hyros API key comes from: never an argument (shell history, {@code ps}), but stdin
 * ({@code --key-stdin}, or whenever there is no terminal) or a prompt that does not echo.
 */
final class HyrosKeyInput {

  @Option(
      names = "--key-stdin",
      description =
          "Read the Hyros API key from the first line of stdin (e.g. piped from a secret"
              + " manager) instead of prompting for it.")
  boolean keyStdin;

  /** The key; registered with {@code cli} so that no message can print it. */
  String read(ConvgateCli cli, String integrationId) {
    String key = null;
    if (!keyStdin) {
      char[] typed =
          cli.terminal()
              .readPassword("Hyros API key for " + integrationId + " (not shown as you type): ");
      if (typed != null) {
        key = new String(typed);
        java.util.Arrays.fill(typed, ' ');
      }
    }
    if (key == null) {
      key = firstLine(cli);
    }
    key = key == null ? "" : key.strip();
    if (key.isEmpty()) {
      throw new UsageFailure(
          "no Hyros API key given: type it at the prompt, or pipe it in with --key-stdin"
              + " (e.g. vault read -field=key ... | convgate integrations rotate-key "
              + integrationId
              + " --key-stdin)");
    }
    cli.secret(key);
    return key;
  }

  private static String firstLine(ConvgateCli cli) {
    try {
      return new BufferedReader(new InputStreamReader(cli.stdin(), StandardCharsets.UTF_8))
          .readLine();
    } catch (IOException e) {
      throw new UsageFailure("cannot read the Hyros API key from stdin: " + e.getMessage());
    }
  }
}

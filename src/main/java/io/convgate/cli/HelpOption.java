package io.convgate.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every subcommand. */
final class HelpOption {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}

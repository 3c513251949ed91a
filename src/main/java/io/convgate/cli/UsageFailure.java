package io.convgate.cli;

/**
 * Something the operator has to change in how the command is run (a missing API key, no terminal to
 * confirm on, an unreadable file): exit code 1, without the usage text.
 */
final class UsageFailure extends RuntimeException {

  UsageFailure(String message) {
    super(message);
  }
}

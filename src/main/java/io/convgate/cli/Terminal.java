package io.convgate.cli;

import java.io.Console;

/**
 * The operator's terminal, for questions that must not come from arguments: a Hyros key (read
 * without echo) and "are you sure?". Both answer null when there is no terminal to ask on.
 */
public interface Terminal {

  /** The line typed after {@code prompt}, or null without a terminal. */
  String readLine(String prompt);

  /** What was typed after {@code prompt}, not echoed, or null without a terminal. */
  char[] readPassword(String prompt);

  /** The process' console ({@link System#console()}), if it has one. */
  static Terminal system() {
    return new Terminal() {
      @Override
      public String readLine(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", prompt);
      }

      @Override
      public char[] readPassword(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
      }
    };
  }

  /** No terminal: what scripts and CI get. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public String readLine(String prompt) {
        return null;
      }

      @Override
      public char[] readPassword(String prompt) {
        return null;
      }
    };
  }
}

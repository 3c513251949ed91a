package io.convgate.cli;

/** {@code --output}: tables and sentences for people, or the API's JSON for scripts. */
enum OutputFormat {
  text,
  json
}

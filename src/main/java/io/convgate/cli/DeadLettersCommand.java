package io.convgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code convgate dead-letters}: what convgate could not deliver, and what to do with it. */
@Command(
    name = "dead-letters",
    header = "Look at, replay and discard what convgate could not deliver.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Dead letters: events convgate gave up on, with the reason (invalid data, Hyros refused"
          + " the content, retries exhausted, unknown integration). Each stays OPEN until an"
          + " operator replays it (REPLAYING, then REPLAYED) or discards it (DISCARDED).",
      "",
      "Usual course: list them, read a few with show, fix the cause (the producer's data, the"
          + " integration, the key), then replay them, first with --dry-run.",
      ""
    },
    subcommands = {
      DeadLettersList.class,
      DeadLetterShow.class,
      DeadLettersReplay.class,
      DeadLetterDiscard.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate dead-letters list --state OPEN --integration shop-eu",
      "  convgate dead-letters show 42",
      "  convgate dead-letters replay --reason retries-exhausted --from 2h --dry-run",
      "  convgate dead-letters discard 42 --reason \"duplicate test order\""
    })
final class DeadLettersCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/dead-letters";

  static String path(long id) {
    return PATH + "/" + id;
  }
}

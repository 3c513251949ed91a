package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

  /**
   * The dead letter's reason text without its reason code: gateways before decision 0029 wrote the
   * code into the text as well ({@code invalid-envelope: /id: ...}, {@code not-json: : ...}).
   */
  static String reasonText(JsonNode letter) {
    String reason = Json.text(letter, "reason");
    String code = Json.text(letter, "reasonCode");
    if (reason == null || code == null || !reason.startsWith(code + ":")) {
      return reason;
    }
    String rest = reason.substring(code.length() + 1).stripLeading();
    // The old text of an error about the whole record: an empty pointer, then ": ".
    return rest.startsWith(":") ? rest.substring(1).stripLeading() : rest;
  }

  /** {@code code: text}, or whichever of the two there is. */
  static String reasonWithCode(JsonNode letter) {
    String code = Json.text(letter, "reasonCode");
    String text = reasonText(letter);
    if (text == null || text.isBlank()) {
      return code;
    }
    return code == null ? text : code + ": " + text;
  }
}

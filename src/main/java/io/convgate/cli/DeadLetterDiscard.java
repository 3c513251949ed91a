package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code convgate dead-letters discard}: a dead letter never to be sent. */
@Command(
    name = "discard",
    header = "Mark a dead letter never to be sent, with a reason.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Discards a dead letter: it becomes DISCARDED and will not be replayed, with your"
          + " reason kept in its history and the audit log. Use it for what must never reach"
          + " Hyros (test orders, duplicates, data that cannot be fixed).",
      ""
    },
    footerHeading = "%nExample:%n",
    footer = {"  convgate dead-letters discard 42 --reason \"test order from staging\""})
final class DeadLetterDiscard extends CliCommand {

  @Parameters(paramLabel = "<id>", description = "The dead letter's id.")
  long id;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "<text>",
      description = "Why it is discarded (kept for whoever looks later).")
  String reason;

  @Override
  protected int run() {
    if (reason.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--reason must say why");
    }
    ObjectNode body = object().put("reason", reason);
    JsonNode letter = api().post(DeadLettersCommand.path(id) + "/discard", body);
    return printAnswer(
        letter,
        () ->
            out()
                .println(
                    "Dead letter "
                        + Json.text(letter, "id")
                        + " is now "
                        + Json.text(letter, "state")
                        + "."));
  }
}

package io.convgate.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The logging rule of docs/operations.md#logs, read from the main sources: every log call has a
 * literal message or format, and each of its arguments is either passed through {@code
 * LogSafe.of(...)} or ends in a name this scan trusts to be a number, an enum, a duration or a
 * constant ({@link #TRUSTED}). A string from an event, a header, a request, a Hyros answer or an
 * exception message therefore cannot reach a log line raw: {@code LOGGER.warnf("x=%s",
 * command.eventId())} fails here. {@code LogInjectionTest} checks the same end to end with hostile
 * events. Stack traces of logged exceptions are outside the rule.
 */
class LogCallsTest {

  private static final Path MAIN = Path.of("src/main/java");

  /** Log calls: on a LOGGER, on Logger.getLogger(...), and EventLog.log. */
  private static final Pattern CALL =
      Pattern.compile(
          "(?:\\bLOGGER|getLogger\\([^()]*\\))\\s*\\.(?:trace|debug|info|warn|error|fatal|log)f?"
              + "\\s*\\(|\\bEventLog\\.log\\s*\\(");

  /** The last name of an argument that is trusted to be a number, enum, duration or constant. */
  private static final Set<String> TRUSTED =
      Set.of(
          "partition",
          "offset",
          "size",
          "count",
          "status",
          "httpStatus",
          "attempt",
          "attempts",
          "toMillis",
          "replicationFactor",
          "brokers",
          "replicas",
          "active",
          "timeout",
          "state",
          "total",
          "generationId");

  private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");

  @Test
  void everyLoggedValueGoesThroughLogSafe() throws IOException {
    List<String> violations = new ArrayList<>();
    int calls = 0;
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        if (file.endsWith("EventLog.java")) {
          continue; // the wrapper itself: its fields are made safe inside
        }
        Matcher call = CALL.matcher(source);
        while (call.find()) {
          calls++;
          List<String> args = arguments(source, call.end());
          // EventLog.log(logger, level, eventId, integration, outcome, format, args...): the
          // three fields are made safe inside it
          int format = call.group().startsWith("EventLog") ? 5 : firstLiteral(args);
          check(file.getFileName() + ":" + line(source, call.start()), args, format, violations);
        }
        if (source.contains("import io.quarkus.logging.Log;")
            || source.contains("java.util.logging.Logger")
            || source.contains("System.Logger")) {
          violations.add(file + ": logs past the jboss Logger this scan reads");
        }
      }
    }
    assertThat(calls).as("log calls found").isGreaterThan(30);
    assertThat(violations).as("log arguments not passed through LogSafe.of").isEmpty();
  }

  /** The message or format: the first literal (after a logged exception, if any). */
  private static int firstLiteral(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).startsWith("\"")) {
        return i;
      }
    }
    return -1;
  }

  private static void check(String where, List<String> args, int format, List<String> violations) {
    if (format < 0 || format >= args.size() || !args.get(format).startsWith("\"")) {
      violations.add(where + ": no literal message or format: " + args);
      return;
    }
    for (String arg : args.subList(format + 1, args.size())) {
      if (!safe(arg)) {
        violations.add(where + ": " + arg);
      }
    }
  }

  private static boolean safe(String arg) {
    if (arg.startsWith("LogSafe.of(") && closes(arg, "LogSafe.of".length()) == arg.length()) {
      return true;
    }
    if (arg.startsWith("\"")) {
      return false; // a literal joined with a value
    }
    String last = lastName(arg);
    return last != null && (TRUSTED.contains(last) || CONSTANT.matcher(last).matches());
  }

  /** The last name of a chain like {@code a.b().c(x)}, or null when it is not one. */
  private static String lastName(String arg) {
    String chain = arg;
    if (chain.endsWith(")")) {
      int depth = 0;
      int i = chain.length() - 1;
      for (; i >= 0; i--) {
        char c = chain.charAt(i);
        depth += c == ')' ? 1 : c == '(' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      chain = chain.substring(0, i);
    }
    if (!chain.matches("[\\w.()\\s\\->!]*")) {
      return null;
    }
    int dot = chain.lastIndexOf('.');
    return chain.substring(dot + 1).trim();
  }

  /** The top-level arguments of the call whose opening parenthesis ends at {@code start}. */
  private static List<String> arguments(String source, int start) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    int from = start;
    for (int i = start; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(source, i);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ')') {
        add(args, source.substring(from, i));
        return args;
      } else if (c == ',' && depth == 0) {
        add(args, source.substring(from, i));
        from = i + 1;
      }
    }
    throw new IllegalStateException("unclosed call at " + start);
  }

  private static void add(List<String> args, String arg) {
    String trimmed = arg.strip().replaceAll("\\s+", " ");
    if (!trimmed.isEmpty()) {
      args.add(trimmed);
    }
  }

  private static int skipLiteral(String source, int open) {
    char quote = source.charAt(open);
    for (int i = open + 1; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    throw new IllegalStateException("unclosed literal at " + open);
  }

  /** The index just past the parenthesis that closes the one at {@code open}. */
  private static int closes(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static int line(String source, int index) {
    return (int) source.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }
}

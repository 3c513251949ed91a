package io.convgate.event;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How the gateway runs the {@code pattern}s of the contract's schemas, in the full validator and in
 * the quick test alike:
 *
 * <ul>
 *   <li>the two text rules ({@link PrintableText#TEXT}, {@link PrintableText#WORD}) as a loop over
 *       the characters, so that a 1 MiB value costs a pass, not a regular-expression search;
 *   <li>any other pattern with Java's engine, a final {@code $} read as JSON Schema (ECMA-262)
 *       reads it: the end of the value. Java's {@code $} also matches before a final line break,
 *       which let {@code "+1 415 555 0100\n"} pass a pattern ending in {@code $}.
 * </ul>
 */
final class Patterns {

  private Patterns() {}

  /** Whether the pattern is found in a value, as JSON Schema's {@code pattern} asks. */
  static Predicate<String> find(String regex) {
    Predicate<String> text = text(regex);
    if (text != null) {
      return text;
    }
    Pattern pattern = Pattern.compile(endOfInput(regex));
    return value -> pattern.matcher(value).find();
  }

  /** Whether the pattern matches the whole value: never looser than {@link #find}. */
  static Predicate<String> whole(String regex) {
    Predicate<String> text = text(regex);
    if (text != null) {
      return text;
    }
    Pattern pattern = Pattern.compile(endOfInput(regex));
    return value -> pattern.matcher(value).matches();
  }

  private static Predicate<String> text(String regex) {
    if (PrintableText.TEXT.equals(regex)) {
      return PrintableText::isText;
    }
    if (PrintableText.WORD.equals(regex)) {
      return PrintableText::isWord;
    }
    return null;
  }

  /** A final unescaped {@code $} becomes {@code \z}. */
  static String endOfInput(String regex) {
    if (!regex.endsWith("$")) {
      return regex;
    }
    int backslashes = 0;
    for (int i = regex.length() - 2; i >= 0 && regex.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 0 ? regex.substring(0, regex.length() - 1) + "\\z" : regex;
  }
}

package io.convgate.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Optional;

/**
 * JSON that names a member twice in one object ({@code {"id":"a","id":"b"}}) is refused wherever
 * convgate reads events: readers disagree on which value counts (Jackson keeps the last, others the
 * first), so one record could pass a check under one reading and be used under another.
 *
 * <p>The tree reader finds the repeat as it builds each object, at every depth, for the price of
 * the look-up it makes anyway (the parser's own duplicate detection would keep a set of names per
 * object).
 */
public final class DuplicateNames {

  private DuplicateNames() {}

  /** A reader of JSON trees that fails on a repeated member name. */
  public static ObjectReader strictReader(ObjectMapper json) {
    return json.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  /**
   * The repeated member a strict reader failed on, as a JSON pointer from the document's root (e.g.
   * {@code /data/items/0/sku}), or empty if the failure was something else.
   */
  public static Optional<String> pointer(JsonProcessingException failure) {
    // the tree reader's only mismatch; EventDecoderTest fails if a Jackson upgrade rewords it
    if (failure instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null
        && JsonNode.class.isAssignableFrom(mismatch.getTargetType())
        && String.valueOf(mismatch.getOriginalMessage()).startsWith("Duplicate field")
        && failure.getProcessor() instanceof JsonParser parser) {
      return Optional.of(parser.getParsingContext().pathAsPointer().toString());
    }
    return Optional.empty();
  }

  /** The field-level reason for a repeated member. */
  public static String message() {
    return "this member name appears more than once in its object; JSON readers disagree on which"
        + " value counts, so each name may appear only once";
  }
}

package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A rule on event data that JSON Schema cannot state clearly (cross-field, per-currency). */
public interface DataRule {

  boolean appliesTo(EventType type);

  /** The errors found, with fields as JSON pointers from the envelope root; empty if none. */
  List<FieldError> check(JsonNode data);
}

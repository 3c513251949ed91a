package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.destination.CallResult;
import java.util.List;

/**
 * One page of a Hyros list endpoint.
 *
 * @param result the status, headers and messages, classified like any other call
 * @param records the page's {@code result} array (empty unless the call succeeded)
 * @param nextPageId the {@code nextPageId} to send for the next page, or null on the last one
 */
public record HyrosPage(CallResult result, List<JsonNode> records, String nextPageId) {}

package io.convgate.pipeline;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * Where an event was first read, and its exact bytes, so a dead letter can reproduce it byte for
 * byte whichever stage gives up on it.
 *
 * @param topic the input topic
 * @param partition its partition
 * @param offset its offset
 * @param key the record key, or null
 * @param value the record value
 * @param headers the record headers, all of them in record order (a name may repeat)
 */
@JsonSerialize(using = OriginalRecordJson.Writer.class)
@JsonDeserialize(using = OriginalRecordJson.Reader.class)
public record OriginalRecord(
    String topic, int partition, long offset, byte[] key, byte[] value, HeaderList headers) {

  public OriginalRecord {
    headers = headers == null ? HeaderList.EMPTY : headers;
  }
}

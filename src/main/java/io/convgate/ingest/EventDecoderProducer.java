package io.convgate.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.event.ContactRule;
import io.convgate.event.CurrencyRule;
import io.convgate.event.EventDecoder;
import io.convgate.event.SchemaCatalog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Builds the decoder once: loading the schemas is the expensive part. */
public class EventDecoderProducer {

  @Produces
  @Singleton
  EventDecoder decoder(ObjectMapper json) {
    return new EventDecoder(
        json, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));
  }
}

package io.convgate.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON as convgate writes it: absent fields omitted rather than null, money written as plain
 * decimals ({@code 1500}, never {@code 1.5E+3}) and read without passing through binary floating
 * point.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    configure(mapper);
  }

  /** Shared with tests and tools that build their own mapper. */
  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }
}

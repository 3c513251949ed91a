package io.convgate.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Enum option values in any case: {@code --state open} as {@code --state OPEN}. */
abstract class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

  private final Class<E> type;

  EnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    String wanted = value.strip().replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    throw new TypeConversionException(
        "'"
            + value
            + "' is not one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", ")));
  }

  static final class State extends EnumConverter<DeadLetterFilter.State> {
    State() {
      super(DeadLetterFilter.State.class);
    }
  }

  static final class Kind extends EnumConverter<KeysCommand.Kind> {
    Kind() {
      super(KeysCommand.Kind.class);
    }
  }

  static final class OwnerType extends EnumConverter<KeysCommand.OwnerType> {
    OwnerType() {
      super(KeysCommand.OwnerType.class);
    }
  }

  static final class Output extends EnumConverter<OutputFormat> {
    Output() {
      super(OutputFormat.class);
    }
  }
}

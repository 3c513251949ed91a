package io.convgate.apikey;

/** Who holds a gateway API key. */
public enum OwnerType {
  /** A person, named by email. */
  PERSON,
  /** A service or job (a "machine user"), named by what it is. */
  MACHINE
}

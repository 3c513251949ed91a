package io.convgate.integration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of the {@code integrations} table: one account at a destination and the key convgate uses
 * for it. The key columns keep their Hyros names (docs/decisions/0051).
 */
@Entity
@Table(name = "integrations")
public class IntegrationEntity extends PanacheEntityBase {

  @Id public String id;

  public String name;

  /** The destination kind ({@code hyros}, ...). */
  public String destination;

  /** The destination's non-secret settings as a JSON object of strings; null when none. */
  public String settings;

  /** Only rows written before keys were sealed have it; start-up seals them and clears it. */
  @Column(name = "hyros_api_key")
  public String hyrosApiKey;

  /** The destination's key sealed by {@link io.convgate.secret.KeySealer}, bound to this id. */
  @Column(name = "hyros_key_sealed")
  public String hyrosKeySealed;

  @Column(name = "key_updated_at")
  public Instant keyUpdatedAt;

  /** The Hyros account the key belongs to, when it was connected by code. */
  @Column(name = "account_email")
  public String accountEmail;

  /** The roles Hyros granted the key, comma-separated, when it was connected by code. */
  @Column(name = "account_roles")
  public String accountRoles;

  @Enumerated(EnumType.STRING)
  public IntegrationStatus status;

  @Column(name = "requests_per_second")
  public Integer requestsPerSecond;

  @Column(name = "requests_per_minute")
  public Integer requestsPerMinute;

  /** When it was retired, for a {@link IntegrationStatus#RETIRED} one. */
  @Column(name = "retired_at")
  public Instant retiredAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Override
  public String toString() {
    return "IntegrationEntity[id=" + id + ", name=" + name + ", status=" + status + "]";
  }
}

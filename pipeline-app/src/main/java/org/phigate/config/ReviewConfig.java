package org.phigate.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phigate.schema.Urgency;

/** Settings of the review role: hold AI results for a decision, escalate what waits too long, the reviewer API. */
public record ReviewConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("review.application.id", "phigate-review",
      "Kafka Streams application.id of the review role.").validate(Validator.nonEmpty());
  public static final ConfigKey<ServiceLevel> SLA_EMERGENCY = sla("review.sla.emergency", "5m", "emergency");
  public static final ConfigKey<ServiceLevel> SLA_URGENT = sla("review.sla.urgent", "30m", "urgent");
  public static final ConfigKey<ServiceLevel> SLA_SOON = sla("review.sla.soon", "4h", "soon");
  public static final ConfigKey<ServiceLevel> SLA_ROUTINE = sla("review.sla.routine", "2bd",
      "routine (and of items without an urgency)");
  public static final ConfigKey<List<ServiceLevel.WorkflowOverride>> SLA_WORKFLOWS = new ConfigKey<>(
      "review.sla.workflows", "string", "", "Per-workflow SLAs that replace the review.sla.<urgency> defaults: "
          + "comma-separated workflow:urgency=sla, e.g. result-follow-up:routine=1bd,note-summary:soon=8h.",
      ServiceLevel::parseOverrides, new Validator<>("empty or a comma-separated list of workflow:urgency=sla "
          + "(urgency emergency, urgent, soon or routine; sla " + ServiceLevel.EXPECTED + ")", v -> true), false);
  public static final ConfigKey<String> SLA_ZONE = ConfigKey.string("review.sla.business.zone", "UTC",
      "Time zone (IANA id, e.g. America/Chicago) whose Saturdays and Sundays business-day SLAs skip: the site's.")
      .validate(new Validator<>("an IANA time zone id such as America/New_York or UTC", ReviewConfig::isZone));
  public static final ConfigKey<Integer> SLA_CHECK_MS = ConfigKey.integer("review.sla.check.interval.ms", 15_000,
      "How often (wall clock) the review role looks for pending items past their SLA, in ms.")
      .validate(Validator.between(100, 3_600_000));
  public static final ConfigKey<Integer> SLA_CHECK_MAX = ConfigKey.integer("review.sla.check.max.items", 1_000,
      "Most items escalated in one check, so a check after a long outage stays short on the stream thread; the "
          + "rest follow at the next check.").validate(Validator.between(1, 1_000_000));
  public static final ConfigKey<String> MAC_KEY = ConfigKey.secret("review.decision.mac.key",
      "Base64 key (>= 32 bytes) of the HMAC-SHA-256 the reviewer API puts on every decision and the review role "
          + "checks before it releases or closes an item; a decision without a valid MAC is refused and audited. "
          + "Needed by role review only.")
      .validate(Validator.emptyOr(Validator.base64Key(32)));
  public static final ConfigKey<Integer> API_PORT = ConfigKey.integer("review.api.port", 0,
      "HTTP port of the reviewer JSON API inside `run --role review`; 0 (default) = no API.")
      .validate(Validator.between(0, 65535));
  public static final ConfigKey<String> API_BIND = ConfigKey.string("review.api.bind.address", "127.0.0.1",
      "Address the reviewer API and page bind to: loopback (default) unless set; serve TLS (review.api.tls.*) or put "
          + "a TLS-terminating proxy in front.")
      .validate(Validator.nonEmpty());
  public static final ConfigKey<String> API_ADVERTISED = ConfigKey.string("review.api.advertised.address", "",
      "host:port other review instances use to reach this one's API (Kafka Streams application.server, for "
          + "interactive queries across instances); empty = bind address and port.")
      .validate(Validator.emptyOr(Validator.hostPortList()));
  public static final ConfigKey<String> ISSUER = ConfigKey.string("review.auth.issuer", "",
      "OIDC issuer (iss) whose tokens the reviewer API accepts; required when review.api.port is set.")
      .validate(Validator.emptyOr(Validator.url("http", "https")));
  public static final ConfigKey<String> JWKS_URL = ConfigKey.string("review.auth.jwks.url", "",
      "URL of the issuer's JSON Web Key Set (from its discovery document, jwks_uri); set this or "
          + "review.auth.jwks.file.").validate(Validator.emptyOr(Validator.url("http", "https")));
  public static final ConfigKey<String> JWKS_FILE = ConfigKey.string("review.auth.jwks.file", "",
      "File holding the issuer's JSON Web Key Set (for sites that distribute keys as files).")
      .validate(Validator.emptyOr(Validator.readableFile()));
  public static final ConfigKey<String> AUDIENCE = ConfigKey.string("review.auth.audience", "phigate-review",
      "Audience (aud) a token must name to be accepted.").validate(Validator.nonEmpty());
  public static final ConfigKey<Integer> CLOCK_SKEW = ConfigKey.integer("review.auth.clock.skew.seconds", 60,
      "Tolerated clock difference when checking exp and nbf.").validate(Validator.between(0, 600));
  public static final ConfigKey<String> ROLES_CLAIM = ConfigKey.string("review.auth.roles.claim", "roles",
      "Claim holding the user's roles (reviewer, auditor, admin); a dotted path reaches into objects, e.g. "
          + "realm_access.roles for Keycloak.").validate(Validator.matching("[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*",
      "a claim name or dotted path"));
  public static final ConfigKey<String> LEGACY_VAULT = ConfigKey.string("review.vault.legacy.before", "",
      "Upgrade to vault keys: the reviewer view re-identifies items held before this ISO-8601 instant from the "
          + "token-keyed vault entries earlier versions wrote (as writeback.vault.legacy.before does for write-back); "
          + "empty (default): such items are shown with their tokens.")
      .validate(Validator.emptyOr(new Validator<>("an ISO-8601 instant such as 2026-12-07T00:00:00Z",
          ReviewConfig::isInstant)));
  public static final ConfigKey<String> PAGE_CLIENT_ID = ConfigKey.string("review.page.client.id", "phigate-review",
      "OIDC client id of the review web page (authorization-code flow with PKCE) as registered with the issuer.")
      .validate(Validator.nonEmpty());
  public static final ConfigKey<String> PAGE_CLIENT_SECRET = ConfigKey.secret("review.page.client.secret",
      "Client secret of the review page at the issuer's token endpoint (client_secret_basic); empty = public "
          + "client (PKCE only).").validate(Validator.anyText("the client secret the issuer gave (may be empty)"));
  public static final ConfigKey<String> PAGE_REDIRECT_URL = ConfigKey.string("review.page.redirect.url", "",
      "Redirect URL registered with the issuer, ending in /login/callback (the site's https address behind its "
          + "proxy); empty = http://BIND:PORT/login/callback.")
      .validate(Validator.emptyOr(Validator.url("http", "https")));
  public static final ConfigKey<String> PAGE_AUTHORIZE_URL = ConfigKey.string("review.page.authorize.url", "",
      "The issuer's authorization endpoint; empty = from its discovery document (/.well-known/openid-configuration).")
      .validate(Validator.emptyOr(Validator.url("http", "https")));
  public static final ConfigKey<String> PAGE_TOKEN_URL = ConfigKey.string("review.page.token.url", "",
      "The issuer's token endpoint; empty = from its discovery document.")
      .validate(Validator.emptyOr(Validator.url("http", "https")));
  public static final ConfigKey<Integer> PAGE_IDLE_SECONDS = ConfigKey.integer("review.page.session.idle.seconds",
      900, "A review page session unused this long is closed (sign in again).").validate(Validator.between(60, 3600));
  /** TLS of the reviewer API and page. */
  public static final TlsKeys API_TLS = TlsKeys.server("review.api", "the reviewer API and page");
  public static final List<ConfigKey<?>> KEYS = ConfigKeys.concat(List.of(APP_ID, SLA_EMERGENCY, SLA_URGENT, SLA_SOON, SLA_ROUTINE,
      SLA_WORKFLOWS, SLA_ZONE, SLA_CHECK_MS, SLA_CHECK_MAX, MAC_KEY, API_PORT, API_BIND, API_ADVERTISED, ISSUER, JWKS_URL,
      JWKS_FILE, AUDIENCE, CLOCK_SKEW, ROLES_CLAIM, LEGACY_VAULT, PAGE_CLIENT_ID, PAGE_CLIENT_SECRET, PAGE_REDIRECT_URL,
      PAGE_AUTHORIZE_URL, PAGE_TOKEN_URL, PAGE_IDLE_SECONDS), API_TLS.keys());

  @Override
  public String role() {
    return "review";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  /** The default SLA of each urgency. */
  public Map<Urgency, ServiceLevel> slaDefaults() {
    Map<Urgency, ServiceLevel> out = new EnumMap<>(Urgency.class);
    out.put(Urgency.EMERGENCY, common.settings().get(SLA_EMERGENCY));
    out.put(Urgency.URGENT, common.settings().get(SLA_URGENT));
    out.put(Urgency.SOON, common.settings().get(SLA_SOON));
    out.put(Urgency.ROUTINE, common.settings().get(SLA_ROUTINE));
    return out;
  }

  /** Per-workflow SLAs that replace the defaults. */
  public List<ServiceLevel.WorkflowOverride> slaOverrides() {
    return common.settings().get(SLA_WORKFLOWS);
  }

  /** The zone whose weekends business-day SLAs skip. */
  public ZoneId businessZone() {
    return ZoneId.of(common.settings().get(SLA_ZONE).strip());
  }

  public Duration slaCheckInterval() {
    return Duration.ofMillis(common.settings().get(SLA_CHECK_MS));
  }

  public int slaCheckMaxItems() {
    return common.settings().get(SLA_CHECK_MAX);
  }

  private static ConfigKey<ServiceLevel> sla(String name, String defaultValue, String urgency) {
    return new ConfigKey<>(name, "string", defaultValue, "Review SLA of " + urgency + " items: how long one may "
        + "wait for a decision before it is escalated on phigate.review.escalations (" + ServiceLevel.EXPECTED + ").",
        ServiceLevel::parse, new Validator<>(ServiceLevel.EXPECTED, v -> true), false);
  }

  /** {@link #LEGACY_VAULT}, or null when unset. */
  public java.time.Instant legacyVaultBefore() {
    String value = get(LEGACY_VAULT);
    return value == null || value.isBlank() ? null : java.time.Instant.parse(value.trim());
  }

  private static boolean isInstant(String value) {
    try {
      java.time.Instant.parse(value.trim());
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isZone(String id) {
    try {
      ZoneId.of(id.strip());
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  @Override
  public List<ConfigKey<?>> requiredKeys() {
    List<ConfigKey<?>> required = new ArrayList<>(List.of(MAC_KEY));
    if (apiEnabled()) {
      required.add(ISSUER);
      required.add(CommonConfig.REVIEW_KEY);
      required.add(CommonConfig.VAULT_KEY); // re-identifies the source message for a reviewer's audited view
    }
    return required;
  }

  @Override
  public List<Runnable> crossChecks() {
    return List.of(API_TLS.crossCheck(common.settings()), () -> {
      if (apiEnabled() && get(JWKS_URL).isBlank() == get(JWKS_FILE).isBlank()) {
        throw new ConfigException(JWKS_URL.name() + " / " + JWKS_FILE.name()
            + ": set exactly one of them when " + API_PORT.name() + " is set (where the issuer's keys come from)");
      }
    });
  }

  public <T> T get(ConfigKey<T> key) {
    return common.settings().get(key);
  }

  /** TLS of the reviewer API and page ({@link #API_TLS}). */
  public org.phigate.security.tls.TlsSettings apiTls() {
    return API_TLS.from(common.settings());
  }

  public boolean apiEnabled() {
    return get(API_PORT) > 0;
  }

  /** The raw HMAC key of decisions; throws naming the key when it is not set. */
  public byte[] macKey() {
    String value = get(MAC_KEY);
    if (value.isBlank()) {
      throw new ConfigException(MAC_KEY.name() + " is required for role review: set it in the config file, "
          + MAC_KEY.envVar() + " or " + MAC_KEY.name() + ".file (base64 of 32 random bytes, e.g. `openssl rand "
          + "-base64 32`)");
    }
    return java.util.Base64.getDecoder().decode(value.trim());
  }

  public Duration clockSkew() {
    return Duration.ofSeconds(get(CLOCK_SKEW));
  }

  /** host:port this instance's API is reached at by the other review instances. */
  public String advertisedAddress() {
    String advertised = get(API_ADVERTISED);
    return advertised.isBlank() ? get(API_BIND) + ":" + get(API_PORT) : advertised.trim();
  }
}

package dev.mwaalogin.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One OpenID Connect provider: its discovery document and signing keys.
 *
 * <p>Nothing is fetched when this is built, so a SnapStart snapshot never holds a provider's answers: the discovery
 * document is fetched on first use and kept for the life of the container, the keys on first use and refreshed as
 * {@link KeySetCache} describes. A failed fetch is not remembered; the next use tries again. Thread-safe.
 */
public final class OidcProvider {

    static final Duration DEFAULT_KEYS_MAX_AGE = Duration.ofHours(1);
    static final Duration DEFAULT_KEYS_MIN_INTERVAL = Duration.ofSeconds(30);

    private final String issuer;
    private final URI discoveryUri;
    private final OidcHttp http;
    private final KeySetCache keys;
    private final Clock clock;
    private volatile ProviderMetadata metadata;

    private OidcProvider(Builder builder) {
        this.issuer = builder.issuer;
        this.http = builder.http;
        // Discovery 1.0 section 4: a trailing slash of the issuer is dropped before the well-known path is added.
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.discoveryUri = URI.create(base + "/.well-known/openid-configuration");
        this.keys = new KeySetCache(this::fetchKeys, builder.clock, builder.keysMaxAge, builder.keysMinInterval);
        this.clock = builder.clock;
    }

    /** @param issuer the provider's issuer identifier exactly as its tokens carry it, e.g. Cognito's
     *               {@code https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123} */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** The clock this provider's keys and tokens are judged by. */
    Clock clock() {
        return clock;
    }

    public String issuer() {
        return issuer;
    }

    /**
     * The discovery document, fetched on the first call.
     *
     * @throws ProviderUnreachable the provider did not answer in time or at all, or answered with a 5xx
     * @throws ProviderBadAnswer   the answer is not a discovery document for this issuer
     */
    public ProviderMetadata metadata(ProviderDeadline deadline) {
        ProviderMetadata known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata == null) {
                metadata = ProviderMetadata.parse(fetch(discoveryUri, "Discovery", deadline), issuer);
            }
            return metadata;
        }
    }

    /** The HTTP client, shared with the {@link TokenExchange} for this provider. */
    OidcHttp http() {
        return http;
    }

    JWKSet keys(ProviderDeadline deadline) {
        return keys.current(deadline);
    }

    Optional<JWKSet> keysAfterUnknownKey(ProviderDeadline deadline) {
        return keys.refreshedForUnknownKey(deadline);
    }

    private JWKSet fetchKeys(ProviderDeadline deadline) {
        String body = fetch(metadata(deadline).jwksUri(), "Jwks", deadline);
        try {
            return JWKSet.parse(body);
        } catch (ParseException | RuntimeException e) {
            throw new ProviderBadAnswer("JwksNotParsable");
        }
    }

    private String fetch(URI uri, String what, ProviderDeadline deadline) {
        OidcHttp.Answer answer;
        try {
            answer = http.get(uri, deadline);
        } catch (IOException e) {
            throw ProviderUnreachable.of(what, e);
        } catch (ProviderBadAnswer e) {
            throw new ProviderBadAnswer(what + ":" + e.reason());
        }
        if (answer.status() >= 500) {
            throw new ProviderUnreachable(what + ":HTTP" + answer.status(), false);
        }
        if (answer.status() != 200) {
            throw new ProviderBadAnswer(what + ":HTTP" + answer.status());
        }
        if (answer.body().length() > OidcHttp.MAX_BODY_BYTES) {
            throw new ProviderBadAnswer(what + ":TooLarge");
        }
        return answer.body();
    }

    /** Settings of an {@link OidcProvider}; only the issuer is required. */
    public static final class Builder {
        private final String issuer;
        private OidcHttp http;
        private Clock clock = Clock.systemUTC();
        private Duration keysMaxAge = DEFAULT_KEYS_MAX_AGE;
        private Duration keysMinInterval = DEFAULT_KEYS_MIN_INTERVAL;

        private Builder(String issuer) {
            Objects.requireNonNull(issuer, "issuer");
            Urls.requireAllowedEndpoint(URI.create(issuer), "The issuer");
            if (URI.create(issuer).getRawQuery() != null) {
                throw new IllegalArgumentException("The issuer must not have a query");
            }
            this.issuer = issuer;
        }

        /** How to reach the provider; {@link OidcHttp#urlConnection()} unless set. */
        public Builder http(OidcHttp http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long fetched keys are used before they are fetched again; one hour unless set. */
        public Builder keysMaxAge(Duration maxAge) {
            this.keysMaxAge = positive(maxAge, "keysMaxAge");
            return this;
        }

        /** The least time between two fetches of the keys after the first; 30 seconds unless set. */
        public Builder keysMinInterval(Duration minInterval) {
            this.keysMinInterval = positive(minInterval, "keysMinInterval");
            return this;
        }

        public OidcProvider build() {
            if (http == null) {
                http = OidcHttp.urlConnection();
            }
            return new OidcProvider(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }
}

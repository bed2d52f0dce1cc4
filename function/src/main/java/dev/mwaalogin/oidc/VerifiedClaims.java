package dev.mwaalogin.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a token that passed every check. Immutable; claims keep their JSON shape: objects are maps, arrays
 * lists, numbers {@link Long} or {@link Double}, and {@code exp}/{@code iat}/{@code nbf} seconds since the epoch.
 *
 * <p>{@link #toString()} names the claims but shows no values: they are personal data.
 */
public final class VerifiedClaims {

    private final String subject;
    private final Instant expiresAt;
    private final Map<String, Object> claims;

    VerifiedClaims(String subject, Instant expiresAt, Map<String, Object> claims) {
        this.subject = subject;
        this.expiresAt = expiresAt;
        this.claims = frozenMap(claims);
    }

    /** The {@code sub} claim: who signed in, unique within the issuer. */
    public String subject() {
        return subject;
    }

    /** The {@code exp} claim. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Every claim, unmodifiable. */
    public Map<String, Object> claims() {
        return claims;
    }

    /** A claim that is a string, such as {@code email}. */
    public Optional<String> string(String name) {
        Object value = claims.get(name);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }

    /**
     * A claim that is an array of strings, such as {@code cognito:groups}; a lone string counts as an array of one.
     * Empty when the claim is missing or holds anything else.
     */
    public List<String> strings(String name) {
        Object value = claims.get(name);
        if (value instanceof String) {
            return List.of((String) value);
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return List.of();
        }
        return list.stream().map(String.class::cast).toList();
    }

    @Override
    public String toString() {
        return "VerifiedClaims" + claims.keySet();
    }

    private static Map<String, Object> frozenMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), frozen(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozenMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozen(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}

package dev.mwaalogin.identity;

import java.util.Locale;
import java.util.Map;

/**
 * The e-mail address a token's provider vouches for: the {@code email} claim counts only when {@code email_verified}
 * is the JSON boolean {@code true} (a string "true" is not), and, where Entra ID adds {@code xms_edov} (the e-mail's
 * domain is verified as the tenant's own), only when that is {@code true} too. Providers let people set their own
 * e-mail address (self-service profiles, guests, federated sign-ins); unverified, it names whoever typed it.
 *
 * <p>Lower-cased: the mailbox is the same whatever the case, and Airflow finds users ignoring case anyway.
 */
public final class VerifiedEmail {

    public static final String CLAIM = "email";
    static final String VERIFIED = "email_verified";
    /** Entra ID's "email domain owner verified". */
    static final String DOMAIN_OWNER_VERIFIED = "xms_edov";

    private VerifiedEmail() {
    }

    /** Why an address does not count, for the log; null when it does. */
    static String refusal(Map<String, ?> claims) {
        if (!(claims.get(CLAIM) instanceof String email) || email.isBlank()) {
            return "NoEmail";
        }
        if (!Boolean.TRUE.equals(claims.get(VERIFIED))) {
            return "EmailNotVerified";
        }
        if (claims.containsKey(DOMAIN_OWNER_VERIFIED) && !Boolean.TRUE.equals(claims.get(DOMAIN_OWNER_VERIFIED))) {
            return "EmailDomainNotVerified";
        }
        return null;
    }

    /** The verified address, lower-cased; null when there is none. */
    static String of(Map<String, ?> claims) {
        return refusal(claims) == null ? ((String) claims.get(CLAIM)).toLowerCase(Locale.ROOT) : null;
    }
}

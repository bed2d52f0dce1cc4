package dev.mwaalogin.identity;

import static dev.mwaalogin.settings.Variables.invalid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who counts as one of "our people" before any group is looked at: {@code REQUIRED_CLAIMS}, rules
 * {@code claim=value} separated by ';', e.g. {@code hd=example.com} (Google Workspace), {@code tid=<tenant id>}
 * (Entra ID), {@code email_domain=example.com}.
 *
 * <p>A token is admitted when, for every claim named, it carries that claim as a string equal to one of the values
 * given for it (the same claim named twice: either value). {@code email_domain} is not a claim but the domain of the
 * token's e-mail address, and only of a verified one ({@link VerifiedEmail}), compared ignoring case. No rules: every
 * token is admitted.
 */
public final class RequiredClaims {

    /** The pseudo-claim for the domain of the verified e-mail address. */
    static final String EMAIL_DOMAIN = "email_domain";
    static final int MAX_RULES = 20;

    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");

    static final RequiredClaims NONE = new RequiredClaims(Map.of());

    /** Each claim named, with the values any of which admits. */
    private final Map<String, List<String>> rules;

    private RequiredClaims(Map<String, List<String>> rules) {
        this.rules = rules;
    }

    /**
     * Reads {@code claim=value;claim=value}. Blank: none.
     *
     * @throws IllegalArgumentException naming {@code REQUIRED_CLAIMS} and what is wrong
     */
    static RequiredClaims parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, List<String>> rules = new LinkedHashMap<>();
        int count = 0;
        for (String entry : value.split(";", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String claim = equals < 0 ? "" : entry.substring(0, equals).trim();
            String expected = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (!CLAIM.matcher(claim).matches() || expected.isEmpty() || expected.length() > 256
                    || expected.chars().anyMatch(Character::isISOControl)) {
                throw invalid("REQUIRED_CLAIMS", "must be claim=value rules separated by ';', e.g. "
                        + "hd=example.com or email_domain=example.com;tid=<tenant id>");
            }
            rules.computeIfAbsent(claim, name -> new ArrayList<>()).add(claim.equals(EMAIL_DOMAIN)
                    ? expected.toLowerCase(Locale.ROOT) : expected);
            count++;
        }
        if (count > MAX_RULES) {
            throw invalid("REQUIRED_CLAIMS", "has more than " + MAX_RULES + " rules");
        }
        rules.replaceAll((claim, values) -> List.copyOf(values));
        return new RequiredClaims(Collections.unmodifiableMap(rules));
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Whether the token's claims hold every rule.
     *
     * @param claims        the verified token's claims, as JSON types
     * @param verifiedEmail the token's e-mail address if it is verified, lower-cased; else null
     */
    boolean admit(Map<String, ?> claims, String verifiedEmail) {
        for (Map.Entry<String, List<String>> rule : rules.entrySet()) {
            String actual = rule.getKey().equals(EMAIL_DOMAIN) ? domainOf(verifiedEmail)
                    : claims.get(rule.getKey()) instanceof String text ? text : null;
            if (actual == null || !rule.getValue().contains(actual)) {
                return false;
            }
        }
        return true;
    }

    private static String domainOf(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1);
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "none" : rules.keySet().toString();
    }
}

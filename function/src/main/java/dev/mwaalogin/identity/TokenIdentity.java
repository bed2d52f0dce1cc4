package dev.mwaalogin.identity;

import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.oidc.EndSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a verified token names, by the same rules in every mode that reads tokens (API Gateway's JWT authorizer, the
 * function's own browser sign-in, a script's bearer token): claims in, {@link Caller} out, or a refusal that says why.
 *
 * <ul>
 *   <li>The person is the one configured claim ({@code IDENTITY_CLAIM}), a string, exactly as issued; when that claim
 *       is missing nothing else stands in for it. {@code email} counts only as {@link VerifiedEmail} says, and is
 *       lower-cased.</li>
 *   <li>{@code REQUIRED_CLAIMS} must hold before any group is looked at.</li>
 *   <li>The groups are the one groups claim as issued: an array's strings, or a string as one group (never split).
 *       More than {@link #MAX_GROUPS}, or a provider saying it left them out (Entra's groups overage), is a refusal
 *       naming the cause: fewer groups than the person has could show a wrong role.</li>
 * </ul>
 * Claims are JSON types: strings, {@link Boolean}, lists, maps and numbers of either JSON reader.
 */
public final class TokenIdentity {

    /** Real people sit in tens of groups; a session cookie must hold them all. */
    public static final int MAX_GROUPS = 100;
    /** A longer group name is no group anyone maps; it is left out, as one with control characters is. */
    static final int MAX_GROUP_LENGTH = 256;
    /** Entra ID's markers that groups were left out of the token: the claim sources, and the implicit-flow flag. */
    static final String CLAIM_NAMES = "_claim_names";
    static final String HAS_GROUPS = "hasgroups";

    private final IdentitySettings settings;

    public TokenIdentity(IdentitySettings settings) {
        this.settings = settings;
    }

    /**
     * The caller a verified token names.
     *
     * @throws Failed a refusal when it names no one the configuration trusts, is not one of the people
     *                {@code REQUIRED_CLAIMS} admits, or its groups cannot be read whole
     */
    public Caller caller(Map<String, ?> claims, Caller.Source source) {
        String person = person(claims);
        String verifiedEmail = settings.requiredClaims().isEmpty() ? null : VerifiedEmail.of(claims);
        if (!settings.requiredClaims().admit(claims, verifiedEmail)) {
            throw Failed.refused(Reason.NOT_ADMITTED, "RequiredClaims");
        }
        return new Caller(person, groups(claims), source);
    }

    private String person(Map<String, ?> claims) {
        String claim = settings.personClaim();
        if (claim.equals(VerifiedEmail.CLAIM)) {
            String refusal = VerifiedEmail.refusal(claims);
            if (refusal != null) {
                throw Failed.refused(Reason.UNNAMED, refusal);
            }
            return VerifiedEmail.of(claims);
        }
        if (!(claims.get(claim) instanceof String person) || person.isBlank()) {
            throw Failed.refused(Reason.UNNAMED, "NoPersonClaim");
        }
        if (person.length() > Caller.MAX_PERSON_LENGTH) {
            throw Failed.refused(Reason.UNNAMED, "PersonTooLong");
        }
        return person;
    }

    private List<String> groups(Map<String, ?> claims) {
        String claim = groupsClaim(claims);
        if (claims.get(CLAIM_NAMES) instanceof Map<?, ?> sources && sources.containsKey(claim)
                || claim.equals(IdentitySettings.GROUPS_CLAIM) && Boolean.TRUE.equals(claims.get(HAS_GROUPS))) {
            throw Failed.refused(Reason.GROUPS_NOT_IN_TOKEN, "GroupsOverage");
        }
        Object value = claims.get(claim);
        if (value instanceof String group) {
            return isKept(group) ? List.of(group) : List.of();
        }
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        if (list.size() > MAX_GROUPS) {
            throw Failed.refused(Reason.TOO_MANY_GROUPS, "TooManyGroups");
        }
        List<String> groups = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof String group && isKept(group)) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** The configured groups claim, else the one the token's issuer uses. */
    private String groupsClaim(Map<String, ?> claims) {
        if (settings.groupsClaim().isPresent()) {
            return settings.groupsClaim().get();
        }
        return claims.get("iss") instanceof String issuer && EndSession.isCognitoIssuer(issuer)
                ? IdentitySettings.COGNITO_GROUPS_CLAIM : IdentitySettings.GROUPS_CLAIM;
    }

    private static boolean isKept(String group) {
        if (group.isEmpty() || group.length() > MAX_GROUP_LENGTH) {
            return false;
        }
        for (int i = 0; i < group.length(); i++) {
            if (Character.isISOControl(group.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

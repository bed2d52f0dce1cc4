package dev.mwaalogin;

import dev.mwaalogin.internal.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads who is calling from what API Gateway's authorizer vouched for: the claims of a verified JWT, or the ARN of
 * the IAM principal that signed the request. Pure functions; nothing here trusts a header, the query or the body.
 */
final class Callers {

    /** Longer values are not names anyone signs in with; refusing them bounds what reaches STS and the log. */
    static final int MAX_PERSON_LENGTH = 256;

    private Callers() {
    }

    /**
     * The caller a JWT authorizer vouched for.
     *
     * @param claims       the token's claims as API Gateway passes them on (every value a string)
     * @param personClaims the claims to take the person from, first present wins
     * @param groupClaims  the claims to take the groups from, first present wins
     */
    static Optional<Caller> fromJwtClaims(Map<String, String> claims, List<String> personClaims,
                                          List<String> groupClaims) {
        String person = first(claims, personClaims);
        if (person == null) {
            return Optional.empty();
        }
        String groups = first(claims, groupClaims);
        return Optional.of(new Caller(person, groups == null ? List.of() : groups(groups), Caller.Source.JWT_AUTHORIZER));
    }

    /**
     * The caller an IAM authorizer vouched for, from the principal's ARN: an assumed-role session (IAM Identity
     * Center users are {@code assumed-role/AWSReservedSSO_<PermissionSet>_<hash>/<user>}) is its session name in the
     * group of its role name; an IAM user is its name in the group {@code user/<name>}; a federated user likewise.
     * The account root and anything unrecognised are no one: they cannot be told apart as people.
     */
    static Optional<Caller> fromPrincipalArn(String arn) {
        if (arn == null || arn.length() > 2048) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[1].startsWith("aws")) {
            return Optional.empty();
        }
        String resource = parts[5];
        if (parts[2].equals("sts") && resource.startsWith("assumed-role/")) {
            String[] names = resource.split("/", -1);
            return names.length == 3 ? person(names[2], names[1]) : Optional.empty();
        }
        if (parts[2].equals("sts") && resource.startsWith("federated-user/")) {
            String name = resource.substring("federated-user/".length());
            return person(name, "federated-user/" + name);
        }
        if (parts[2].equals("iam") && resource.startsWith("user/")) {
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return person(name, "user/" + name);
        }
        return Optional.empty();
    }

    private static Optional<Caller> person(String person, String group) {
        if (person.isEmpty() || person.length() > MAX_PERSON_LENGTH || group.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(person, List.of(group), Caller.Source.IAM_AUTHORIZER));
    }

    private static String first(Map<String, String> claims, List<String> names) {
        for (String name : names) {
            String value = claims.get(name);
            // Blank after trim(), which also drops control characters: "\u0000" names no one, not the person "".
            if (value != null && !value.trim().isEmpty() && value.length() <= MAX_PERSON_LENGTH * 64) {
                return value.trim();
            }
        }
        return null;
    }

    /**
     * The groups in a claim value, in each shape API Gateway delivers an array claim: its HTTP API turns
     * {@code ["a","b"]} into the string {@code [a b]}; some paths keep JSON text; a single group is a plain string,
     * and REST API authorizers join several with commas.
     */
    static List<String> groups(String value) {
        String text = value.trim();
        List<String> groups = new ArrayList<>();
        if (text.startsWith("[") && text.endsWith("]")) {
            List<Object> json = jsonArray(text);
            if (json != null) {
                json.stream().filter(String.class::isInstance).map(String.class::cast).map(String::trim)
                        .filter(group -> !group.isEmpty()).forEach(groups::add);
                return groups;
            }
            text = text.substring(1, text.length() - 1);
            for (String group : text.split("[\\s,]+")) {
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
            return groups;
        }
        for (String group : text.split(",")) {
            if (!group.isBlank()) {
                groups.add(group.trim());
            }
        }
        return groups;
    }

    private static List<Object> jsonArray(String text) {
        try {
            return JsonReader.array(JsonReader.parse(text));
        } catch (JsonReader.MalformedJson notJson) {
            return null;
        }
    }
}

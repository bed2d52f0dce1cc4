package dev.mwaalogin.identity;

import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.LoginRequest;
import java.util.List;
import java.util.Optional;

/**
 * Who API Gateway's authorizer vouched for, read only from the source {@code AUTH_MODE} names: a JWT's person and
 * groups (the token read back by {@link AuthorizerToken}, its claims made a caller by {@link TokenIdentity}, as every
 * token is), or the principal whose signature the IAM authorizer verified. Nothing here trusts a header other than
 * the authorizer's own token, the query or the body.
 *
 * <p>A session name is whatever the caller passed to {@code AssumeRole}, so it names a person only where that choice
 * is not the caller's: IAM Identity Center's {@code AWSReservedSSO_*} roles, whose session name AWS sets to the
 * signed-in user, and the roles the operator lists ({@code TRUSTED_SESSION_ROLES}), whose trust policies pin it. Every
 * other principal is a person in a namespace of its own, which no trusted name can equal (session names have no
 * '/'): {@code <role>/<session>}, an IAM user {@code user/<name>}, a federated user {@code federated/<name>}; a role
 * named like a namespace ({@code user}, {@code federated}) is {@code role/<role>/<session>}. Each such person becomes
 * a hashed, still distinct session name ({@link SessionNames}).
 */
public final class Callers {

    private final IdentitySettings identity;
    private final TokenIdentity tokens;

    public Callers(IdentitySettings identity, TokenIdentity tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    /**
     * The caller API Gateway's authorizer vouched for; empty for none.
     *
     * @param authorization the request's {@code Authorization} header, where the JWT authorizer's token is
     * @throws Failed a token that names no one the configuration trusts, where people sign in as themselves
     */
    public Optional<Caller> vouchedFor(LoginRequest.Authorizer authorizer, String authorization) {
        try {
            if (!authorizer.jwtClaims().isEmpty() && identity.authMode().acceptsJwt()) {
                return Optional.of(tokens.caller(AuthorizerToken.claims(authorization, authorizer.jwtClaims()),
                        Caller.Source.JWT_AUTHORIZER));
            }
            return identity.authMode().acceptsIam() ? fromPrincipalArn(authorizer.principalArn(), identity)
                    : Optional.empty();
        } catch (Failed refused) {
            // The shared identity signs in whoever the authorizer let through; who it was only goes to the log.
            if (identity.isShared()) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /**
     * The caller an IAM authorizer vouched for, from the principal's ARN: an assumed-role session is its person (see
     * above) in the group of its role name; an IAM user is in the group {@code user/<name>}, a federated user in
     * {@code federated-user/<name>}. The account root and anything unrecognised are no one: they cannot be told
     * apart as people.
     */
    static Optional<Caller> fromPrincipalArn(String arn, IdentitySettings identity) {
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
            if (names.length != 3 || names[1].isEmpty() || names[2].isEmpty()) {
                return Optional.empty();
            }
            String role = names[1];
            String person = identity.trustsSessionsOf(role) ? names[2]
                    : isNamespace(role) ? "role/" + role + "/" + names[2] : role + "/" + names[2];
            return person(person, role);
        }
        if (parts[2].equals("sts") && resource.startsWith("federated-user/")) {
            String name = resource.substring("federated-user/".length());
            return name.isEmpty() ? Optional.empty() : person("federated/" + name, "federated-user/" + name);
        }
        if (parts[2].equals("iam") && resource.startsWith("user/")) {
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return name.isEmpty() ? Optional.empty() : person("user/" + name, "user/" + name);
        }
        return Optional.empty();
    }

    /** A role whose name is a namespace word would make {@code <role>/<session>} look like another kind. */
    private static boolean isNamespace(String role) {
        return role.equalsIgnoreCase("user") || role.equalsIgnoreCase("federated") || role.equalsIgnoreCase("role");
    }

    private static Optional<Caller> person(String person, String group) {
        if (person.length() > Caller.MAX_PERSON_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new Caller(person, List.of(group), Caller.Source.IAM_AUTHORIZER));
    }
}

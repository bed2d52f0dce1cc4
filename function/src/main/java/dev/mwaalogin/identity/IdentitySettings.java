package dev.mwaalogin.identity;

import static dev.mwaalogin.settings.Variables.invalid;

import dev.mwaalogin.settings.Variables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How callers become people with their own Airflow user and role (part of {@link dev.mwaalogin.Config}).
 *
 * @param authMode            {@code AUTH_MODE}: what vouches for callers, and the only source read
 * @param mapping             {@code ROLE_MAPPING}; empty: everyone shares the function's identity, as before
 * @param roleArns            {@code AIRFLOW_ROLE_ARNS}: the IAM role to assume for each Airflow role the mapping grants
 * @param personClaim         {@code IDENTITY_CLAIM}: the one token claim naming the person ({@code email} unless set)
 * @param groupsClaim         {@code GROUPS_CLAIM}: the one token claim holding the groups; empty: {@code cognito:groups}
 *                            in tokens of a Cognito user pool, {@code groups} in any other
 * @param requiredClaims      {@code REQUIRED_CLAIMS}: what every token must carry before its groups count
 * @param trustedSessionRoles {@code TRUSTED_SESSION_ROLES}: IAM roles whose session name is the person, as it is for
 *                            IAM Identity Center's {@code AWSReservedSSO_*} roles
 */
public record IdentitySettings(AuthMode authMode, RoleMapping mapping, Map<AirflowRole, String> roleArns,
                               String personClaim, Optional<String> groupsClaim, RequiredClaims requiredClaims,
                               List<String> trustedSessionRoles) {

    static final String DEFAULT_PERSON_CLAIM = VerifiedEmail.CLAIM;
    static final String COGNITO_GROUPS_CLAIM = "cognito:groups";
    static final String GROUPS_CLAIM = "groups";
    /** Keeps room in MWAA's 64 characters for a person's hashed name (see {@link SessionNames}). */
    static final int MAX_ROLE_NAME = SessionNames.maxRoleNameLength();

    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:iam::[0-9]{12}:role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");
    /** An IAM role name without ',' (which separates them here). */
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=.@-]{1,64}");

    public IdentitySettings {
        roleArns = roleArns.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(roleArns));
        trustedSessionRoles = List.copyOf(trustedSessionRoles);
    }

    public static IdentitySettings from(Variables vars) {
        AuthMode authMode = AuthMode.parse(vars.optional("AUTH_MODE").orElse(null));
        RoleMapping mapping = RoleMapping.parse(vars.optional("ROLE_MAPPING").orElse(null));
        Map<AirflowRole, String> arns = roleArns(vars.optional("AIRFLOW_ROLE_ARNS").orElse(null));
        if (mapping.isEmpty() && !arns.isEmpty()) {
            throw invalid("AIRFLOW_ROLE_ARNS", "is set but ROLE_MAPPING is empty: set both, or neither");
        }
        for (AirflowRole role : mapping.grantableRoles()) {
            if (!arns.containsKey(role)) {
                throw invalid("AIRFLOW_ROLE_ARNS", "has no IAM role for " + role + ", which ROLE_MAPPING grants");
            }
        }
        RequiredClaims required = RequiredClaims.parse(vars.optional("REQUIRED_CLAIMS").orElse(null));
        if (authMode == AuthMode.AWS_IAM && !required.isEmpty()) {
            throw invalid("REQUIRED_CLAIMS", "is for tokens: with AUTH_MODE AWS_IAM callers carry no claims");
        }
        // A provider anyone can sign up at (a public Google or Microsoft account) would sign the whole world in.
        if (authMode == AuthMode.OIDC && mapping.admitsEveryone() && required.isEmpty()) {
            throw invalid("ROLE_MAPPING", "has a lone '*' rule, which with AUTH_MODE OIDC admits everyone the "
                    + "provider signs in: set REQUIRED_CLAIMS (e.g. hd=example.com, tid=<tenant>, "
                    + "email_domain=example.com) or map groups instead");
        }
        return new IdentitySettings(authMode, mapping, arns,
                claim("IDENTITY_CLAIM", vars.optional("IDENTITY_CLAIM").orElse(DEFAULT_PERSON_CLAIM)),
                vars.optional("GROUPS_CLAIM").map(value -> claim("GROUPS_CLAIM", value)), required,
                roleNames(vars.optional("TRUSTED_SESSION_ROLES").orElse(null)));
    }

    /** Whether everyone shares the function's own identity (no {@code ROLE_MAPPING}). */
    public boolean isShared() {
        return mapping.isEmpty();
    }

    /** The IAM role name in an ARN of {@link #roleArns()}: what MWAA puts between "assumed-role/" and the person. */
    static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    private static Map<AirflowRole, String> roleArns(String value) {
        Map<AirflowRole, String> arns = new EnumMap<>(AirflowRole.class);
        if (value == null) {
            return arns;
        }
        for (String entry : value.split(";", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String roleName = equals < 0 ? "" : entry.substring(0, equals).trim();
            String arn = equals < 0 ? "" : entry.substring(equals + 1).trim();
            AirflowRole role = AirflowRole.named(roleName).orElseThrow(() -> invalid("AIRFLOW_ROLE_ARNS",
                    "must be AirflowRole=IAM role ARN pairs, e.g. Admin=arn:aws:iam::123456789012:role/Admin-abc"));
            Matcher matcher = ROLE_ARN.matcher(arn);
            if (!matcher.matches()) {
                throw invalid("AIRFLOW_ROLE_ARNS", "has an invalid IAM role ARN for " + role);
            }
            if (matcher.group(1).length() > MAX_ROLE_NAME) {
                throw invalid("AIRFLOW_ROLE_ARNS", "names an IAM role for " + role + " longer than " + MAX_ROLE_NAME
                        + " characters: MWAA's Airflow user names (assumed-role/<role>/<person>) hold 64");
            }
            if (arns.put(role, arn) != null) {
                throw invalid("AIRFLOW_ROLE_ARNS", "names " + role + " twice");
            }
        }
        return arns;
    }

    /** One claim name: the person (or the groups) come from exactly that claim, never from another. */
    private static String claim(String variable, String value) {
        if (value.indexOf(',') >= 0) {
            throw invalid(variable, "must name one claim: the person and the groups each come from exactly one "
                    + "claim, never from another when it is missing");
        }
        if (!CLAIM.matcher(value).matches()) {
            throw invalid(variable, "must be a claim name such as email, oid or cognito:groups");
        }
        return value;
    }

    private static List<String> roleNames(String value) {
        List<String> names = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(",", -1)) {
                String name = entry.trim();
                if (!ROLE_NAME.matcher(name).matches()) {
                    throw invalid("TRUSTED_SESSION_ROLES", "must be IAM role names separated by ',' (the name "
                            + "only, not the ARN)");
                }
                names.add(name);
            }
        }
        return names;
    }

    /** Whether an IAM role's session names are set by AWS or pinned by its trust policy, so each names a person. */
    public boolean trustsSessionsOf(String roleName) {
        if (roleName.startsWith("AWSReservedSSO_")) {
            return true;
        }
        for (String trusted : trustedSessionRoles) {
            // IAM role names are unique ignoring case; the ARN spells the name as it was created.
            if (trusted.equalsIgnoreCase(roleName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "IdentitySettings[" + authMode + ", " + (isShared() ? "shared" : mapping + ", roles="
                + roleArns.keySet() + ", person=" + personClaim + ", groups=" + groupsClaim.orElse("by issuer")
                + ", required=" + requiredClaims + ", trusted=" + trustedSessionRoles) + "]";
    }
}

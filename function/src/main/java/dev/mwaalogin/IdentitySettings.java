package dev.mwaalogin;

import static dev.mwaalogin.internal.Variables.invalid;

import dev.mwaalogin.internal.Variables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How callers become people with their own Airflow user and role (part of {@link Config}).
 *
 * @param mapping      {@code ROLE_MAPPING}; empty: everyone shares the function's identity, as before
 * @param roleArns     {@code AIRFLOW_ROLE_ARNS}: the IAM role to assume for each Airflow role the mapping grants
 * @param personClaims {@code IDENTITY_CLAIM}: the JWT claims naming the person, first present wins
 * @param groupClaims  {@code GROUPS_CLAIM}: the JWT claims holding the groups, first present wins
 */
public record IdentitySettings(RoleMapping mapping, Map<AirflowRole, String> roleArns, List<String> personClaims,
                               List<String> groupClaims) {

    static final List<String> DEFAULT_PERSON_CLAIMS = List.of("email", "cognito:username", "username", "sub");
    static final List<String> DEFAULT_GROUP_CLAIMS = List.of("cognito:groups", "groups");
    /** Keeps at least 10 characters of MWAA's 64 for the person (see {@link SessionNames}). */
    static final int MAX_ROLE_NAME = 40;

    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:iam::[0-9]{12}:role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");

    public IdentitySettings {
        roleArns = roleArns.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(roleArns));
        personClaims = List.copyOf(personClaims);
        groupClaims = List.copyOf(groupClaims);
    }

    static IdentitySettings from(Variables vars) {
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
        return new IdentitySettings(mapping, arns,
                claims("IDENTITY_CLAIM", vars.optional("IDENTITY_CLAIM").orElse(null), DEFAULT_PERSON_CLAIMS),
                claims("GROUPS_CLAIM", vars.optional("GROUPS_CLAIM").orElse(null), DEFAULT_GROUP_CLAIMS));
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

    private static List<String> claims(String variable, String value, List<String> defaults) {
        if (value == null) {
            return defaults;
        }
        List<String> claims = new ArrayList<>();
        for (String claim : value.split(",", -1)) {
            if (!CLAIM.matcher(claim.trim()).matches()) {
                throw invalid(variable, "must be a comma-separated list of claim names");
            }
            claims.add(claim.trim());
        }
        return claims;
    }

    @Override
    public String toString() {
        return "IdentitySettings[" + (isShared() ? "shared" : mapping + ", roles=" + roleArns.keySet()) + "]";
    }
}

package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AssumeRole's parameters, checked against STS's model the way STS checks them: every broken constraint is listed
 * in one {@code ValidationError}. Session policies, tags, external id and MFA parameters are accepted and ignored.
 *
 * @param roleArn         the role to assume
 * @param roleSessionName who the session is for; the last part of {@code assumed-role/<role>/<session>}
 * @param duration        how long the credentials work; 3600 seconds when not given, as STS defaults
 * @param sourceIdentity  the person behind the session, or null; STS's pattern has no {@code :}, so its rule that
 *                        a source identity may not start with {@code aws:} needs no check of its own
 */
record AssumeRoleParameters(String roleArn, String roleSessionName, Duration duration, String sourceIdentity) {

    static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    private static final String NAME_PATTERN = "[\\w+=,.@-]*";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    /** @throws ApiException 400 ValidationError naming every broken constraint */
    static AssumeRoleParameters from(Map<String, String> parameters) throws ApiException {
        List<String> errors = new ArrayList<>();
        String roleArn = parameters.get("RoleArn");
        if (roleArn == null) {
            errors.add(error(null, "roleArn", "Member must not be null"));
        } else {
            length(errors, roleArn, "roleArn", 20, 2048);
        }
        String sessionName = parameters.get("RoleSessionName");
        if (sessionName == null) {
            errors.add(error(null, "roleSessionName", "Member must not be null"));
        } else {
            name(errors, sessionName, "roleSessionName");
        }
        String sourceIdentity = parameters.get("SourceIdentity");
        if (sourceIdentity != null) {
            name(errors, sourceIdentity, "sourceIdentity");
        }
        Duration duration = duration(errors, parameters.get("DurationSeconds"));
        if (!errors.isEmpty()) {
            throw new ApiException(400, "ValidationError", errors.size() + " validation error"
                    + (errors.size() == 1 ? "" : "s") + " detected: " + String.join("; ", errors));
        }
        return new AssumeRoleParameters(roleArn, sessionName, duration, sourceIdentity);
    }

    private static void name(List<String> errors, String value, String member) {
        length(errors, value, member, 2, 64);
        if (!NAME.matcher(value).matches()) {
            errors.add(error(value, member, "Member must satisfy regular expression pattern: " + NAME_PATTERN));
        }
    }

    private static void length(List<String> errors, String value, String member, int min, int max) {
        if (value.length() < min) {
            errors.add(error(value, member, "Member must have length greater than or equal to " + min));
        } else if (value.length() > max) {
            errors.add(error(value, member, "Member must have length less than or equal to " + max));
        }
    }

    private static Duration duration(List<String> errors, String text) {
        if (text == null) {
            return DEFAULT_DURATION;
        }
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            errors.add(error(text, "durationSeconds", "Member must be a whole number of seconds"));
            return DEFAULT_DURATION;
        }
        if (seconds < 900) {
            errors.add(error(text, "durationSeconds", "Member must have value greater than or equal to 900"));
        } else if (seconds > 43200) {
            errors.add(error(text, "durationSeconds", "Member must have value less than or equal to 43200"));
        }
        return Duration.ofSeconds(seconds);
    }

    /** AWS's wording; a missing member is {@code Value null}, unquoted. */
    private static String error(String value, String member, String constraint) {
        return "Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member
                + "' failed to satisfy constraint: " + constraint;
    }
}
